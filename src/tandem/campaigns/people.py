"""The people page's read model: per pair of a campaign, everyone who was invited or holds a role
(role, administration, invited / opened / expired / withdrawn / active, last login), and the
history of the roles the campaign gave, with who gave, changed or took them."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Invitation, PairRole
from tandem.places.models import Administration, Pair
from tandem.places.naming import folded, pair_name

from .models import Campaign

STATUS_LABELS = {
    "invited": _("invited"),
    "opened": _("link opened"),
    "expired": _("link expired"),
    "withdrawn": _("withdrawn"),
    "active": _("active"),
}
ADMINISTRATIONS = dict(Administration.Kind.choices)
ROLES = dict(PairRole.Role.choices)


@dataclass
class Person:
    """One line: an invitation not (or no longer) in use, or a role someone holds."""

    name: str
    email: str
    administration: str
    role: str
    status: str
    last_login: datetime | None = None
    invitation: Invitation | None = None
    pair_role: PairRole | None = None

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def role_label(self) -> str:
        return str(ROLES.get(self.role, ""))

    @property
    def administration_label(self) -> str:
        return str(ADMINISTRATIONS.get(self.administration, "—"))

    @property
    def for_all_campaigns(self) -> bool:
        """A pair's own role: its editors manage it, not the campaign's coordinator."""
        return self.pair_role is not None and self.pair_role.campaign_id is None

    @property
    def may_resend(self) -> bool:
        return self.invitation is not None and self.status in ("invited", "opened", "expired")

    @property
    def may_change(self) -> bool:
        return self.pair_role is not None and not self.for_all_campaigns


@dataclass
class PairPeople:
    name: str
    pair: Pair
    people: list[Person] = field(default_factory=list)


def _invitation_status(invitation: Invitation, now: datetime) -> str:
    if invitation.revoked_at is not None:
        return "withdrawn"
    if invitation.expires_at <= now:
        return "expired"
    return "opened" if invitation.opened_at else "invited"


def people_of(campaign: Campaign) -> list[PairPeople]:
    """Everyone per pair, pairs sorted by name in the page's language; three queries."""
    now = timezone.now()
    pairs = {
        p.pair_id: PairPeople(name=pair_name(p.pair), pair=p.pair)
        for p in campaign.participations.select_related("pair__municipality__region")
    }
    roles = PairRole.objects.filter(pair__in=list(pairs)).select_related("user")
    roles = [r for r in roles if r.campaign_id in (None, campaign.pk)]
    held = {(r.user_id, r.pair_id) for r in roles if r.campaign_id == campaign.pk}
    for invitation in campaign.invitations.filter(pair__in=list(pairs)):
        if invitation.accepted_at is not None and (invitation.user_id, invitation.pair_id) in held:
            continue  # the role's line shows the person
        status = _invitation_status(invitation, now)
        if invitation.accepted_at is not None and status != "withdrawn":
            status = "withdrawn"  # accepted, then the role was taken back
        pairs[invitation.pair_id].people.append(
            Person(
                name=invitation.name,
                email=invitation.email,
                administration=invitation.administration,
                role=PairRole.Role.RESPONDENT,
                status=status,
                invitation=invitation,
            )
        )
    for role in roles:
        user = role.user
        pairs[role.pair_id].people.append(
            Person(
                name=user.get_full_name() or user.username,
                email=user.email or user.username,
                administration=role.administration,
                role=role.role,
                status="active",
                last_login=user.last_login,
                pair_role=role,
            )
        )
    for entry in pairs.values():
        entry.people.sort(key=lambda p: (p.status != "active", folded(p.name)))
    return sorted(pairs.values(), key=lambda entry: folded(entry.name))


@dataclass
class RoleChange:
    at: datetime
    kind: str  # given, changed, taken
    holder: str
    pair: str
    role: str
    by: str


CHANGE_LABELS = {"+": _("given"), "~": _("changed"), "-": _("taken back")}


def role_history(campaign: Campaign) -> list[RoleChange]:
    """The roles the campaign gave, newest first: each grant, change and withdrawal with who
    did it ('—' for a data load or the system)."""
    records = (
        PairRole.history.filter(campaign_id=campaign.pk)
        .select_related("history_user", "user", "pair__municipality__region")
        .order_by("-history_date", "-history_id")
    )
    return [
        RoleChange(
            at=record.history_date,
            kind=str(CHANGE_LABELS[record.history_type]),
            holder=_person(record.user),
            pair=pair_name(record.pair),
            role=str(ROLES.get(record.role, record.role)),
            by=_person(record.history_user),
        )
        for record in records
    ]


def _person(user) -> str:
    if user is None:
        return "—"
    return user.get_full_name() or user.username

"""Who has access to a campaign's pairs, changed by its coordinator without the admin: resend or
withdraw an invitation, take a role back. And a pair's editors giving their pair's roles: to an
existing account at once, to anyone else by a pair's invitation (mailed like a campaign's).

Only what the campaign gave can be changed here: invitations of the campaign and the roles bound
to it. A pair's own roles (for all its campaigns) belong to the pair's editors. Every change of a
role is in the role's history with who made it (simple-history, core.history.record_actor)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts import pair_people
from tandem.accounts.invitations import new_token, token_hash
from tandem.accounts.models import Invitation, PairRole
from tandem.core.history import Actor, record_actor
from tandem.places.models import Pair

from .. import mails
from ..models import CampaignMail


class AccessError(ValueError):
    """A change the invitation's or role's state does not allow; the message says why."""


def _check_open(invitation: Invitation) -> None:
    if invitation.revoked_at is not None:
        raise AccessError(_("This invitation was already withdrawn."))
    if invitation.accepted_at is not None:
        raise AccessError(_("This invitation was accepted: take back the role instead."))


@transaction.atomic
def resend_invitation(*, invitation: Invitation, base_url: str) -> Invitation:
    """Queue the invitation mail again: it leaves with a new link, valid VALID_DAYS from when it
    is sent, and the old link stops working then."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _check_open(invitation)
    mails.queue(invitation=invitation, kind=CampaignMail.Kind.INVITATION, base_url=base_url)
    return invitation


@transaction.atomic
def withdraw_invitation(*, invitation: Invitation, user: Actor) -> Invitation:
    """The invitation's link stops working (it answers 404) and no reminder goes to it."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _check_open(invitation)
    invitation.revoked_at, invitation.revoked_by = timezone.now(), user
    invitation.save(update_fields=["revoked_at", "revoked_by"])
    return invitation


@transaction.atomic
def take_back_role(*, role: PairRole, user: Actor) -> None:
    """The person no longer reaches the pair in this campaign; their answers stay, and the
    invitation that gave the role gets no more reminders."""
    if role.campaign_id is None:
        raise AccessError(_("This role holds for all the pair's campaigns; its editors manage it."))
    Invitation.objects.filter(
        campaign_id=role.campaign_id, pair_id=role.pair_id, user_id=role.user_id
    ).update(revoked_at=timezone.now(), revoked_by=user)
    record_actor(role, user)
    role.delete()


@transaction.atomic
def give_pair_access(
    *,
    pair: Pair,
    email: str,
    role: str,
    administration: str,
    name: str,
    language: str,
    by: Actor,
    base_url: str,
) -> PairRole | Invitation:
    """A pair's editor gives its editor or reader role (for all its campaigns): to an account
    that exists, at once; to anyone else, by an invitation whose mail the worker sends, and the
    role follows when the link is used. Never more than an editor holds (pair_people)."""
    address = email.strip().lower()
    users = get_user_model().objects
    if users.filter(Q(email__iexact=address) | Q(username__iexact=address)).exists():
        return pair_people.grant(
            pair=pair, email=address, role=role, administration=administration, by=by
        )
    if role not in pair_people.GRANTABLE:
        raise pair_people.GrantError(_("A pair's editor gives the editor or reader role only."))
    if Invitation.objects.of_pair_itself(pair).pending().filter(email=address).exists():
        raise pair_people.GrantError(
            _("%(email)s is invited already: send the invitation again below.") % {"email": address}
        )
    invitation = Invitation.objects.create(
        pair=pair,
        role=role,
        administration=administration,
        name=name.strip(),
        email=address,
        language=language,
        # A link no one has: the mail gets the working one when it is sent.
        token_hash=token_hash(new_token()),
        expires_at=timezone.now() + timedelta(days=mails.VALID_DAYS),
        created_by=by,
    )
    mails.queue(invitation=invitation, kind=CampaignMail.Kind.INVITATION, base_url=base_url)
    return invitation

"""Who has access to a campaign's pairs, changed by its coordinator without the admin: resend or
withdraw an invitation, take a role back.

Only what the campaign gave can be changed here: invitations of the campaign and the roles bound
to it. A pair's own roles (for all its campaigns) belong to the pair's editors. Every change of a
role is in the role's history with who made it (simple-history, core.history.record_actor)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import Invitation, PairRole
from tandem.core.history import Actor, record_actor

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

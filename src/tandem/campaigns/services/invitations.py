"""Inviting someone to answer a campaign for one pair, the mails, and the reminders.

The link itself (its hashed token, finding and accepting it) is accounts.invitations; here is
who may be invited (a pair taking part in the campaign); the mails are background jobs
(campaigns.mails).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.invitations import InvitationError, new_token, token_hash
from tandem.accounts.models import Invitation
from tandem.core.history import Actor
from tandem.places.models import Pair

from .. import mails
from ..models import Campaign, CampaignMail, CampaignPair, Response, Round, Submission

VALID_DAYS = mails.VALID_DAYS


def invite(
    *,
    campaign: Campaign,
    pair: Pair,
    administration: str,
    name: str,
    email: str,
    invited_by: Actor,
    base_url: str,
) -> Invitation:
    """Create an invitation and queue its mail; the worker sends it with the link."""
    if not CampaignPair.objects.filter(campaign=campaign, pair=pair).exists():
        raise InvitationError(_("This pair does not take part in the campaign."))
    with transaction.atomic():
        invitation = Invitation.objects.create(
            campaign=campaign,
            pair=pair,
            administration=administration,
            name=name,
            email=email.strip().lower(),
            # A link no one has: the mail gets the working one when it is sent.
            token_hash=token_hash(new_token()),
            expires_at=timezone.now() + timedelta(days=VALID_DAYS),
            created_by=invited_by,
        )
        mails.queue(invitation=invitation, kind=CampaignMail.Kind.INVITATION, base_url=base_url)
    return invitation


@dataclass(frozen=True)
class Invitee:
    """One person to invite: for a pair of the campaign and one of its administrations."""

    pair: Pair
    administration: str
    name: str
    email: str
    language: str = ""  # the mail's language; empty: the pair's questionnaire's


@transaction.atomic
def invite_many(
    *, campaign: Campaign, invitees: list[Invitee], invited_by: Actor, base_url: str
) -> list[Invitation]:
    """Invite many people at once (a bulk invitation): all or nothing, one insert for the
    invitations and one for their mails; the worker sends them."""
    taking_part = set(campaign.participations.values_list("pair_id", flat=True))
    outside = [i.pair for i in invitees if i.pair.pk not in taking_part]
    if outside:
        raise InvitationError(
            _("%(pair)s does not take part in the campaign.") % {"pair": outside[0]}
        )
    expires_at = timezone.now() + timedelta(days=VALID_DAYS)
    created = Invitation.objects.bulk_create(
        Invitation(
            campaign=campaign,
            pair=invitee.pair,
            administration=invitee.administration,
            name=invitee.name,
            email=invitee.email.strip().lower(),
            language=invitee.language,
            token_hash=token_hash(new_token()),
            expires_at=expires_at,
            created_by=invited_by,
        )
        for invitee in invitees
    )
    mails.queue_many(invitations=created, kind=CampaignMail.Kind.INVITATION, base_url=base_url)
    return created


def has_submitted(invitation: Invitation, round_: Round) -> bool:
    participation = CampaignPair.objects.get(campaign=invitation.campaign, pair=invitation.pair)
    respondent = (
        invitation.administration
        if participation.answer_mode == CampaignPair.AnswerMode.SEPARATE
        else Response.Respondent.JOINT
    )
    return Submission.objects.filter(
        round=round_,
        pair=invitation.pair,
        respondent=respondent,
        status=Submission.Status.SUBMITTED,
    ).exists()


@transaction.atomic
def send_reminders(*, campaign: Campaign, round_: Round, base_url: str) -> int:
    """Queue a reminder to everyone invited whose pair has not submitted the round. Someone who
    has not used the link yet gets a fresh one (the old link stops working); the others get a
    login link. Returns how many were queued."""
    queued = 0
    for invitation in campaign.invitations.filter(revoked_at__isnull=True).select_related(
        "pair__municipality"
    ):
        if has_submitted(invitation, round_):
            continue
        mails.queue(invitation=invitation, kind=CampaignMail.Kind.REMINDER, base_url=base_url)
        queued += 1
    return queued

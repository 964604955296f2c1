"""Inviting someone to answer a campaign for one pair, the mails, and the reminders.

The link itself (its hashed token, finding and accepting it) is accounts.invitations; here is
who may be invited (a pair taking part in the campaign) and the mails in the pair's language.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tandem.accounts.invitations import InvitationError, new_token, token_hash
from tandem.accounts.models import Invitation
from tandem.core.history import Actor
from tandem.places.models import Pair

from ..models import Campaign, CampaignPair, Response, Round, Submission

VALID_DAYS = getattr(settings, "TANDEM_INVITATION_DAYS", 14)


def _link(token: str, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("invitation", args=[token])


def language_of(invitation: Invitation) -> str:
    """The language of the invited pair's questionnaire in the campaign."""
    participation = CampaignPair.objects.filter(
        campaign=invitation.campaign, pair=invitation.pair
    ).first()
    return participation.language if participation else settings.LANGUAGE_CODE


def _send(invitation: Invitation, token: str, base_url: str, template: str) -> None:
    """Mail in the language of the pair's questionnaire."""
    with translation.override(language_of(invitation)):
        context = {
            "invitation": invitation,
            "link": _link(token, base_url),
            "valid_days": VALID_DAYS,
            "expires_at": invitation.expires_at,
        }
        subject = render_to_string(f"accounts/{template}_subject.txt", context).strip()
        body = render_to_string(f"accounts/{template}.txt", context)
    send_mail(subject, body, None, [invitation.email])


def send_invitation(invitation: Invitation, token: str, base_url: str) -> None:
    """The invitation mail with its link (the token exists only here and in the mail)."""
    _send(invitation, token, base_url, "invitation_email")


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
    """Create an invitation and e-mail its link."""
    if not CampaignPair.objects.filter(campaign=campaign, pair=pair).exists():
        raise InvitationError(_("This pair does not take part in the campaign."))
    token = new_token()
    with transaction.atomic():
        invitation = Invitation.objects.create(
            campaign=campaign,
            pair=pair,
            administration=administration,
            name=name,
            email=email.strip().lower(),
            token_hash=token_hash(token),
            expires_at=timezone.now() + timedelta(days=VALID_DAYS),
            created_by=invited_by,
        )
        transaction.on_commit(lambda: _send(invitation, token, base_url, "invitation_email"))
    return invitation


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


def send_reminders(*, campaign: Campaign, round_: Round, base_url: str) -> int:
    """Remind everyone invited whose pair has not submitted the round. Someone who has not used
    the link yet gets a fresh one (the old link stops working); the others get a login link."""
    sent = 0
    for invitation in campaign.invitations.filter(revoked_at__isnull=True).select_related(
        "pair__municipality"
    ):
        if has_submitted(invitation, round_):
            continue
        with transaction.atomic():
            token: str | None
            if invitation.accepted_at is None:
                token = new_token()
                invitation.token_hash = token_hash(token)
                invitation.expires_at = timezone.now() + timedelta(days=VALID_DAYS)
                template = "invitation_email"
            else:
                token, template = None, "reminder_email"
            invitation.reminders_sent += 1
            invitation.last_reminded_at = timezone.now()
            invitation.save()
            if token:
                _send(invitation, token, base_url, template)
            else:
                _send_reminder(invitation, base_url)
        sent += 1
    return sent


def _send_reminder(invitation: Invitation, base_url: str) -> None:
    with translation.override(language_of(invitation)):
        link = base_url.rstrip("/") + reverse(
            "questionnaire",
            args=[invitation.campaign.slug, invitation.pair.municipality.refnis],
        )
        context = {"invitation": invitation, "link": link}
        subject = render_to_string("accounts/reminder_email_subject.txt", context).strip()
        body = render_to_string("accounts/reminder_email.txt", context)
    send_mail(subject, body, None, [invitation.email])

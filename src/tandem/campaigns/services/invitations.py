"""Personal, single-use invitations to answer a campaign for one pair, and the reminders.

The link carries a random token; the database keeps only its SHA-256, so a database dump does not
hold working links. Accepting sets the person's password and binds their account to the pair and
the campaign (a respondent role for that campaign only).
"""

import hashlib
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tandem.accounts.models import Invitation, PairRole
from tandem.core.history import Actor
from tandem.places.models import Pair

from ..models import Campaign, CampaignPair, Response, Round, Submission

if TYPE_CHECKING:
    from django.contrib.auth.models import User

VALID_DAYS = getattr(settings, "TANDEM_INVITATION_DAYS", 14)


class InvitationError(ValueError):
    """The link is unknown, used or expired; the message says which."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


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
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            campaign=campaign,
            pair=pair,
            administration=administration,
            name=name,
            email=email.strip().lower(),
            token_hash=_hash(token),
            expires_at=timezone.now() + timedelta(days=VALID_DAYS),
            created_by=invited_by,
        )
        transaction.on_commit(lambda: _send(invitation, token, base_url, "invitation_email"))
    return invitation


def find(token: str) -> Invitation:
    """The invitation of a link, if it can still be used."""
    invitation = (
        Invitation.objects.select_related("campaign", "pair__municipality")
        .filter(token_hash=_hash(token))
        .first()
    )
    if invitation is None:
        raise InvitationError(_("This invitation link is not valid."))
    if invitation.accepted_at is not None:
        raise InvitationError(_("This invitation link was already used. Log in instead."))
    if invitation.expires_at <= timezone.now():
        raise InvitationError(
            _("This invitation link has expired. Ask the coordinator for a new one.")
        )
    return invitation


def mark_opened(*, invitation: Invitation) -> None:
    """A read receipt for the coordinator's overview (the first opening only)."""
    if invitation.opened_at is None:
        invitation.opened_at = timezone.now()
        invitation.save(update_fields=["opened_at"])


@transaction.atomic
def accept(*, token: str, password: str, user: "User | None" = None) -> "User":
    """Use the link: create the account (or take the logged-in one), bind it to the pair and
    the campaign, and spend the invitation. Returns the user."""
    invitation = find(token)
    invitation = Invitation.objects.select_for_update(of=("self",)).get(pk=invitation.pk)
    if invitation.accepted_at is not None:  # a second tab accepted it meanwhile
        raise InvitationError(_("This invitation link was already used. Log in instead."))
    if user is None:
        users = get_user_model()
        user = users.objects.filter(username=invitation.email).first()
        if user is not None:
            raise InvitationError(
                _("An account with this e-mail address exists: log in, then open the link again.")
            )
        first, _sep, last = invitation.name.partition(" ")
        user = users(
            username=invitation.email, email=invitation.email, first_name=first, last_name=last
        )
        user.set_password(password)
        user.save()
    PairRole.objects.get_or_create(
        user=user,
        pair=invitation.pair,
        role=PairRole.Role.RESPONDENT,
        campaign=invitation.campaign,
        defaults={"administration": invitation.administration},
    )
    invitation.accepted_at, invitation.user = timezone.now(), user
    invitation.opened_at = invitation.opened_at or invitation.accepted_at
    invitation.save(update_fields=["accepted_at", "user", "opened_at"])
    return user


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
    for invitation in campaign.invitations.select_related("pair__municipality"):
        if has_submitted(invitation, round_):
            continue
        with transaction.atomic():
            token: str | None
            if invitation.accepted_at is None:
                token = secrets.token_urlsafe(32)
                invitation.token_hash = _hash(token)
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

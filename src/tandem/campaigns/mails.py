"""A campaign's mail as background jobs (Tasks API; issue 16.4): the request queues a
CampaignMail and a task, the worker (`tandem worker`) sends it, multipart (text and HTML) in the
language of the pair's questionnaire. A pair's invitation (its editors invite someone without an
account, no campaign) leaves the same way, in the language its editor chose.

An invitation mail gets its link's token when it is sent, not when it is queued: the token is
in the mail only, and the database (the mail row, the task's arguments) holds no working link.
A failed send is tried again after RETRY_AFTER, then marked failed for the coordinator to see
and retry."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import default_task_backend, task

from tandem.accounts.invitations import new_token, token_hash
from tandem.accounts.models import Invitation

from .models import CampaignMail, CampaignPair

MAX_ATTEMPTS = 3
RETRY_AFTER = (timedelta(minutes=1), timedelta(minutes=10))  # after the 1st and 2nd failure
VALID_DAYS = getattr(settings, "TANDEM_INVITATION_DAYS", 14)


def language_of(invitation: Invitation) -> str:
    """The language the person asked for, else that of the pair's questionnaire."""
    if invitation.language:
        return invitation.language
    if invitation.campaign_id is None:
        return settings.LANGUAGE_CODE
    participation = CampaignPair.objects.filter(
        campaign=invitation.campaign, pair=invitation.pair
    ).first()
    return participation.language if participation else settings.LANGUAGE_CODE


JOB_SIZE = 25  # mails per job: a bulk invitation queues a few dozen jobs, not a thousand


def queue(*, invitation: Invitation, kind: str, base_url: str) -> CampaignMail:
    """Store the mail to send and queue its job once the caller's transaction is committed."""
    (mail,) = queue_many(invitations=[invitation], kind=kind, base_url=base_url)
    return mail


def queue_many(
    *, invitations: list[Invitation], kind: str, base_url: str, scheduled_for=None
) -> list[CampaignMail]:
    """The same for many invitations at once: one insert, and one job per JOB_SIZE mails."""
    mails = CampaignMail.objects.bulk_create(
        CampaignMail(
            campaign_id=invitation.campaign_id,
            invitation=invitation,
            kind=kind,
            scheduled_for=scheduled_for,
        )
        for invitation in invitations
    )
    _enqueue([mail.pk for mail in mails], base_url)
    return mails


def _enqueue(mail_ids: list[int], base_url: str) -> None:
    for start in range(0, len(mail_ids), JOB_SIZE):
        chunk = mail_ids[start : start + JOB_SIZE]
        transaction.on_commit(
            lambda chunk=chunk: send_campaign_mails.enqueue(mail_ids=chunk, base_url=base_url)
        )


OWN_TEXTS = {"invitation_email": "invitation", "reminder_email": "reminder"}


def own_texts(campaign, template: str, language: str) -> dict[str, str]:
    """The coordinator's subject and opening paragraph for a mail in one language; empty where
    none was written. Read per language, never through a fallback: a French mail never gets
    the Dutch text."""
    prefix = OWN_TEXTS.get(template)
    if prefix is None:
        return {"subject": "", "opening": ""}
    return {
        part: (getattr(campaign, f"{prefix}_{part}_{language}", "") or "").strip()
        for part in ("subject", "opening")
    }


def preview(*, campaign, template: str, language: str) -> tuple[str, str]:
    """(subject, text) of a campaign's mail as it would leave in `language`, for a made-up
    person of its first pair, with the texts of `campaign` as it is (saved or not)."""
    participation = campaign.participations.select_related("pair__municipality__region").first()
    if participation is None:
        return "", ""
    sample = Invitation(
        campaign=campaign,
        pair=participation.pair,
        administration="gemeente",
        name="An Peeters",
        email="an.peeters@example.be",
        expires_at=timezone.now() + timedelta(days=VALID_DAYS),
    )
    link = (
        "https://…/invitations/…/"
        if template == "invitation_email"
        else "https://…/campaigns/…/questionnaire/"
    )
    subject, text, _html = _rendered(sample, template, language, link, round_=None)
    return subject, text


def queue_round_notices(*, round_, base_url: str) -> int:
    """Tell everyone who answers for a pair of the campaign (an invitation they accepted, not
    withdrawn) that a round is open; returns how many mails were queued."""
    invitations = list(
        round_.campaign.invitations.filter(accepted_at__isnull=False, revoked_at__isnull=True)
    )
    queue_many(invitations=invitations, kind=CampaignMail.Kind.ROUND_NOTICE, base_url=base_url)
    return len(invitations)


def retry_failed(*, campaign, base_url: str) -> int:
    """Queue again every failed mail of the campaign; returns how many."""
    failed = list(
        campaign.mails.filter(status=CampaignMail.Status.FAILED).values_list("pk", flat=True)
    )
    campaign.mails.filter(pk__in=failed).update(
        status=CampaignMail.Status.QUEUED, attempts=0, last_error=""
    )
    _enqueue(failed, base_url)
    return len(failed)


@task()
def send_campaign_mails(*, mail_ids: list[int], base_url: str) -> dict[str, int]:
    """The worker's job: deliver queued mails, one by one (a failure stays with its mail).
    Returns how many ended in each status."""
    outcome: dict[str, int] = {}
    for mail_id in mail_ids:
        status = deliver(mail_id=mail_id, base_url=base_url)
        outcome[status] = outcome.get(status, 0) + 1
    return outcome


def deliver(*, mail_id: int, base_url: str) -> str:
    mail = CampaignMail.objects.select_related(
        "invitation__campaign",
        "invitation__created_by",
        "invitation__pair__municipality__region",
    ).get(pk=mail_id)
    if mail.status != CampaignMail.Status.QUEUED:
        return mail.status  # sent or given up meanwhile: a job is never sent twice
    if mail.invitation.revoked_at is not None:
        mail.status, mail.last_error = CampaignMail.Status.FAILED, "withdrawn"
        mail.save(update_fields=["status", "last_error"])
        return mail.status
    try:
        with transaction.atomic():
            _message(mail, base_url).send()
            mail.status, mail.sent_at = CampaignMail.Status.SENT, timezone.now()
            mail.attempts += 1
            mail.save(update_fields=["status", "sent_at", "attempts"])
    except Exception as error:  # noqa: BLE001 - any failure of the mail server is shown
        mail.attempts += 1
        mail.last_error = f"{type(error).__name__}: {error}"[:300]
        again = mail.attempts < MAX_ATTEMPTS
        mail.status = CampaignMail.Status.QUEUED if again else CampaignMail.Status.FAILED
        mail.save(update_fields=["attempts", "last_error", "status"])
        if again:
            _enqueue_later(mail, base_url)
    return mail.status


def _enqueue_later(mail: CampaignMail, base_url: str) -> None:
    job = send_campaign_mails
    if default_task_backend.supports_defer:
        job = job.using(run_after=timezone.now() + RETRY_AFTER[mail.attempts - 1])
    transaction.on_commit(lambda: job.enqueue(mail_ids=[mail.pk], base_url=base_url))


def _message(mail: CampaignMail, base_url: str) -> EmailMultiAlternatives:
    """The mail in the pair's language. An invitation (or a reminder to someone who has not used
    the link yet) gets a new link here: the earlier one stops working."""
    invitation = mail.invitation
    fresh_link = mail.kind == CampaignMail.Kind.INVITATION or invitation.accepted_at is None
    campaign = invitation.campaign  # None: a pair's invitation, whose only mail is itself
    if mail.kind == CampaignMail.Kind.ROUND_NOTICE:
        link = base_url.rstrip("/") + reverse(
            "questionnaire", args=[invitation.campaign.slug, invitation.pair.municipality.refnis]
        )
        template = "round_notice_email"
    elif fresh_link:
        token = new_token()
        invitation.token_hash = token_hash(token)
        invitation.expires_at = timezone.now() + timedelta(days=VALID_DAYS)
        fields = ["token_hash", "expires_at"]
        if mail.kind == CampaignMail.Kind.REMINDER:
            invitation.reminders_sent += 1
            invitation.last_reminded_at = timezone.now()
            fields += ["reminders_sent", "last_reminded_at"]
        invitation.save(update_fields=fields)
        link = base_url.rstrip("/") + reverse("invitation", args=[token])
        template = "invitation_email" if campaign else "pair_invitation_email"
    else:
        invitation.reminders_sent += 1
        invitation.last_reminded_at = timezone.now()
        invitation.save(update_fields=["reminders_sent", "last_reminded_at"])
        link = base_url.rstrip("/") + reverse(
            "questionnaire", args=[invitation.campaign.slug, invitation.pair.municipality.refnis]
        )
        template = "reminder_email"
    round_ = campaign and campaign.rounds.filter(status="open").order_by("-number").first()
    subject, text, html = _rendered(invitation, template, language_of(invitation), link, round_)
    message = EmailMultiAlternatives(subject, text, None, [invitation.email])
    message.attach_alternative(html, "text/html")
    return message


def _rendered(invitation: Invitation, template: str, language: str, link: str, round_):
    """(subject, text, html) of a mail in `language`, with the campaign's own subject and
    opening paragraph of that language where it has them (the sent mail and its preview)."""
    with translation.override(language):
        own = own_texts(invitation.campaign, template, language)
        context = {
            "invitation": invitation,
            "link": link,
            "valid_days": VALID_DAYS,
            "expires_at": invitation.expires_at,
            "language": language,
            "round": round_,
            "opening": own["opening"],
            "inviter": _inviter(invitation),
        }
        context["subject"] = (
            own["subject"] or render_to_string(f"accounts/{template}_subject.txt", context).strip()
        )
        return (
            context["subject"],
            render_to_string(f"accounts/{template}.txt", context),
            render_to_string(f"accounts/{template}.html", context),
        )


def _inviter(invitation: Invitation) -> str:
    """Who invited, as the mail names them: their name, else their address."""
    by = invitation.created_by
    if by is None:
        return "Tandem"
    return by.get_full_name() or by.email or by.username

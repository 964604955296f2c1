"""The mail that tells a pair's participants their synthesis table waits for them (S000 §4, 1b):
sent as a background job (Tasks API, `tandem worker`) when a coordinator sends the table, one mail
per person who answers for the pair in the campaign, in the language that person chose for their
account, else in the pair's questionnaire language. A failed mail is tried again, twice, for the
people it did not reach; a table answered or reopened meanwhile gets no mail."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import default_task_backend, task

from tandem.accounts.scoping import ANSWERING_ROLES
from tandem.campaigns.models import CampaignPair
from tandem.places.naming import pair_name

from .models import SynthesisTable

ATTEMPTS = 3
RETRY_AFTER = timedelta(minutes=5)


def participants(participation: CampaignPair):
    """The active people with an address who answer for the pair in this campaign."""
    return (
        get_user_model()
        .objects.filter(
            Q(pair_roles__campaign__isnull=True) | Q(pair_roles__campaign=participation.campaign),
            pair_roles__pair=participation.pair,
            pair_roles__role__in=ANSWERING_ROLES,
            is_active=True,
        )
        .exclude(email="")
        .select_related("preferences")
        .distinct()
        .order_by("pk")
    )


def queue_table_notice(*, table: SynthesisTable, base_url: str) -> int:
    """Queue the mails once the caller's transaction is committed; returns how many."""
    people = [user.pk for user in participants(table.participation)]
    if people:
        transaction.on_commit(
            lambda: send_table_notice.enqueue(
                table_id=table.pk, user_ids=people, base_url=base_url, attempt=1
            )
        )
    return len(people)


@task()
def send_table_notice(*, table_id: int, user_ids: list[int], base_url: str, attempt: int) -> int:
    """The worker's job: one mail per person; returns how many left."""
    table = SynthesisTable.objects.select_related(
        "participation__campaign", "participation__pair__municipality__region"
    ).get(pk=table_id)
    if table.status != SynthesisTable.Status.SENT:
        return 0
    participation = table.participation
    link = base_url.rstrip("/") + reverse(
        "grid-pair", args=[participation.campaign.slug, participation.pair.municipality.refnis]
    )
    sent, left = 0, []
    for user in participants(participation).filter(pk__in=user_ids):
        try:
            _message(user, participation, link).send()
            sent += 1
        except Exception:  # noqa: BLE001 - the mail server's failure: tried again below
            left.append(user.pk)
    if left and attempt < ATTEMPTS:
        job = send_table_notice
        if default_task_backend.supports_defer:
            job = job.using(run_after=timezone.now() + RETRY_AFTER)
        job.enqueue(table_id=table_id, user_ids=left, base_url=base_url, attempt=attempt + 1)
    return sent


def _language(user, participation: CampaignPair) -> str:
    chosen = getattr(getattr(user, "preferences", None), "language", "")
    return chosen or participation.language


def _message(user, participation: CampaignPair, link: str) -> EmailMultiAlternatives:
    language = _language(user, participation)
    with translation.override(language):
        context = {
            "name": user.get_full_name() or user.email,
            "email": user.email,
            "campaign": participation.campaign.name,
            "pair": pair_name(participation.pair, language),
            "link": link,
            "language": language,
        }
        subject = render_to_string("grid/table_sent_email_subject.txt", context).strip()
        context["subject"] = subject
        text = render_to_string("grid/table_sent_email.txt", context)
        html = render_to_string("grid/table_sent_email.html", context)
    message = EmailMultiAlternatives(subject, text, None, [user.email])
    message.attach_alternative(html, "text/html")
    return message

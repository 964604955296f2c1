"""Scheduled reminders (issue 16.5): each day `tandem remind` queues a reminder to everyone
invited whose questionnaire is not submitted, on the days the campaign names before the open
round's deadline and on the deadline itself; never to someone whose pair submitted, never past
the campaign's maximum per person, never twice the same day."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction

from . import mails
from .models import Campaign, CampaignMail, Round
from .services.invitations import has_submitted


@dataclass
class Due:
    campaign: Campaign
    round: Round
    deadline: date
    queued: int


def deadline_of(round_: Round) -> date | None:
    """The round's own deadline, else the campaign's."""
    return round_.closes_on or round_.campaign.deadline


def reminder_dates(campaign: Campaign, deadline: date) -> list[date]:
    """The days reminders go out for a deadline, earliest first."""
    days = [deadline - timedelta(days=n) for n in campaign.days_before]
    if campaign.remind_on_deadline:
        days.append(deadline)
    return sorted(set(days))


@transaction.atomic
def queue_due_reminders(*, today: date, base_url: str) -> list[Due]:
    """Queue today's reminders of every open round; returns what was due, with counts."""
    done = []
    rounds = Round.objects.filter(status=Round.Status.OPEN).select_related("campaign")
    for round_ in rounds:
        deadline = deadline_of(round_)
        # A pair's extension moves its own reminders with its deadline.
        extended = dict(
            round_.campaign.participations.filter(extended_until__isnull=False).values_list(
                "pair_id", "extended_until"
            )
        )
        due_today = deadline is not None and today in reminder_dates(round_.campaign, deadline)
        if not due_today and not extended:
            continue
        invitations = [
            invitation
            for invitation in round_.campaign.invitations.filter(revoked_at__isnull=True)
            .select_related("pair__municipality")
            .order_by("pk")
            if _is_reminder_day(round_.campaign, extended.get(invitation.pair_id, deadline), today)
            and _may_remind(invitation, round_, today)
        ]
        if not invitations and not due_today:
            continue
        mails.queue_many(
            invitations=invitations,
            kind=CampaignMail.Kind.REMINDER,
            base_url=base_url,
            scheduled_for=today,
        )
        done.append(Due(round_.campaign, round_, deadline, len(invitations)))
    return done


def _is_reminder_day(campaign: Campaign, deadline: date | None, today: date) -> bool:
    return deadline is not None and today in reminder_dates(campaign, deadline)


def _may_remind(invitation, round_: Round, today: date) -> bool:
    reminders = invitation.mails.filter(kind=CampaignMail.Kind.REMINDER).exclude(
        status=CampaignMail.Status.FAILED
    )
    if reminders.count() >= round_.campaign.max_reminders:
        return False
    if reminders.filter(scheduled_for=today).exists():
        return False
    return not has_submitted(invitation, round_)

"""`tandem remind`: queue today's scheduled reminders (run it daily, e.g. from cron or a systemd
timer, beside `tandem worker`, which sends them)."""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tandem.campaigns.reminders import queue_due_reminders


class Command(BaseCommand):
    help = "Queue the reminders due today (the campaigns' schedules) for the worker to send."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="the day to act as, YYYY-MM-DD (default: today); for a missed day"
        )

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError as error:
            raise CommandError(f"--date: {options['date']} is not a date (YYYY-MM-DD)") from error
        today = today or timezone.localdate()
        due = queue_due_reminders(today=today, base_url=settings.TANDEM_SITE_URL)
        if not due:
            self.stdout.write(f"{today}: no reminders are due.")
        for item in due:
            self.stdout.write(
                f"{today}: {item.campaign.slug} round {item.round.number} "
                f"(deadline {item.deadline}): {item.queued} reminders queued"
            )

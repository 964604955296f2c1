"""tandem import-governance FILE: fill the governance profiles from a CSV (all lines or none)."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from tandem.places.governance import import_governance_csv


class Command(BaseCommand):
    help = (
        "Import governance answers from CSV with columns refnis, shared_secretary, "
        "shared_financial_manager, chair_in_college (ja/nee) and optional valid_from, source. "
        "Nothing is written when any line is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--valid-from", default=None, help="date the answers apply from (default today)"
        )
        parser.add_argument("--source", default="", help="where the answers come from")
        parser.add_argument("--dry-run", action="store_true", help="check the file, write nothing")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {path}: {error}") from error
        try:
            valid_from = (
                date.fromisoformat(options["valid_from"]) if options["valid_from"] else date.today()
            )
        except ValueError as error:
            raise CommandError(
                f"--valid-from: '{options['valid_from']}' is not a date (YYYY-MM-DD)"
            ) from error
        result = import_governance_csv(text, valid_from, options["source"], options["dry_run"])
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(f"{path.name}: {problem}")
            raise CommandError(
                ngettext(
                    "%(count)s problem in %(file)s; nothing was imported",
                    "%(count)s problems in %(file)s; nothing was imported",
                    len(result.problems),
                )
                % {"count": len(result.problems), "file": path.name}
            )
        rows = len(result.rows)
        if options["dry_run"]:
            message = ngettext(
                "%(rows)s municipality checked; nothing written (dry run)",
                "%(rows)s municipalities checked; nothing written (dry run)",
                rows,
            )
        else:
            message = ngettext(
                "%(rows)s municipality imported, %(written)s answers written",
                "%(rows)s municipalities imported, %(written)s answers written",
                rows,
            )
        self.stdout.write(message % {"rows": rows, "written": result.written})

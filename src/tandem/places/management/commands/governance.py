"""tandem governance: per province (or region), how many municipalities answer yes to each of the
three governance questions of seed 002, and which ones."""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from tandem.formats.belgian import format_date
from tandem.formats.downloads import csv_text
from tandem.places.governance import overview
from tandem.places.models import GovernanceStatement


class Command(BaseCommand):
    help = "Count and list municipalities per province for each governance question."

    def add_arguments(self, parser):
        parser.add_argument("--by", default="province", help="province | region")
        parser.add_argument(
            "--on", default=None, help="the day to report on (YYYY-MM-DD), default today"
        )
        parser.add_argument("--format", default="text", help="text | csv | json")
        parser.add_argument("--lang", default="nl", help="nl | fr | en")

    def handle(self, *args, **options):
        if options["by"] not in ("province", "region"):
            raise CommandError(
                f"unknown grouping '{options['by']}'; choose one of: province region"
            )
        if options["format"] not in ("text", "csv", "json"):
            raise CommandError(
                f"unknown format '{options['format']}'; choose one of: text csv json"
            )
        if options["lang"] not in ("nl", "fr", "en"):
            raise CommandError(f"unknown language '{options['lang']}'; choose one of: nl fr en")
        try:
            on = date.fromisoformat(options["on"]) if options["on"] else date.today()
        except ValueError as error:
            raise CommandError(f"--on: '{options['on']}' is not a date (YYYY-MM-DD)") from error
        with translation.override(options["lang"]):
            data = overview(options["by"], on)
            labels = dict(GovernanceStatement.Question.choices)
            if options["format"] == "json":
                self.stdout.write(
                    json.dumps(
                        {
                            "on": on.isoformat(),
                            "by": options["by"],
                            "questions": {
                                q: [
                                    {
                                        "area": r.area,
                                        "code": r.area_code,
                                        "municipalities": r.municipalities,
                                        "yes": len(r.yes),
                                        "no": len(r.no),
                                        "unknown": r.unknown,
                                        "yes_list": r.yes,
                                        "no_list": r.no,
                                    }
                                    for r in rows
                                ]
                                for q, rows in data.items()
                            },
                        },
                        ensure_ascii=False,
                        indent=2,
                    )
                )
            elif options["format"] == "csv":
                header = [
                    "question",
                    "area_code",
                    "area",
                    "municipalities",
                    "yes",
                    "no",
                    "unknown",
                    "yes_list",
                ]
                lines = [
                    [
                        question,
                        r.area_code,
                        r.area,
                        r.municipalities,
                        len(r.yes),
                        len(r.no),
                        r.unknown,
                        "; ".join(r.yes),
                    ]
                    for question, rows in data.items()
                    for r in rows
                ]
                self.stdout.write(csv_text([header, *lines]), ending="")
            else:
                for question, rows in data.items():
                    self.stdout.write(f"\n{labels[question]} ({format_date(on)})")
                    width = max(len(r.area) for r in rows)
                    for r in rows:
                        rest = _("no: %(no)s, unknown: %(unknown)s") % {
                            "no": len(r.no),
                            "unknown": r.unknown,
                        }
                        count = f"{len(r.yes):>3} / {r.municipalities:<3}"
                        self.stdout.write(f"  {r.area.ljust(width)}  {count} ({rest})")
                        if r.yes:
                            self.stdout.write(f"    {', '.join(r.yes)}")

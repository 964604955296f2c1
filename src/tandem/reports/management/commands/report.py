"""tandem report synergy --pair 21012 --year 2023 --lang nl --format pdf -o verslag.pdf"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tandem.places.models import Pair
from tandem.reports.synergy.generate import FORMATS, REPORT_LANGUAGES, build, render
from tandem.synergies.models import ApprovedReport


class Command(BaseCommand):
    help = (
        "Generate a pair's annual synergy report for a budget year (it reviews the year "
        "before) as HTML, PDF or DOCX. With --approved, write the latest approved version "
        "exactly as it was approved."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["synergy"], help="the report to generate")
        parser.add_argument("--pair", required=True, help="the municipality's REFNIS code")
        parser.add_argument("--year", required=True, type=int, help="the budget year, e.g. 2023")
        parser.add_argument("--lang", choices=REPORT_LANGUAGES, default="nl")
        parser.add_argument("--format", dest="fmt", choices=sorted(FORMATS), default="pdf")
        parser.add_argument("-o", "--output", required=True, help="the file to write ('-': stdout)")
        parser.add_argument(
            "--approved",
            action="store_true",
            help="the latest approved version instead of a draft from today's register",
        )

    def handle(self, *args, pair, year, lang, fmt, output, approved, **options):
        found = (
            Pair.objects.select_related("municipality__region")
            .filter(municipality__refnis=pair)
            .first()
        )
        if found is None:
            raise CommandError(f"no pair with REFNIS code {pair}")
        if approved:
            data = self._approved(found, year, lang, fmt)
        else:
            data = render(build(found, year, lang), fmt)
        if output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        Path(output).write_bytes(data)
        self.stderr.write(f"{output}: {len(data):,} bytes")

    def _approved(self, pair, year, lang, fmt) -> bytes:
        report = (
            ApprovedReport.objects.filter(pair=pair, year=year, language=lang)
            .order_by("-number")
            .first()
        )
        if report is None:
            raise CommandError(f"no approved {lang} report {year} for pair {pair.refnis}")
        with getattr(report, fmt).open("rb") as handle:
            return handle.read()

"""tandem report synergy --pair 21012 --year 2023 --lang nl --format pdf -o verslag.pdf
tandem report study --campaign centrumsteden-2010 --lang nl --format pdf -o studie.pdf"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tandem.campaigns.models import Campaign
from tandem.places.models import Pair
from tandem.reports.study.build import study_report
from tandem.reports.study.render import FORMATS as STUDY_FORMATS
from tandem.reports.study.render import render as render_study
from tandem.reports.synergy.generate import FORMATS, REPORT_LANGUAGES, build, render
from tandem.synergies.models import ApprovedReport


class Command(BaseCommand):
    help = (
        "Generate a pair's annual synergy report for a budget year (it reviews the year "
        "before) as HTML, PDF or DOCX. With --approved, write the latest approved version "
        "exactly as it was approved."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["synergy", "study"], help="the report to generate")
        parser.add_argument("--pair", help="synergy: the municipality's REFNIS code")
        parser.add_argument("--year", type=int, help="synergy: the budget year, e.g. 2023")
        parser.add_argument("--campaign", help="study: the campaign's code (slug)")
        parser.add_argument("--lang", choices=REPORT_LANGUAGES, default="nl")
        parser.add_argument("--format", dest="fmt", choices=sorted(FORMATS), default="pdf")
        parser.add_argument("-o", "--output", required=True, help="the file to write ('-': stdout)")
        parser.add_argument(
            "--no-annex",
            action="store_true",
            help="study: leave out the annex with each pair's answers (a few pages per pair)",
        )
        parser.add_argument(
            "--approved",
            action="store_true",
            help="the latest approved version instead of a draft from today's register",
        )

    def handle(self, *args, kind, pair, year, campaign, lang, fmt, output, approved, **options):
        if kind == "study":
            data = self._study(campaign, lang, fmt, annex=not options["no_annex"])
        else:
            data = self._synergy(pair, year, lang, fmt, approved)
        if output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        Path(output).write_bytes(data)
        self.stderr.write(f"{output}: {len(data):,} bytes")

    def _study(self, slug, lang, fmt, *, annex: bool) -> bytes:
        if not slug:
            raise CommandError("a study report needs --campaign")
        if fmt not in STUDY_FORMATS:
            raise CommandError(f"a study report is {' or '.join(STUDY_FORMATS)}")
        found = Campaign.objects.select_related("framework").filter(slug=slug).first()
        if found is None:
            raise CommandError(f"no campaign {slug}")
        # The command line reads as the superuser it runs for: every pair and every text.
        with translation.override(lang):
            report = study_report(campaign=found, language=lang, user=_Everyone(), annex=annex)
        return render_study(report, fmt)

    def _synergy(self, pair, year, lang, fmt, approved) -> bytes:
        if not pair or year is None:
            raise CommandError("a synergy report needs --pair and --year")
        found = (
            Pair.objects.select_related("municipality__region")
            .filter(municipality__refnis=pair)
            .first()
        )
        if found is None:
            raise CommandError(f"no pair with REFNIS code {pair}")
        if approved:
            return self._approved(found, year, lang, fmt)
        return render(build(found, year, lang), fmt)

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


class _Everyone:
    """Who the command line reads as: the operator of the server, who may read every pair."""

    is_authenticated = True
    is_superuser = True
    pk = None

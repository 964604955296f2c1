"""tandem factors: a focus group's explanatory-factor matrix (seed 000 §5.2) as CSV or text."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tandem.campaigns.models import Campaign
from tandem.formats.downloads import csv_text
from tandem.grid.models import FactorMatrix
from tandem.grid.queries import matrix_data
from tandem.grid.tables import as_text, factor_table
from tandem.places.models import Pair

FORMATS = ("text", "csv")
LANGUAGES = ("nl", "fr", "en")


def _choice(name: str, value: str, choices) -> str:
    if value not in choices:
        raise CommandError(f"unknown {name} '{value}'; choose one of: {' '.join(choices)}")
    return value


class Command(BaseCommand):
    help = (
        "Print a focus group's factor matrix: one row per factor (its path in the factor tree), "
        "one column per city (REFNIS Dutch name) in the source's order, values + - ? +/-."
    )

    def add_arguments(self, parser):
        parser.add_argument("--campaign", required=True, help="campaign code, e.g. financieel-2012")
        parser.add_argument("--group", required=True, help="planning | processen | producten")
        parser.add_argument("--format", default="text", help="text | csv")
        parser.add_argument("--lang", default="nl", help="nl | fr | en (factor names)")

    def handle(self, *args, **options):
        output_format = _choice("format", options["format"], FORMATS)
        language = _choice("language", options["lang"], LANGUAGES)
        campaign = Campaign.objects.filter(slug=options["campaign"]).first()
        if campaign is None:
            slugs = " ".join(Campaign.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(
                f"unknown campaign '{options['campaign']}'; choose one of: {slugs or '(none)'}"
            )
        matrices = {m.focus.slug: m for m in campaign.factor_matrices.select_related("focus")}
        if not matrices:
            raise CommandError(f"campaign '{campaign.slug}' has no factor matrices")
        matrix: FactorMatrix = matrices.get(_choice("group", options["group"], sorted(matrices)))
        data = matrix_data(matrix)
        names = dict(
            Pair.objects.filter(pk__in=[pk for pk, _ in data.columns]).values_list(
                "pk", "municipality__name_nl"
            )
        )
        table = factor_table(data, [names[pk] for pk, _ in data.columns], language)
        if output_format == "csv":
            self.stdout.write(csv_text(table), ending="")
        else:
            with translation.override(language):
                title = f"{campaign.name} · {matrix.focus.name}"
            self.stdout.write(as_text(table, title), ending="")

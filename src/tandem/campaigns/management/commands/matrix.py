"""tandem matrix: a campaign's score matrix for one domain, as text, CSV or JSON."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tandem.analysis.matrix import sort_matrix
from tandem.analysis.tables import matrix_json, matrix_table, matrix_text
from tandem.campaigns.models import Campaign
from tandem.campaigns.queries import ASPECT_SETS, UnknownChoice, domain_for, domain_matrix
from tandem.formats.downloads import csv_text

FORMATS = ("text", "csv", "json")
LANGUAGES = ("nl", "fr", "en")
SORTS = ("name", "total")


def _choice(name: str, value: str, choices) -> str:
    if value not in choices:
        raise CommandError(f"unknown {name} '{value}'; choose one of: {' '.join(choices)}")
    return value


class Command(BaseCommand):
    help = "Print a domain's score matrix (pairs × aspects with TOT STAD and TOT ASPECT)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--campaign", required=True, help="campaign code, e.g. centrumsteden-2010"
        )
        parser.add_argument("--domain", required=True, help="domain code, e.g. financieel")
        parser.add_argument("--aspects", default="predefined", help="predefined | other | all")
        parser.add_argument("--format", default="text", help="text | csv | json")
        parser.add_argument("--lang", default="nl", help="nl | fr | en (labels and names)")
        parser.add_argument("--sort", default="name", help="name | total")

    def handle(self, *args, **options):
        aspect_set = _choice("aspect set", options["aspects"], ASPECT_SETS)
        output_format = _choice("format", options["format"], FORMATS)
        language = _choice("language", options["lang"], LANGUAGES)
        sort = _choice("sort order", options["sort"], SORTS)
        campaign = (
            Campaign.objects.select_related("framework").filter(slug=options["campaign"]).first()
        )
        if campaign is None:
            slugs = " ".join(Campaign.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(
                f"unknown campaign '{options['campaign']}'; "
                f"choose one of: {slugs or '(none loaded)'}"
            )
        with translation.override(language):
            try:
                domain = domain_for(campaign, options["domain"])
                result = domain_matrix(campaign, domain, aspect_set, language=language)
            except UnknownChoice as error:
                raise CommandError(str(error)) from error
            matrix = sort_matrix(result.matrix, sort)
            if output_format == "csv":
                self.stdout.write(csv_text(matrix_table(matrix)), ending="")
            elif output_format == "json":
                payload = {
                    "campaign": campaign.slug,
                    "domain": domain.slug,
                    "aspect_set": aspect_set,
                    "round": result.round.number if result.round else None,
                    **matrix_json(matrix),
                }
                self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            else:
                title = f"{campaign.name} · {domain.name} · {aspect_set}"
                self.stdout.write(matrix_text(matrix, title), ending="")

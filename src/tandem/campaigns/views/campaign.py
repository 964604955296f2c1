"""Campaign pages: overview, domain matrices (with downloads), every answer as data and a pair's
profile."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tandem.analysis.matrix import sort_matrix
from tandem.analysis.tables import matrix_json, matrix_table
from tandem.catalogue.cache import choice_terms
from tandem.catalogue.models import DegreeLevel, Framework
from tandem.core.access import read_only
from tandem.formats.downloads import (
    csv_text,
    csv_verbatim,
    json_download,
    streamed_csv,
    xlsx_download,
)
from tandem.formats.xlsx import xlsx_bytes
from tandem.places.naming import pair_name

from ..answers_export import answers_document, answers_table, export_rounds
from ..models import CampaignPair, Response
from ..queries import (
    ASPECT_SETS,
    UnknownChoice,
    domain_for,
    domain_matrix,
    matrix_round,
    pair_profile,
)
from ..scoping import (
    answering_pairs,
    campaign_pairs_for,
    campaigns_for,
    coordinated_campaigns,
    exported_pairs,
    may_create_campaigns,
    readable_campaign,
)
from ..sheets import degree_legend, matrix_sheet
from ..work import work_of

SORTS = ("name", "total")
FORMATS = ("csv", "xlsx", "json")


def _campaign(request, slug):
    return readable_campaign(request.user, slug)


def _domain(campaign, slug):
    try:
        return domain_for(campaign, slug)
    except UnknownChoice as error:
        raise Http404(str(error)) from error


@read_only
def home(request):
    """The home page: the campaigns the visitor may see, newest first."""
    campaigns = (
        campaigns_for(request.user)
        .select_related("framework")
        .prefetch_related("framework__domains")
        .order_by("-year", "slug")
    )
    return render(
        request,
        "campaigns/home.html",
        {"campaigns": campaigns, "may_create": may_create_campaigns(request.user)},
    )


@read_only
def campaign_detail(request, campaign):
    campaign = _campaign(request, campaign)
    pairs = campaign_pairs_for(request.user, campaign).select_related(
        "municipality__region", "municipality__province"
    )
    pair_rows = sorted(((pair_name(p), p) for p in pairs), key=lambda item: item[0])
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            "campaign": campaign,
            "domains": campaign.framework.domains.order_by("number"),
            "pairs": pair_rows,
            "rounds": campaign.rounds.order_by("number"),
            "matrix_round": matrix_round(campaign),
            "is_grid": campaign.is_grid,
            "factor_matrices": campaign.factor_matrices.select_related("focus"),
            "can_answer": campaign.framework.method == Framework.Method.QUESTIONNAIRE
            and answering_pairs(request.user, campaign).exists(),
            "can_manage": coordinated_campaigns(request.user).filter(pk=campaign.pk).exists(),
        },
    )


def _matrix_options(request):
    aspect_set = request.GET.get("aspects", "predefined")
    sort = request.GET.get("sort", "name")
    return (
        aspect_set if aspect_set in ASPECT_SETS else "predefined",
        sort if sort in SORTS else "name",
    )


@read_only
def matrix_page(request, campaign, domain):
    campaign = _campaign(request, campaign)
    if campaign.is_grid:
        return redirect("grid-comparison", campaign.slug)
    domain = _domain(campaign, domain)
    aspect_set, sort = _matrix_options(request)
    result = domain_matrix(
        campaign, domain, aspect_set, pairs=campaign_pairs_for(request.user, campaign)
    )
    matrix = sort_matrix(result.matrix, sort)
    pair_by_code = {row.header.code: row for row in matrix.rows}
    differences = result.differences
    # Each cell with the two administrations' degrees where they differ (else None).
    cell_rows = [
        (
            row,
            [
                (value, differences.get((row.header.key, column.key)))
                for value, column in zip(row.cells, matrix.columns, strict=True)
            ],
        )
        for row in matrix.rows
    ]
    context = {
        "campaign": campaign,
        "domain": domain,
        "domains": campaign.framework.domains.order_by("number"),
        "result": result,
        "matrix": matrix,
        "cell_rows": cell_rows,
        "differing_cells": len(differences),
        "columns": list(zip(matrix.columns, result.aspects, strict=True)),
        "footer": list(
            zip(
                matrix.column_totals, matrix.column_counts, matrix.column_formal_counts, strict=True
            )
        ),
        "degrees": DegreeLevel.objects.all(),
        "aspect_set": aspect_set,
        "aspect_sets": [(key, label) for key, label in _aspect_set_labels()],
        "sort": sort,
        "has_rows": bool(pair_by_code),
        # The page states how answers per administration count (issue 15.8).
        "separate_pairs": campaign.participations.filter(
            answer_mode=CampaignPair.AnswerMode.SEPARATE
        ).count(),
    }
    template = "campaigns/_matrix.html" if request.htmx else "campaigns/matrix.html"
    return render(request, template, context)


def _aspect_set_labels():
    return [
        ("predefined", _("Predefined aspects")),
        ("other", _("Other aspects (confirmation round)")),
        ("all", _("All aspects")),
    ]


@read_only
def matrix_download(request, campaign, domain, fmt):
    if fmt not in FORMATS:
        raise Http404("unknown format")
    campaign = _campaign(request, campaign)
    domain = _domain(campaign, domain)
    aspect_set, sort = _matrix_options(request)
    result = domain_matrix(
        campaign, domain, aspect_set, pairs=campaign_pairs_for(request.user, campaign)
    )
    matrix = sort_matrix(result.matrix, sort)
    filename = f"{campaign.slug}-{domain.slug}-{aspect_set}.{fmt}"
    if fmt == "csv":
        return csv_verbatim(csv_text(matrix_table(matrix)), filename)
    if fmt == "xlsx":
        levels = choice_terms()[0]
        title = f"{campaign.name} · {domain.name}"
        if result.round:
            title += " · " + _("round %(number)s") % {"number": result.round.number}
        sheet = matrix_sheet(matrix, levels=levels, title=title, sheet=domain.name)
        return xlsx_download(xlsx_bytes(tables=[sheet], legend=degree_legend(levels)), filename)
    payload = {
        "campaign": campaign.slug,
        "domain": domain.slug,
        "aspect_set": aspect_set,
        "language": get_language(),
        "round": result.round.number if result.round else None,
        **matrix_json(matrix),
    }
    return json_download(payload, filename)


@read_only
def answers_download(request, campaign, fmt):
    """Every answer of the campaign's pairs the user may download (scoping.exported_pairs), in
    one round (`?round=N`; by default the round the matrices show) or all (`?round=all`)."""
    campaign = _campaign(request, campaign)
    pairs = exported_pairs(request.user, campaign)
    if fmt not in FORMATS or pairs is None or campaign.is_grid:
        raise Http404("no answers to download here")
    try:
        rounds = export_rounds(campaign, request.GET.get("round"))
    except UnknownChoice as error:
        raise Http404(str(error)) from error
    levels = choice_terms()[0] if fmt == "xlsx" else ()
    table = answers_table(campaign=campaign, rounds=rounds, pairs=pairs, levels=levels)
    part = f"round-{rounds[0].number}" if len(rounds) == 1 else "all-rounds"
    filename = f"{campaign.slug}-answers-{part}.{fmt}"
    if fmt == "csv":
        return streamed_csv(table.header, table.rows, filename)
    if fmt == "xlsx":
        return xlsx_download(xlsx_bytes(tables=[table], legend=degree_legend(levels)), filename)
    return json_download(answers_document(table, campaign=campaign, rounds=rounds), filename)


@read_only
def pair_page(request, campaign, refnis):
    campaign = _campaign(request, campaign)
    pairs = campaign_pairs_for(request.user, campaign).select_related(
        "municipality__region", "municipality__province"
    )
    pair = pairs.filter(municipality__refnis=refnis).first()
    if pair is None:
        # A former REFNIS code (Hasselt 71022 before its 2025 merger) leads to today's pair.
        today = pairs.filter(municipality__former_codes__code=refnis).first()
        if today is None:
            raise Http404("no such pair in this campaign")
        return redirect("campaign-pair", campaign.slug, today.municipality.refnis, permanent=True)
    if campaign.is_grid:
        return redirect("grid-pair", campaign.slug, refnis)
    profile = pair_profile(campaign, pair)
    return render(
        request,
        "campaigns/pair.html",
        {
            "campaign": campaign,
            "pair": pair,
            "name": pair_name(pair),
            "profile": profile,
            "degrees": DegreeLevel.objects.all(),
            "former_codes": list(pair.municipality.former_codes.all()),
            "grand_total": sum((part["predefined"].rows[0].total or 0) for part in profile),
            "answer_sheets": _answer_sheets(request.user, campaign, pair),
            "answers_own_pair": answering_pairs(request.user, campaign).filter(pk=pair.pk).exists(),
        },
    )


def _answer_sheets(user, campaign, pair) -> list[tuple[str, str]]:
    """For the campaign's coordinators: (respondent code, label) of each questionnaire of the
    pair, to read it or print it (issue 17.3); nothing for anyone else."""
    if not coordinated_campaigns(user).filter(pk=campaign.pk).exists():
        return []
    participation = CampaignPair.objects.get(campaign=campaign, pair=pair)
    codes = (
        [Response.Respondent.JOINT]
        if participation.answer_mode == CampaignPair.AnswerMode.JOINT
        else [Response.Respondent.MUNICIPALITY, Response.Respondent.WELFARE_CENTRE]
    )
    return [(code.value, code.label) for code in codes]


@login_required
@read_only
def my_work(request):
    """Where a person lands after logging in: their questionnaires with their progress, the
    synthesis tables and registers they keep, the campaigns they coordinate (work.py)."""
    return render(request, "accounts/my_work.html", {"work": work_of(request.user)})

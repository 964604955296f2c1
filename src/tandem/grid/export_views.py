"""The grid's downloads: a pair's synthesis table, the campaign's comparison and a factor matrix
as CSV, XLSX or JSON, and the printable PDFs of a pair's grid and of the campaign's matrices.
Each fetches through the same scoped queries as its page, so a user gets 404 for what the page
would not show them."""

from dataclasses import replace

from django.http import Http404
from django.shortcuts import get_object_or_404

from tandem.catalogue.cache import domains_of
from tandem.core.access import read_only
from tandem.places.naming import pair_name

from . import exports, prints
from .models import FactorMatrix, GridEntry, SynthesisTable
from .pages import comparison, synthesis_blocks
from .queries import grid_campaign, matrix_data, pair_headers, participation_for, readable_pairs


def _format(fmt: str) -> str:
    if fmt not in exports.FORMATS:
        raise Http404("unknown format")
    return fmt


def _stage(request) -> str:
    """As the comparison page: current cooperation unless desirable is asked for."""
    stage = request.GET.get("stage", GridEntry.Stage.CURRENT)
    return stage if stage in GridEntry.Stage.values else GridEntry.Stage.CURRENT


def _pair(request, campaign_slug: str, refnis: str):
    campaign = grid_campaign(request.user, campaign_slug)
    readable = readable_pairs(request.user, campaign)
    return campaign, readable, participation_for(readable, campaign, refnis)


@read_only
def pair_table_export(request, campaign, refnis, fmt):
    """A pair's synthesis table: one row per entry."""
    fmt = _format(fmt)
    campaign, _readable, participation = _pair(request, campaign, refnis)
    blocks = synthesis_blocks(participation, domains_of(campaign.framework_id))
    synthesis = None
    if fmt == "json":
        synthesis = SynthesisTable.objects.filter(participation=participation).first()
    name = pair_name(participation.pair)
    return exports.pair_response(fmt, campaign, participation, name, synthesis, blocks)


@read_only
def comparison_export(request, campaign, fmt):
    """Every table of the comparison page, for the same `stage` and `mapping`."""
    fmt = _format(fmt)
    campaign = grid_campaign(request.user, campaign)
    stage = _stage(request)
    readable = readable_pairs(request.user, campaign)
    result = comparison(campaign, readable, request.GET.get("mapping"), stage)
    return exports.comparison_response(fmt, campaign, result, stage)


@read_only
def factor_export(request, campaign, focus, fmt):
    """A focus group's factor matrix as `tandem factors` prints it, with the explanations;
    only the columns of the pairs the user may read."""
    fmt = _format(fmt)
    campaign = grid_campaign(request.user, campaign)
    matrix = get_object_or_404(
        FactorMatrix.objects.select_related("focus"), campaign=campaign, focus__slug=focus
    )
    headers = pair_headers(readable_pairs(request.user, campaign), language="nl")
    data = matrix_data(matrix)
    data = replace(data, columns=[c for c in data.columns if c[0] in headers])
    visible = [headers[pair_id] for pair_id, _printed in data.columns]
    return exports.factor_response(fmt, campaign, matrix, data, visible)


@read_only
def pair_pdf(request, campaign, refnis):
    """The pair's whole grid, printable."""
    campaign, readable, participation = _pair(request, campaign, refnis)
    html = prints.pair_document(campaign, participation, readable)
    return prints.pdf_response(html, f"{campaign.slug}-{refnis}-grid.pdf")


@read_only
def matrices_pdf(request, campaign):
    """The comparison's tables and the factor matrices, printable."""
    campaign = grid_campaign(request.user, campaign)
    stage = _stage(request)
    readable = readable_pairs(request.user, campaign)
    result = comparison(campaign, readable, request.GET.get("mapping"), stage)
    html = prints.matrices_document(campaign, readable, result, stage)
    return prints.pdf_response(html, f"{campaign.slug}-grid-matrices.pdf")

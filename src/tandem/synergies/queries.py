"""Reads of a pair's register, always through the scoping helpers: a pair outside the user's
reach, or a record of another pair, is not found (404)."""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tandem.accounts.scoping import Viewer, register_pairs
from tandem.catalogue.models import Aspect
from tandem.places.models import Pair

from .models import (
    ApprovedReport,
    FocusGroup,
    Measure,
    Meeting,
    PairRecord,
    RegisterDocument,
    ReportEdition,
    Synergy,
)

RECORD_MODELS: dict[str, type[PairRecord]] = {
    "synergy": Synergy,
    "meeting": Meeting,
    "measure": Measure,
    "focus-group": FocusGroup,
}


def register_pair(user: Viewer, refnis: str, *, editing: bool = False) -> Pair:
    pairs = register_pairs(user, editing=editing).select_related("municipality__region")
    return get_object_or_404(pairs, municipality__refnis=refnis)


def may_edit(user: Viewer, pair: Pair) -> bool:
    return register_pairs(user, editing=True).filter(pk=pair.pk).exists()


def linkable_aspects(pair: Pair) -> "QuerySet[Aspect]":
    """The aspects a pair's synergies may be linked to: the predefined aspects of the frameworks
    its campaigns use, and the aspects added in those campaigns. Never an aspect another
    campaign added from another pair's own 'other' row: its label is that pair's text."""
    in_its_campaigns = Q(origin=Aspect.Origin.PREDEFINED) & Q(
        domain__framework__campaigns__participations__pair=pair
    )
    added_in_its_campaigns = Q(campaign_links__campaign__participations__pair=pair)
    return (
        Aspect.objects.filter(in_its_campaigns | added_in_its_campaigns)
        .select_related("domain")
        .distinct()
        .order_by("domain__number", "order")
    )


def record_of(pair: Pair, kind: str, pk: int) -> PairRecord:
    model = RECORD_MODELS.get(kind)
    if model is None:
        raise Http404("unknown kind of record")
    return get_object_or_404(model, pair=pair, pk=pk)


def document_of(pair: Pair, pk: int) -> RegisterDocument:
    return get_object_or_404(RegisterDocument, pair=pair, pk=pk)


def report_years(pair: Pair) -> list[int]:
    """The budget years with an edition or an approved report, and this year and the next."""
    today = timezone.localdate()
    years = {today.year, today.year + 1}
    years |= set(ReportEdition.objects.filter(pair=pair).values_list("year", flat=True))
    years |= set(ApprovedReport.objects.filter(pair=pair).values_list("year", flat=True))
    return sorted(years, reverse=True)


def register_overview(pair: Pair) -> dict[str, Any]:
    """The register page's context: the pair's records of each kind and its report years."""
    synergies = (
        Synergy.objects.filter(pair=pair)
        .select_related("domain__parent", "instrument")
        .prefetch_related("documents")
        .order_by("domain__order", "order", "pk")
    )
    measures = (
        Measure.objects.filter(pair=pair)
        .select_related("domain__parent")
        .order_by("year", "deadline", "domain__order", "order", "pk")
    )
    return {
        "synergies": synergies,
        "meetings": Meeting.objects.filter(pair=pair).prefetch_related("documents"),
        "focus_groups": FocusGroup.objects.filter(pair=pair)
        .select_related("domain")
        .prefetch_related("sessions"),
        "measures": measures,
        "report_years": report_years(pair),
    }

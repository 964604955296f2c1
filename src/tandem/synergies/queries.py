"""Reads of a pair's register, always through the scoping helpers: a pair outside the user's
reach, or a record of another pair, is not found (404)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tandem.accounts.scoping import Viewer, register_pairs
from tandem.catalogue.models import Aspect
from tandem.places.filters import PairFilter
from tandem.places.models import Pair
from tandem.places.naming import folded, pair_name

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


@dataclass
class PairLine:
    """A line of the pairs list: the pair, what its register holds, and the campaigns it takes
    part in that the user can see."""

    name: str
    pair: Pair
    synergies: int = 0
    measures: int = 0
    meetings: int = 0
    campaigns: list = field(default_factory=list)


def pair_lines(*, user: Viewer, pair_filter: PairFilter) -> list[PairLine]:
    """The pairs whose register the user reads, found by the filter, sorted by name in the
    page's language; four queries whatever the number of pairs."""
    from tandem.campaigns.models import CampaignPair
    from tandem.campaigns.scoping import campaigns_for

    pairs = pair_filter.apply(register_pairs(user)).select_related(
        "municipality__region", "municipality__province"
    )
    lines = {p.pk: PairLine(name=pair_name(p), pair=p) for p in pairs}
    for model, attribute in ((Synergy, "synergies"), (Measure, "measures"), (Meeting, "meetings")):
        counts = Counter(model.objects.filter(pair__in=list(lines)).values_list("pair", flat=True))
        for pk, count in counts.items():
            setattr(lines[pk], attribute, count)
    taking_part = defaultdict(list)
    for participation in (
        CampaignPair.objects.filter(pair__in=list(lines), campaign__in=campaigns_for(user))
        .select_related("campaign")
        .order_by("-campaign__year", "campaign__slug")
    ):
        taking_part[participation.pair_id].append(participation.campaign)
    for pk, campaigns in taking_part.items():
        lines[pk].campaigns = campaigns
    return sorted(lines.values(), key=lambda line: folded(line.name))

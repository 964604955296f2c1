"""What the grid's pages show, assembled from the scoped queries and the pure analysis: a pair's
synthesis table, one sub-domain with its peer practice and factor profile, and the campaign's
comparison. Views only render these; the exports and the PDF use the same data."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils.translation import gettext_lazy as _

from tandem.analysis import grid as analysis
from tandem.catalogue.cache import choice_terms, domains_of
from tandem.catalogue.models import Aspect, Domain, TypologyValue
from tandem.web import charts

from .models import FactorValue, GridEntry, GridObstacle, SynthesisTable
from .queries import (
    components_of,
    entry_rows,
    focus_vocabulary,
    pair_headers,
    typology_values,
)

TYPOLOGY_FIELDS = ("level", "place", "scale", "formalisation", "finality")
# The dimensions' short names, as the entries print them (the long ones head the form's fields).
SHORT_DIMENSIONS = {
    "level": _("Level"),
    "place": _("Place"),
    "scale": _("Scale"),
    "formalisation": _("Formalisation"),
    "finality": _("Finality"),
}


def entries_of(queryset):
    """Entries with everything a page prints, in a fixed number of queries."""
    return (
        queryset.select_related("domain", *TYPOLOGY_FIELDS)
        .prefetch_related(
            Prefetch("components", queryset=Aspect.objects.order_by("order")),
            Prefetch(
                "obstacles",
                queryset=GridObstacle.objects.order_by("order", "pk").prefetch_related("types"),
            ),
        )
        .order_by("domain__number", "stage", "order", "pk")
    )


@dataclass
class DomainBlock:
    domain: Domain
    current: list = field(default_factory=list)
    desirable: list = field(default_factory=list)


def synthesis_blocks(participation, domains) -> list[DomainBlock]:
    """The pair's entries per sub-domain (both stages), every given sub-domain listed."""
    blocks = {d.pk: DomainBlock(d) for d in domains}
    entries = GridEntry.objects.filter(
        table__participation=participation, domain__in=[d.pk for d in domains]
    )
    for entry in entries_of(entries):
        getattr(blocks[entry.domain_id], entry.stage).append(entry)
    return list(blocks.values())


@dataclass(frozen=True)
class PeerEntry:
    """A peer's current entry as the page shows it: label, way and the typology's names."""

    label: str
    way: str
    typology: list  # (dimension label, value name)


@dataclass
class PeerPractice:
    """Per component of the sub-domain: the other pairs that cooperate on it now, with their
    entries (way of cooperating, typology); `wanted` marks what the pair wishes to do."""

    component: Aspect
    wanted: bool
    peers: list  # (pair header, [PeerEntry])


def peer_practice(campaign, participation, domain, readable, own_blocks) -> list[PeerPractice]:
    rows = entry_rows(campaign, readable, domain=domain, obstacles=False)
    headers = pair_headers(readable)
    names = {(v.dimension, v.slug): v.name for v in typology_values()}
    dimensions = SHORT_DIMENSIONS
    wanted = {c.pk for e in own_blocks.desirable for c in e.components.all()}
    practice = []
    for component in components_of(domain):
        peers = analysis.peer_practice(rows, component.pk, participation.pair_id)
        if not peers:
            continue
        listed = []
        for pair, entries in peers.items():
            shown = [
                PeerEntry(
                    r.label,
                    r.way,
                    [
                        (dimensions[d], names[(d, v)])
                        for d, v in r.typology.items()
                        if v is not None
                    ],
                )
                for r in entries
            ]
            listed.append((headers[pair], shown))
        listed.sort(key=lambda item: item[0].name)
        practice.append(PeerPractice(component, component.pk in wanted, listed))
    practice.sort(key=lambda p: (not p.wanted, p.component.order))
    return practice


def factor_profile(participation) -> list[tuple]:
    """The pair's values in every factor matrix it is a column of: (matrix, [(path, value)]).
    The factor tree is three levels deep (context, group, factor), read with the values."""
    values = (
        FactorValue.objects.filter(column__participation=participation)
        .select_related("row__matrix__focus", "row__factor__parent__parent")
        .order_by("row__matrix__focus__order", "row__order")
    )
    matrices = defaultdict(list)
    for value in values:
        path, factor = [], value.row.factor
        while factor is not None:
            path.insert(0, factor)
            factor = factor.parent
        matrices[value.row.matrix].append((path, value))
    return list(matrices.items())


@dataclass
class Comparison:
    """The campaign's comparison: per sub-domain the stage counts, the typology distributions,
    the obstacles by type; the counts per focus under a mapping; the attitudes."""

    domains: list
    pair_count: int
    stage_counts: dict
    typology: list  # (dimension label, [values], {domain pk: Counter}, totals Counter)
    obstacle_types: list
    obstacles: dict
    obstacle_totals: dict
    mapping: object
    mappings: list
    foci: list  # (focus slug, label, counts)
    attitudes: list  # (label, count)
    stage_chart: dict = field(default_factory=dict)  # chart, title, desc (web/charts/bars.html)


def stage_chart(domains, counts: dict, pair_count: int) -> dict:
    """Per sub-domain the pairs cooperating now (solid) and the pairs naming desirable
    cooperation (outlined), as shares of the pairs compared: the first table of the comparison,
    drawn. No difference column: desirable cooperation lists the (further) steps a pair wishes,
    not the whole of its future cooperation, so the two are not one measure."""
    desc = _(
        "Horizontal bars per sub-domain: the number of pairs with current cooperation (solid) "
        "and the number naming desirable (further) cooperation (outlined), as a share of the "
        "%(pairs)s pairs compared. The table below gives the same numbers."
    ) % {"pairs": pair_count}
    return {
        "chart": charts.paired_bars(
            labels=[charts.shorten(f"{d.number}. {d.name}", 40) for d in domains],
            own=[counts[d.pk]["current"].cooperating for d in domains],
            reference=[counts[d.pk]["desirable"].cooperating for d in domains],
            differences=None,
            maxima=[pair_count] * len(domains),
            own_name=str(_("Current cooperation")),
            reference_name=str(_("Desirable cooperation")),
        ),
        "title": _("Pairs with current and with desirable cooperation per sub-domain"),
        "desc": desc,
    }


def comparison(campaign, readable, mapping_slug: str | None, stage: str) -> Comparison:
    domains = domains_of(campaign.framework_id)
    # The readable pairs with their attitude, in one query.
    attitude_of = SynthesisTable.objects.filter(
        participation__campaign=campaign, participation__pair=OuterRef("pk")
    ).values("attitude")[:1]
    pair_attitudes = list(
        readable.order_by().annotate(attitude=Subquery(attitude_of)).values_list("pk", "attitude")
    )
    pairs = [pk for pk, _attitude in pair_attitudes]
    rows = entry_rows(campaign, readable)
    values = typology_values()
    typology = []
    for dimension, label in TypologyValue.Dimension.choices:
        table = analysis.typology_distribution(rows, dimension, stage)
        typology.append(
            (
                dimension,
                label,
                [v for v in values if v.dimension == dimension],
                table,
                analysis.column_totals(table),
            )
        )
    obstacles = analysis.obstacle_counts(rows)
    mappings, maps, focus_terms = focus_vocabulary(campaign.framework_id)
    mapping = next((m for m in mappings if m.slug == mapping_slug), None)
    mapping = mapping or next((m for m in mappings if m.is_default), None)
    foci = []
    if mapping is not None:
        counts = analysis.focus_counts(rows, maps[mapping.pk], [f.slug for f in focus_terms])
        foci = [(f.slug, f.name, counts[f.slug]) for f in focus_terms]
    attitude_counts = defaultdict(int)
    for _pk, attitude in pair_attitudes:
        if attitude is not None:
            attitude_counts[attitude] += 1
    attitudes = [
        (label, attitude_counts.get(value, 0)) for value, label in SynthesisTable.Attitude.choices
    ]
    counts = analysis.stage_counts(rows, pairs, [d.pk for d in domains])
    return Comparison(
        domains=domains,
        pair_count=len(pairs),
        stage_counts=counts,
        stage_chart=stage_chart(domains, counts, len(pairs)),
        typology=typology,
        obstacle_types=choice_terms()[2],
        obstacles=obstacles,
        obstacle_totals=analysis.column_totals(obstacles),
        mapping=mapping,
        mappings=mappings,
        foci=foci,
        attitudes=attitudes,
    )

"""Reads of the analysis grid, scoped by the acting user: which grid campaigns and pairs a user
may read or edit, and the synthesis entries and factor matrices as plain rows for analysis/."""

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from tandem.accounts.models import CampaignRole, PairRole
from tandem.accounts.scoping import Viewer, is_superuser
from tandem.analysis.grid import EntryRow, FocusMap, component_degrees
from tandem.campaigns.models import Campaign, CampaignPair
from tandem.campaigns.scoping import answering_pairs, campaign_pairs_for, campaigns_for
from tandem.catalogue.cache import remembered
from tandem.catalogue.models import (
    Aspect,
    CooperationFocus,
    Domain,
    Factor,
    FocusAssignment,
    FocusMapping,
    Framework,
    TypologyValue,
)
from tandem.places.models import Pair
from tandem.places.naming import PAIR_NAME_COLUMNS, municipality_name

from .models import (
    FactorColumn,
    FactorMatrix,
    FactorRow,
    FactorValue,
    GridEntry,
    GridObstacle,
    PracticeNote,
    SynthesisTable,
    TableSharing,
)


def grid_campaign(user: Viewer, slug: str) -> Campaign:
    """A grid campaign the user may see, or 404."""
    campaign = (
        campaigns_for(user)
        .select_related("framework")
        .filter(slug=slug, framework__method=Framework.Method.GRID)
        .first()
    )
    if campaign is None:
        raise Http404("no such grid campaign")
    return campaign


def readable_pairs(user: Viewer, campaign: Campaign) -> QuerySet[Pair]:
    """Pairs whose synthesis tables the user may read: as for a campaign's answers; once the
    campaign's tables are shared (S000 §4, 1c), a participating pair's people also read every
    table its participants confirmed or corrected."""
    pairs = campaign_pairs_for(user, campaign)
    if is_superuser(user):  # every pair already (the command line reads as one)
        return pairs
    answered = CampaignPair.objects.filter(
        campaign=campaign, synthesis_table__status__in=SynthesisTable.ANSWERED
    )
    # One query with the rest of the page's: no round trip to learn whether they are shared.
    shared = Exists(TableSharing.objects.filter(campaign=campaign))
    participant = Exists(answering_pairs(user, campaign))
    return Pair.objects.filter(
        Q(pk__in=pairs.values("pk"))
        | (Q(pk__in=answered.values("pair_id")) & Q(shared) & Q(participant))
    )


def editable_pairs(user: Viewer, campaign: Campaign) -> QuerySet[Pair]:
    """Pairs whose synthesis table the user may change: the pair's editors (a role for this
    campaign or for all the pair's campaigns) and the campaign's coordinators, who record the
    intake interviews."""
    pairs = Pair.objects.filter(participations__campaign=campaign)
    if getattr(user, "is_superuser", False):
        return pairs
    if not user.is_authenticated:
        return pairs.none()
    coordinator = CampaignRole.objects.filter(
        user=user, campaign=campaign, role=CampaignRole.Role.COORDINATOR
    )
    editor = PairRole.objects.filter(
        user=user, pair=OuterRef("pk"), role=PairRole.Role.EDITOR
    ).filter(Q(campaign__isnull=True) | Q(campaign=campaign))
    return pairs.filter(Exists(coordinator) | Exists(editor))


def participation_for(
    pairs: QuerySet[Pair], campaign: Campaign, refnis: str, editable: QuerySet[Pair] | None = None
) -> CampaignPair:
    """The participation of the pair with this REFNIS code among `pairs`, with its synthesis
    table when it has one, or 404; with `editable`, annotated `may_edit` (in the same query)."""
    query = CampaignPair.objects.select_related(
        "pair__municipality__region", "campaign", "synthesis_table"
    ).filter(campaign=campaign, pair__in=pairs.values("pk"), pair__municipality__refnis=refnis)
    if editable is not None:
        query = query.annotate(may_edit=Exists(editable.filter(pk=OuterRef("pair_id"))))
    participation = query.first()
    if participation is None:
        raise Http404("no such pair in this campaign")
    return participation


@dataclass(frozen=True, slots=True)
class PairHeader:
    key: int
    name: str
    code: str


def pair_headers(pairs: QuerySet[Pair], language: str | None = None) -> dict[int, PairHeader]:
    """Pair id → (id, name in the language, REFNIS code), in one query."""
    return {
        pk: PairHeader(pk, municipality_name(nl, fr, region, language), refnis)
        for pk, refnis, nl, fr, region in pairs.order_by().values_list(*PAIR_NAME_COLUMNS)
    }


def entry_rows(
    campaign: Campaign,
    pairs: QuerySet[Pair] | None = None,
    domain: Domain | None = None,
    obstacles: bool = True,
) -> list[EntryRow]:
    """The campaign's synthesis entries (of one sub-domain, when given) as plain rows (three
    queries), ordered by pair, domain, stage and position. Components are aspect ids; typology
    values and obstacle types slugs."""
    entries = GridEntry.objects.filter(table__participation__campaign=campaign)
    if domain is not None:
        entries = entries.filter(domain=domain)
    if pairs is not None:
        entries = entries.filter(table__participation__pair__in=pairs.values("pk"))
    values = list(
        entries.order_by(
            "table__participation__pair_id", "domain__number", "stage", "order", "pk"
        ).values_list(
            "pk",
            "table__participation__pair_id",
            "domain_id",
            "stage",
            "is_none",
            "level__slug",
            "place__slug",
            "scale__slug",
            "formalisation__slug",
            "finality__slug",
            "possible",
            "label",
            "way",
        )
    )
    ids = [v[0] for v in values]
    components: dict[int, list[int]] = defaultdict(list)
    for entry_id, aspect_id in GridEntry.components.through.objects.filter(
        gridentry_id__in=ids
    ).values_list("gridentry_id", "aspect_id"):
        components[entry_id].append(aspect_id)
    # entry id → obstacle id → the slugs of its types
    obstacle_types: dict[int, dict[int, list[str]]] = defaultdict(dict)
    for entry_id, obstacle_id, type_slug in (
        GridObstacle.objects.filter(entry_id__in=ids if obstacles else [])
        .order_by("entry_id", "order", "pk")
        .values_list("entry_id", "pk", "types__slug")
    ):
        types = obstacle_types[entry_id].setdefault(obstacle_id, [])
        if type_slug:
            types.append(type_slug)
    rows: list[EntryRow] = []
    for pk, pair, domain_id, stage, is_none, *typology, possible, label, way in values:
        rows.append(
            EntryRow(
                key=pk,
                pair=pair,
                domain=domain_id,
                stage=stage,
                is_none=is_none,
                components=tuple(sorted(components.get(pk, ()))),
                typology=dict(zip(GridEntry.TYPOLOGY, typology, strict=True)),
                possible=possible,
                obstacle_types=tuple(tuple(sorted(t)) for t in obstacle_types[pk].values()),
                label=label,
                way=way,
            )
        )
    return rows


def mappings_for(campaign: Campaign) -> list[FocusMapping]:
    """The framework's focus mappings, the default first (kept a minute)."""
    return focus_vocabulary(campaign.framework_id)[0]


def focus_vocabulary(
    framework_id: int,
) -> tuple[list[FocusMapping], dict[int, FocusMap], list[CooperationFocus]]:
    """The framework's focus mappings, each mapping's assignments as plain data (mapping id →
    FocusMap) and the foci in catalogue order: three queries, kept a minute."""

    def load() -> tuple[list[FocusMapping], dict[int, FocusMap], list[CooperationFocus]]:
        mappings = list(FocusMapping.objects.filter(framework_id=framework_id))
        # Filled here, then frozen into each mapping's FocusMap.
        domains: dict[int, dict[Hashable, str]] = {m.pk: {} for m in mappings}
        components: dict[int, dict[tuple[Hashable, Hashable], str]] = {m.pk: {} for m in mappings}
        for mapping, domain, aspect, focus in FocusAssignment.objects.filter(
            mapping__framework_id=framework_id
        ).values_list("mapping_id", "domain_id", "aspect_id", "focus__slug"):
            if aspect is None:
                domains[mapping][domain] = focus
            else:
                components[mapping][(domain, aspect)] = focus
        maps = {pk: FocusMap(domains=domains[pk], components=components[pk]) for pk in domains}
        return mappings, maps, list(CooperationFocus.objects.all())

    return remembered(f"tandem:focus-vocabulary:{framework_id}", load)


def factor_paths() -> dict[int, list[Factor]]:
    """Factor id → its path from the root (the whole tree in one query, kept a minute)."""

    def load() -> dict[int, list[Factor]]:
        factors = {f.pk: f for f in Factor.objects.all()}

        def path(factor: Factor) -> list[Factor]:
            if factor.parent_id is None:
                return [factor]
            return [*path(factors[factor.parent_id]), factor]

        return {pk: path(f) for pk, f in factors.items()}

    return remembered("tandem:factor-paths", load)


def typology_values() -> list[TypologyValue]:
    """The typology's values in catalogue order (kept a minute)."""
    return remembered("tandem:typology-values", lambda: list(TypologyValue.objects.all()))


def components_of(domain: Domain) -> list[Aspect]:
    """A sub-domain's components in order (kept a minute)."""
    return remembered(
        f"tandem:grid-components:{domain.pk}",
        lambda: list(Aspect.objects.filter(domain=domain).order_by("order")),
    )


@dataclass
class MatrixData:
    """A factor matrix as plain data: its columns (pair id, printed label), its rows (factor
    path, printed label) and the cells by (factor id, pair id)."""

    matrix: FactorMatrix
    columns: list[tuple[int, str]]
    rows: list[tuple[int, list[Factor], str]]
    cells: dict[tuple[int, int], FactorValue]

    def cell(self, factor_id: int, pair_id: int) -> FactorValue | None:
        return self.cells.get((factor_id, pair_id))


def matrix_data(matrix: FactorMatrix, paths: dict[int, list[Factor]] | None = None) -> MatrixData:
    paths = factor_paths() if paths is None else paths
    columns = list(
        FactorColumn.objects.filter(matrix=matrix)
        .order_by("order")
        .values_list("participation__pair_id", "printed")
    )
    rows = [
        (factor_id, paths[factor_id], printed)
        for factor_id, printed in FactorRow.objects.filter(matrix=matrix)
        .order_by("order")
        .values_list("factor_id", "printed")
    ]
    cells = {
        (v.row.factor_id, v.column.participation.pair_id): v
        for v in FactorValue.objects.filter(row__matrix=matrix).select_related(
            "row", "column__participation"
        )
    }
    return MatrixData(matrix, columns, rows, cells)


def grid_degrees(
    campaign: Campaign,
    aspects: dict[int, list[int]],
    pairs: QuerySet | Iterable[int] | None = None,
) -> list[tuple[Hashable, int, int]]:
    """(pair id, component id, degree) as a grid campaign's current synthesis entries show them
    (analysis.grid.component_degrees), for `aspects` (sub-domain id → its component ids) and
    `pairs` (ids; all the campaign's when None): what its matrices and benchmark count."""
    chosen = None if pairs is None else Pair.objects.filter(pk__in=pairs)
    return component_degrees(entry_rows(campaign, chosen), aspects)


def practice_notes(campaign: Campaign, domain: Domain, pairs: QuerySet[Pair]) -> list[PracticeNote]:
    """The good-practice notes on one sub-domain of the pairs given (those the user may read),
    with their components and pair, in two queries."""
    return list(
        PracticeNote.objects.filter(
            participation__campaign=campaign, domain=domain, participation__pair__in=pairs
        )
        .select_related("participation__pair__municipality__region")
        .prefetch_related("components")
        .order_by("participation__pair__municipality__name_nl", "pk")
    )

"""Reads for benchmarking pairs, scoped by the acting user: each pair's domain totals (TOT STAD
per domain) in a questionnaire or grid campaign, the places and peer groups to filter and group
them by, and a trend's figures across the campaigns of one framework."""

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeAlias, cast

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import get_language

from tandem.accounts.scoping import Viewer
from tandem.analysis import benchmark
from tandem.campaigns.models import FORMAL, NONE, Campaign, Response, Round
from tandem.campaigns.queries import matrix_round
from tandem.campaigns.scoping import campaign_pairs_for, campaigns_for, readable_answers
from tandem.catalogue.cache import domains_of, remembered
from tandem.catalogue.models import Aspect, DegreeLevel, Domain
from tandem.places.filters import PairFilter, Places, places  # noqa: F401 (the pages read them here)
from tandem.places.models import Pair, PeerGroup
from tandem.places.naming import PAIR_NAME_COLUMNS, municipality_name

# The pairs to read: a queryset (read as a subquery, e.g. `.values("pk")`) or the pairs' ids.
PairIds: TypeAlias = "QuerySet[Any, Any] | Iterable[int]"
# (pair, domain id, sum of degrees); a grid campaign's pairs are its entries' (analysis.grid)
DomainSum: TypeAlias = tuple[Hashable, int, int]
# (answered, cooperating, formal, sum of degrees, answers): see analysis.benchmark.degree_figures
Figures: TypeAlias = tuple[int, int, int, int, int]


def degree_levels() -> list[DegreeLevel]:
    """The degree scale with its colours (kept a minute, as the catalogue's other choice lists)."""
    return remembered("tandem:degree-levels", lambda: list(DegreeLevel.objects.all()))


@dataclass(frozen=True, slots=True)
class DomainColumn:
    """A domain as a benchmark column: its number of aspects (components in a grid campaign)
    tells the highest total a pair can reach there (2 per aspect)."""

    domain: Domain
    aspects: int

    @property
    def key(self) -> int:
        return self.domain.pk

    @property
    def maximum(self) -> int:
        return 2 * self.aspects


@dataclass
class CampaignTotals:
    """Per pair its domain totals, with where the pair lies (for filtering and grouping)."""

    columns: list[DomainColumn]
    rows: list[benchmark.PairTotals]
    province_of: dict[int, int | None] = field(default_factory=dict)  # pair id → province id
    region_of: dict[int, int] = field(default_factory=dict)  # pair id → region id

    @property
    def domain_keys(self) -> list[int]:
        return [c.key for c in self.columns]


def _aspects_by_domain(campaign: Campaign) -> tuple[list[Domain], dict[int, list[int]]]:
    """The framework's domains and, per domain, its predefined aspects: the aspects of TOT STAD
    in the domain matrices, and the components of a grid framework."""
    domains = domains_of(campaign.framework_id)
    aspects: dict[int, list[int]] = {d.pk: [] for d in domains}
    for pk, domain_id in (
        Aspect.objects.filter(domain__framework_id=campaign.framework_id)
        .filter(origin=Aspect.Origin.PREDEFINED)
        .order_by("domain__number", "order")
        .values_list("pk", "domain_id")
    ):
        aspects.setdefault(domain_id, []).append(pk)
    return domains, aspects


def campaign_totals(
    campaign: Campaign, pairs: QuerySet[Pair], language: str | None = None
) -> CampaignTotals:
    """Each of `pairs` with its total per domain: the sum of its degrees over the domain's
    predefined aspects (TOT STAD), None where it answered none of them. A questionnaire campaign
    reads the submitted joint answers of its matrix round, summed per pair and domain in one
    query; a grid campaign derives the degrees from the synthesis entries."""
    language = (language or get_language() or "nl")[:2]
    domains, aspects = _aspects_by_domain(campaign)
    columns = [DomainColumn(d, len(aspects.get(d.pk, ()))) for d in domains]
    headers: list[tuple[int, str, str]] = []
    province_of: dict[int, int | None] = {}
    region_of: dict[int, int] = {}
    for pk, refnis, nl, fr, region_refnis, province_id, region_id in pairs.order_by().values_list(
        *PAIR_NAME_COLUMNS, "municipality__province_id", "municipality__region_id"
    ):
        headers.append((pk, municipality_name(nl, fr, region_refnis, language), refnis))
        province_of[pk], region_of[pk] = province_id, region_id
    subset = pairs.order_by().values("pk")
    sums: list[DomainSum]
    if campaign.is_grid:
        sums = grid_sums(campaign, aspects, subset)
    else:
        round_ = matrix_round(campaign)
        sums = questionnaire_sums(round_, aspects, subset) if round_ else []
    rows = benchmark.pair_totals(headers, sums, [c.key for c in columns])
    return CampaignTotals(columns, rows, province_of, region_of)


def questionnaire_sums(
    round_: Round, aspects: dict[int, list[int]], pairs: PairIds
) -> list[DomainSum]:
    """(pair id, domain id, sum of degrees) over a round's submitted joint answers: one query.
    Unanswered cells are left out, so a pair without any answer in a domain has no row."""
    aspect_ids = [pk for ids in aspects.values() for pk in ids]
    return list(
        Response.objects.scored()
        .filter(round=round_, aspect__in=aspect_ids, pair_id__in=pairs, degree__isnull=False)
        .order_by()  # the default ordering joins four tables and would split the groups
        .values_list("pair_id", "aspect__domain_id")
        .annotate(total=Sum("degree"))
    )


def grid_sums(campaign: Campaign, aspects: dict[int, list[int]], pairs: PairIds) -> list[DomainSum]:
    """(pair id, domain id, sum of degrees) for a grid campaign: the degrees its current
    entries show per component (analysis.grid.component_degrees), summed per sub-domain."""
    domain_of = {pk: domain for domain, ids in aspects.items() for pk in ids}
    return benchmark.domain_sums(_grid_degrees(campaign, aspects, pairs), domain_of)


def _grid_degrees(
    campaign: Campaign, aspects: dict[int, list[int]], pairs: PairIds
) -> list[tuple[Hashable, int, int]]:
    # Imported here: the grid app builds on the campaigns and benchmark apps.
    from tandem.grid.queries import grid_degrees

    return grid_degrees(campaign, aspects, pairs)


def peer_group_members(pair_ids: Iterable[int]) -> dict[int, list[int]]:
    """Pair id → the ids of the saved peer groups it belongs to, in one query."""
    members: dict[int, list[int]] = defaultdict(list)
    for pair_id, group_id in PeerGroup.pairs.through.objects.filter(
        pair_id__in=list(pair_ids)
    ).values_list("pair_id", "peergroup_id"):
        members[pair_id].append(group_id)
    return members


def visible_pairs(user: Viewer, campaign: Campaign) -> QuerySet[Pair]:
    """The campaign's pairs whose answers the user may read (and so compare)."""
    return campaign_pairs_for(user, campaign)


# --- trends ------------------------------------------------------------------------------------


def framework_campaigns(user: Viewer, campaign: Campaign) -> list[Campaign]:
    """The campaigns the user may see that share the campaign's framework, in year order."""
    return list(
        campaigns_for(user).filter(framework_id=campaign.framework_id).order_by("year", "slug")
    )


def _matrix_rounds(campaigns: list[Campaign]) -> dict[int, int]:
    """Campaign id → the id of the round its matrices show (matrix_round's rule: the latest
    closed round, else the latest round), for many campaigns in one query."""
    chosen: dict[int, tuple[tuple[bool, int], int]] = {}
    for pk, campaign_id, number, status in Round.objects.filter(
        campaign__in=[c.pk for c in campaigns]
    ).values_list("pk", "campaign_id", "number", "status"):
        rank = (status == Round.Status.CLOSED, number)
        if campaign_id not in chosen or rank > chosen[campaign_id][0]:
            chosen[campaign_id] = (rank, pk)
    return {campaign_id: pk for campaign_id, (_, pk) in chosen.items()}


def _trend_answers(user: Viewer, rounds: dict[int, int], aspect_ids: list[int]) -> QuerySet:
    """The submitted joint answers with a degree to the aspects, in each campaign's matrix
    round, that the user may read."""
    answers = Response.objects.scored().filter(
        round__in=list(rounds.values()), aspect__in=aspect_ids, degree__isnull=False
    )
    return readable_answers(user, answers).order_by()


def common_questionnaire_pairs(
    user: Viewer, campaigns: list[Campaign], aspect_ids: list[int]
) -> set[int]:
    """The pairs with a counted answer to the aspects in every one of the campaigns (one
    query): the set a like-with-like trend holds constant."""
    rounds = _matrix_rounds(campaigns)
    if len(rounds) < len(campaigns) or not aspect_ids:
        return set()
    answered: dict[int, set[int]] = defaultdict(set)
    for round_id, pair_id in (
        _trend_answers(user, rounds, aspect_ids).values_list("round_id", "pair_id").distinct()
    ):
        answered[round_id].add(pair_id)
    sets = [answered[round_id] for round_id in rounds.values()]
    return set.intersection(*sets) if sets else set()


def questionnaire_trend_figures(
    user: Viewer,
    campaigns: list[Campaign],
    aspect_ids: list[int],
    pairs: set[int] | None = None,
) -> dict[int, Figures]:
    """Campaign id → (answered, cooperating, formal, sum of degrees, answers) over the submitted
    joint answers to the aspects in each campaign's matrix round, limited to the pairs the user
    may read there (and to `pairs`, when given): one aggregate query for all campaigns. A pair
    counts once per figure."""
    rounds = _matrix_rounds(campaigns)
    if not rounds or not aspect_ids:
        return {}
    campaign_of = {round_id: campaign_id for campaign_id, round_id in rounds.items()}
    answers = _trend_answers(user, rounds, aspect_ids)
    if pairs is not None:
        answers = answers.filter(pair_id__in=pairs)
    rows = answers.values("round_id").annotate(
        answered=Count("pair", distinct=True),
        cooperating=Count("pair", distinct=True, filter=Q(degree__gt=NONE)),
        formal=Count("pair", distinct=True, filter=Q(degree=FORMAL)),
        total=Sum("degree"),
        answers=Count("pk"),
    )
    return {
        campaign_of[r["round_id"]]: (
            r["answered"],
            r["cooperating"],
            r["formal"],
            r["total"] or 0,
            r["answers"],
        )
        for r in rows
    }


def grid_trend_figures(
    user: Viewer,
    campaigns: list[Campaign],
    aspects: dict[int, list[int]],
    chosen: Iterable[int],
    same_pairs: bool = False,
) -> tuple[dict[int, Figures], set[int] | None]:
    """As questionnaire_trend_figures for grid campaigns: the degrees derived from each
    campaign's entries (three queries per campaign; a framework has few grid campaigns). With
    `same_pairs`, only the pairs with a degree in every campaign count; returns the figures
    and that set (None without same_pairs)."""
    wanted = set(chosen)
    degrees: dict[int, list[tuple[Hashable, int]]] = {}
    for campaign in campaigns:
        pairs = campaign_pairs_for(user, campaign).order_by().values("pk")
        degrees[campaign.pk] = [
            (pair, degree)
            for pair, aspect, degree in _grid_degrees(campaign, aspects, pairs)
            if aspect in wanted
        ]
    common: set[int] | None = None
    if same_pairs:
        sets = [{cast(int, pair) for pair, _ in found} for found in degrees.values()]
        common = set.intersection(*sets) if sets else set()
    figures = {
        key: benchmark.degree_figures(
            (pair, degree) for pair, degree in found if common is None or pair in common
        )
        for key, found in degrees.items()
    }
    return figures, common


def trend_points(
    user: Viewer, campaign: Campaign, aspect_ids: list[int], *, same_pairs: bool = False
) -> tuple[list[benchmark.TrendPoint], set[int] | None]:
    """The trend of one aspect (or of a domain's aspects) over the campaigns of the campaign's
    framework that the user may see, in year order; with `same_pairs`, only over the pairs that
    answered in every one of them (returned too; None without same_pairs)."""
    campaigns = framework_campaigns(user, campaign)
    common: set[int] | None = None
    if campaign.is_grid:
        _, aspects = _aspects_by_domain(campaign)
        figures, common = grid_trend_figures(user, campaigns, aspects, aspect_ids, same_pairs)
    else:
        if same_pairs:
            common = common_questionnaire_pairs(user, campaigns, aspect_ids)
        figures = questionnaire_trend_figures(user, campaigns, aspect_ids, common)
    points = benchmark.answer_trend([(c.pk, c.name, c.year) for c in campaigns], figures)
    by_pk: dict[Hashable, Campaign] = {c.pk: c for c in campaigns}
    for point in points:
        point.campaign = by_pk[point.campaign]
    return points, common


def domain_aspects(domain: Domain) -> list[Aspect]:
    """A domain's predefined aspects in questionnaire order (the trend's choices)."""
    return list(domain.aspects.filter(origin=Aspect.Origin.PREDEFINED).order_by("order"))

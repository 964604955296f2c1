"""Benchmarking pairs: domain totals per pair, ranking, group and peer medians, distributions
and trends across campaigns. Plain functions over plain rows; None is 'no answer' and is left
out of every median, mean and count (it is never 0)."""

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar, cast

from .matrix import name_sort_key

PairKey = TypeVar("PairKey", bound=Hashable)
AspectKey = TypeVar("AspectKey", bound=Hashable)
DomainKey = TypeVar("DomainKey", bound=Hashable)
CampaignKey = TypeVar("CampaignKey", bound=Hashable)


@dataclass(slots=True)
class PairTotals:
    """A pair's score totals per domain (TOT STAD of each domain matrix) and overall."""

    key: Hashable
    name: str
    code: str = ""
    totals: dict[Hashable, int | None] = field(default_factory=dict)
    group: str = ""

    @property
    def total(self) -> int | None:
        answered = [v for v in self.totals.values() if v is not None]
        return sum(answered) if answered else None


def pair_totals(
    pairs: Iterable[tuple[Hashable, str, str]],
    sums: Iterable[tuple[Hashable, Hashable, int | None]],
    domains: Sequence[Hashable],
) -> list[PairTotals]:
    """Rows from (pair key, name, code) and (pair key, domain key, sum of degrees); a domain
    without answers is None. Sorted by name."""
    rows = {
        key: PairTotals(key, name, code, {d: None for d in domains}) for key, name, code in pairs
    }
    for pair, domain, total in sums:
        row = rows.get(pair)
        if row is not None and domain in row.totals:
            row.totals[domain] = total
    return sorted(rows.values(), key=lambda r: (name_sort_key(r.name), r.code))


def value_of(row: PairTotals, domain: Hashable | None) -> int | None:
    return row.total if domain is None else row.totals.get(domain)


def ranking(
    rows: Sequence[PairTotals], domain: Hashable | None = None
) -> list[tuple[int, PairTotals]]:
    """Rows by total (or one domain's total), highest first, with competition ranks (1, 2, 2,
    4); rows without an answer come last, unranked (rank 0)."""
    answered = [r for r in rows if value_of(r, domain) is not None]
    unanswered = [r for r in rows if value_of(r, domain) is None]
    # `or 0` only for the type checker: every answered row has a value.
    answered.sort(key=lambda r: (-(value_of(r, domain) or 0), name_sort_key(r.name)))
    ranked: list[tuple[int, PairTotals]] = []
    previous: int | None = None
    rank = 0
    for position, row in enumerate(answered, start=1):
        value = value_of(row, domain)
        if value != previous:
            rank, previous = position, value
        ranked.append((rank, row))
    return ranked + [(0, row) for row in unanswered]


def median(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None


def median_profile(
    rows: Iterable[PairTotals], domains: Sequence[Hashable]
) -> dict[Hashable, float | None]:
    """The median total per domain over the rows (the peer median a pair is set against)."""
    rows = list(rows)
    return {domain: median(r.totals.get(domain) for r in rows) for domain in domains}


@dataclass(slots=True)
class GroupSummary:
    label: str
    size: int
    medians: dict[Hashable, float | None]
    median_total: float | None
    mean_total: float | None


def group_summaries(
    rows: Iterable[PairTotals], domains: Sequence[Hashable], group_of: Callable[[PairTotals], str]
) -> list[GroupSummary]:
    """Rows grouped (by province, region, peer group …): per group its size, the median per
    domain and the median and mean of the overall totals; groups in name order."""
    groups: dict[str, list[PairTotals]] = defaultdict(list)
    for row in rows:
        groups[group_of(row)].append(row)
    summaries: list[GroupSummary] = []
    for label in sorted(groups, key=name_sort_key):
        members = groups[label]
        totals = [r.total for r in members if r.total is not None]
        summaries.append(
            GroupSummary(
                label=label,
                size=len(members),
                medians=median_profile(members, domains),
                median_total=statistics.median(totals) if totals else None,
                mean_total=statistics.fmean(totals) if totals else None,
            )
        )
    return summaries


def distribution(values: Iterable[int | None], width: int = 1) -> list[tuple[int, int, int]]:
    """A histogram of the known values: (from, to, count) bins of `width`, from the lowest to
    the highest bin, empty bins included."""
    known = [v for v in values if v is not None]
    if not known:
        return []
    if width < 1:
        raise ValueError("bin width must be at least 1")
    counts = Counter((v // width) * width for v in known)
    low, high = min(counts), max(counts)
    return [
        (start, start + width - 1, counts.get(start, 0)) for start in range(low, high + 1, width)
    ]


def profile_against(
    row: PairTotals, peers: Iterable[PairTotals], domains: Sequence[Hashable]
) -> list[tuple[Hashable, int | None, float | None, float | None]]:
    """Per domain: the pair's total, the peers' median and the difference (None when either is
    unknown). The pair itself is not one of its peers."""
    others = [p for p in peers if p.key != row.key]
    medians = median_profile(others, domains)
    profile: list[tuple[Hashable, int | None, float | None, float | None]] = []
    for domain in domains:
        own, peer = row.totals.get(domain), medians[domain]
        difference = None if own is None or peer is None else own - peer
        profile.append((domain, own, peer, difference))
    return profile


@dataclass(slots=True)
class TrendPoint:
    """One campaign's figures for an aspect or a domain."""

    campaign: Hashable
    label: str
    year: int
    answered: int
    cooperating: int  # pairs with a degree above 0
    formal: int  # pairs with degree 2
    mean: float | None

    @property
    def cooperating_share(self) -> float | None:
        """Per cent of the pairs that answered: those that cooperate."""
        return 100 * self.cooperating / self.answered if self.answered else None

    @property
    def formal_share(self) -> float | None:
        """Per cent of the pairs that answered: those that cooperate formally."""
        return 100 * self.formal / self.answered if self.answered else None


def trend(
    campaigns: Sequence[tuple[CampaignKey, str, int]],
    figures: Mapping[CampaignKey, tuple[int, int, int, int]],
) -> list[TrendPoint]:
    """Per campaign (key, label, year), in year order, from its figures (answered, cooperating,
    formal, sum of degrees) as the database aggregates them: the counts and the mean degree. A
    campaign without figures has answered 0 and no mean."""
    points: list[TrendPoint] = []
    for key, label, year in sorted(campaigns, key=lambda c: (c[2], str(c[1]))):
        answered, cooperating, formal, total = figures.get(key, (0, 0, 0, 0))
        points.append(
            TrendPoint(
                campaign=key,
                label=label,
                year=year,
                answered=answered,
                cooperating=cooperating,
                formal=formal,
                mean=total / answered if answered else None,
            )
        )
    return points


def bin_width(values: Iterable[int | None], max_bins: int = 20) -> int:
    """The smallest whole bin width that spreads the known values over at most `max_bins` bins
    of distribution() (bins start at multiples of the width)."""
    known = [v for v in values if v is not None]
    if not known:
        return 1
    width = 1
    while max(known) // width - min(known) // width + 1 > max_bins:
        width += 1
    return width


def domain_sums(
    degrees: Iterable[tuple[PairKey, AspectKey, int | None]],
    domain_of: Mapping[AspectKey, DomainKey],
) -> list[tuple[PairKey, DomainKey, int]]:
    """(pair, domain, sum of degrees) from (pair, aspect, degree): what the SQL aggregate of a
    questionnaire campaign returns, for degrees computed in Python (a grid campaign). Aspects
    outside `domain_of` and unanswered degrees are left out; a pair without any answer in a
    domain gets no row (its total there is None, never 0)."""
    sums: dict[tuple[PairKey, DomainKey], int] = {}
    for pair, aspect, degree in degrees:
        domain = domain_of.get(aspect)
        if domain is None or degree is None:
            continue
        sums[(pair, domain)] = sums.get((pair, domain), 0) + degree
    return [(pair, domain, total) for (pair, domain), total in sums.items()]


def degree_figures(
    degrees: Iterable[tuple[Hashable, int | None]],
) -> tuple[int, int, int, int, int]:
    """From (pair, degree) answers of one campaign: pairs that answered, pairs with a degree
    above 0, pairs with degree 2, the sum of the degrees and the number of answers; a pair with
    several answers (a whole domain) counts once in each of the first three."""
    answered: set[Hashable] = set()
    cooperating: set[Hashable] = set()
    formal: set[Hashable] = set()
    total = answers = 0
    for pair, degree in degrees:
        if degree is None:
            continue
        answered.add(pair)
        if degree > 0:
            cooperating.add(pair)
        if degree == 2:
            formal.add(pair)
        total += degree
        answers += 1
    return len(answered), len(cooperating), len(formal), total, answers


def answer_trend(
    campaigns: Sequence[tuple[CampaignKey, str, int]],
    figures: Mapping[CampaignKey, tuple[int, int, int, int, int]],
) -> list[TrendPoint]:
    """trend() from figures that also count the answers (answered, cooperating, formal, sum of
    degrees, number of answers; see degree_figures): over a whole domain a pair answers several
    aspects, so the mean degree divides by the answers, not by the pairs. For one aspect both
    are the same."""
    points = trend(campaigns, {key: values[:4] for key, values in figures.items()})
    for point in points:
        key = cast(CampaignKey, point.campaign)  # trend() copied it from `campaigns`
        _, _, _, total, answers = figures.get(key, (0, 0, 0, 0, 0))
        point.mean = total / answers if answers else None
    return points


def total_against(
    row: PairTotals, peers: Iterable[PairTotals]
) -> tuple[int | None, float | None, float | None]:
    """The pair's overall total, the median of its peers' overall totals and the difference,
    as profile_against() gives them per domain."""
    peer = median(p.total for p in peers if p.key != row.key)
    own = row.total
    return own, peer, None if own is None or peer is None else own - peer

"""The benchmark page and the pair profile as plain data (the campaign's pairs compared, one
pair against its peers), built once for the page, its charts and its exports, so that every
table, chart and download shows the same numbers (the trend page: benchmark_trends)."""

import dataclasses
import math
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.analysis import benchmark
from tandem.analysis.matrix import name_sort_key
from tandem.campaigns.models import Campaign
from tandem.catalogue.cache import domains_of
from tandem.places.models import Pair
from tandem.web import charts, colours

from . import queries as queries
from .forms import BenchmarkForm, PeerFilterForm


def _scale() -> colours.ColourScale:
    return colours.ColourScale.from_levels(queries.degree_levels())


@dataclass
class Block:
    """A group of the heatmap: its label ('' without grouping) and its pairs in name order."""

    label: str
    rows: list


@dataclass
class BenchmarkPage:
    campaign: Campaign
    form: BenchmarkForm
    columns: list[queries.DomainColumn]
    rows: list[benchmark.PairTotals]  # the filtered pairs, by name
    blocks: list[Block]
    ranking: list[tuple[int, benchmark.PairTotals]]
    rank_column: queries.DomainColumn | None
    bin_width: int
    bins: list[tuple[int, int, int]]
    groups: list[benchmark.GroupSummary]
    grouping: str
    query: dict
    scale: colours.ColourScale

    @cached_property
    def charts(self) -> dict:
        """The heatmap and the histogram, drawn when the page (not an export) asks for them."""
        return {"heatmap": _heatmap(self), "histogram": _histogram(self)}

    @property
    def aspects_total(self) -> int:
        return sum(c.aspects for c in self.columns)

    @property
    def maximum_total(self) -> int:
        return 2 * self.aspects_total

    @property
    def degrees(self) -> list:
        return queries.degree_levels()

    def group_rows(self) -> list[dict]:
        """The group summaries as the page writes them (Belgian number format)."""
        return [
            {
                "label": g.label,
                "size": g.size,
                "medians": [charts.figure(g.medians[c.key]) for c in self.columns],
                "median_total": charts.figure(g.median_total),
                "mean_total": charts.figure(g.mean_total, 2),
            }
            for g in self.groups
        ]

    @property
    def rank_of(self) -> dict:
        return {row.key: rank for rank, row in self.ranking}

    def measure(self, row) -> int | None:
        return benchmark.value_of(row, self.rank_column.key if self.rank_column else None)

    @property
    def measure_label(self) -> str:
        return self.rank_column.domain.name if self.rank_column else _("Total of all domains")

    def table_rows(self) -> list[tuple]:
        """(group, rank, row, values per domain and total) in the heatmap's order."""
        rank_of = self.rank_of
        keys = [c.key for c in self.columns]
        return [
            (
                block.label,
                rank_of.get(row.key, 0),
                row,
                [row.totals.get(k) for k in keys] + [row.total],
            )
            for block in self.blocks
            for row in block.rows
        ]

    def ranking_rows(self) -> list[tuple]:
        """(rank, row, the ranked value) as the page writes them; unranked (nothing answered)
        is a dash."""
        key = self.rank_column.key if self.rank_column else None
        return [
            (charts.figure(rank or None), row, charts.figure(benchmark.value_of(row, key)))
            for rank, row in self.ranking
        ]

    @property
    def filter_query(self) -> str:
        """The pair filter as a query string, for links to a pair against the same peers."""
        keep = ("province", "region", "peer_group", "pairs")
        return urlencode({k: v for k, v in self.query.items() if k in keep})

    @property
    def filter_suffix(self) -> str:
        """'?' and the filter, or nothing: what a link to a pair's profile ends with."""
        return f"?{self.filter_query}" if self.filter_query else ""

    @property
    def query_string(self) -> str:
        return urlencode(self.query)


def _group_labels(page_rows, totals: queries.CampaignTotals, grouping: str, places) -> dict:
    """Pair id → the labels of the groups it belongs to (one, except for peer groups)."""
    if grouping == "province":
        names = {p.pk: p.name for p in places.provinces}
        regions = {r.pk: r.name for r in places.regions}
        # Brussels has no province: its pairs are grouped under their region.
        return {
            r.key: [names.get(totals.province_of[r.key]) or regions[totals.region_of[r.key]]]
            for r in page_rows
        }
    if grouping == "region":
        regions = {r.pk: r.name for r in places.regions}
        return {r.key: [regions[totals.region_of[r.key]]] for r in page_rows}
    if grouping == "peer_group":
        names = {g.pk: g.name for g in places.peer_groups}
        members = queries.peer_group_members(r.key for r in page_rows)
        alone = _("In no peer group")
        return {
            r.key: sorted((names[g] for g in members.get(r.key, ())), key=name_sort_key) or [alone]
            for r in page_rows
        }
    return {r.key: [""] for r in page_rows}


def bins_for(count: int) -> int:
    """How many bins a distribution of `count` values gets: about twice the square root of the
    count (a few for the 13 central cities, 20 at most for all 565 municipalities)."""
    return max(5, min(20, 2 * math.ceil(math.sqrt(count))))


def benchmark_page(user, campaign: Campaign, params) -> BenchmarkPage:
    places = queries.places()
    domains = domains_of(campaign.framework_id)
    form = BenchmarkForm(params, places, domains)
    pair_filter = form.pair_filter()
    totals = queries.campaign_totals(
        campaign, pair_filter.apply(queries.visible_pairs(user, campaign))
    )
    grouping = form.grouping()
    labels = _group_labels(totals.rows, totals, grouping, places)
    memberships = [
        (label, row) for row in totals.rows for label in labels[row.key]
    ]  # rows are in name order already
    blocks: dict[str, list] = {}
    for label, row in sorted(memberships, key=lambda item: name_sort_key(item[0])):
        blocks.setdefault(label, []).append(row)
    rank_domain = form.rank_domain()
    rank_column = next((c for c in totals.columns if c.domain == rank_domain), None)
    rank_key = rank_column.key if rank_column else None
    values = [benchmark.value_of(r, rank_key) for r in totals.rows]
    width = benchmark.bin_width(values, bins_for(len([v for v in values if v is not None])))
    grouped = [dataclasses.replace(row, group=label) for label, row in memberships]
    summaries = benchmark.group_summaries(grouped, totals.domain_keys, lambda r: r.group)
    if not grouping:
        for summary in summaries:
            summary.label = _("All selected pairs")
    page = BenchmarkPage(
        campaign=campaign,
        form=form,
        columns=totals.columns,
        rows=totals.rows,
        blocks=[Block(label, rows) for label, rows in blocks.items()],
        ranking=benchmark.ranking(totals.rows, rank_key),
        rank_column=rank_column,
        bin_width=width,
        bins=benchmark.distribution(values, width),
        groups=summaries,
        grouping=grouping,
        query=form.query(),
        scale=_scale(),
    )
    return page


def _heatmap(page: BenchmarkPage) -> dict:
    rows = [(label, row, values) for label, _rank, row, values in page.table_rows()]
    chart = charts.heatmap(
        row_labels=[row.name for _, row, _ in rows],
        column_labels=[c.domain.name for c in page.columns] + [_("Total")],
        values=[values for _, _, values in rows],
        aspects=[c.aspects for c in page.columns] + [page.aspects_total],
        scale=page.scale,
        groups=[label for label, _, _ in rows] if page.grouping else None,
    )
    known = [r for r in page.rows if r.total is not None]
    if known:
        best = max(known, key=lambda r: r.total)
        worst = min(known, key=lambda r: r.total)
        extremes = _(
            "Highest total: %(best)s (%(high)s); lowest: %(worst)s (%(low)s); median %(median)s."
        ) % {
            "best": best.name,
            "high": charts.figure(best.total),
            "worst": worst.name,
            "low": charts.figure(worst.total),
            "median": charts.figure(benchmark.median(r.total for r in known)),
        }
    else:
        extremes = _("No pair has answered yet.")
    return {
        "chart": chart,
        "title": ngettext(
            "Domain totals of %(count)d pair in %(domains)d domains",
            "Domain totals of %(count)d pairs in %(domains)d domains",
            len(page.rows),
        )
        % {"count": len(page.rows), "domains": len(page.columns)},
        "desc": _(
            "Each row is a pair, each column a domain, the last column the total of all "
            "domains. A cell shows the sum of the pair's degrees of cooperation (0 none, 1 "
            "informal, 2 formal); its colour follows the mean degree per aspect. A dash: not "
            "answered."
        )
        + " "
        + extremes,
    }


def _histogram(page: BenchmarkPage) -> dict:
    chart = charts.histogram(page.bins)
    if page.bins:
        low, high = page.bins[0][0], page.bins[-1][1]
        most = max(page.bins, key=lambda b: b[2])
        count = sum(b[2] for b in page.bins)
        detail = ngettext(
            "%(count)d pair with a value from %(low)s to %(high)s, in ranges of %(width)d; "
            "the most pairs (%(most)d) lie in the range %(range)s.",
            "%(count)d pairs with a value from %(low)s to %(high)s, in ranges of %(width)d; "
            "the most pairs (%(most)d) lie in the range %(range)s.",
            count,
        ) % {
            "count": count,
            "low": charts.figure(low),
            "high": charts.figure(high),
            "width": page.bin_width,
            "most": most[2],
            "range": charts.bin_label(most[0], most[1]),
        }
    else:
        detail = _("No pair has answered yet.")
    return {
        "chart": chart,
        "title": _("Distribution: %(measure)s") % {"measure": page.measure_label},
        "desc": _("Number of pairs per range of values.") + " " + detail,
    }


# --- one pair against its peers --------------------------------------------------------------


@dataclass
class ProfilePage:
    campaign: Campaign
    pair: Pair
    name: str
    form: PeerFilterForm
    columns: list[queries.DomainColumn]
    row: benchmark.PairTotals
    peers: list[benchmark.PairTotals]
    lines: list[tuple]  # (column, own, peer median, difference)
    total: tuple  # (own, peer median, difference) over all domains
    query: dict
    scale: colours.ColourScale
    chart: dict = field(default_factory=dict)

    @property
    def aspects_total(self) -> int:
        return sum(c.aspects for c in self.columns)

    @property
    def query_string(self) -> str:
        return urlencode(self.query)

    @property
    def peers_label(self) -> str:
        return peers_label(len(self.peers))

    def table_rows(self) -> list[tuple]:
        """(domain name, own total, peer median, difference), then the total of all domains."""
        rows = [(c.domain.name, own, peer, diff) for c, own, peer, diff in self.lines]
        return rows + [(_("Total"), *self.total)]

    def display_rows(self) -> list[tuple]:
        """table_rows as the page writes them (Belgian number format, signed differences)."""
        return [
            (name, charts.figure(own), charts.figure(peer), charts.signed_figure(diff))
            for name, own, peer, diff in self.table_rows()
        ]


def profile_page(user, campaign: Campaign, pair: Pair, params) -> ProfilePage:
    places = queries.places()
    form = PeerFilterForm(params, places)
    visible = queries.visible_pairs(user, campaign)
    peers = form.pair_filter().apply(visible).exclude(pk=pair.pk)
    pairs = visible.filter(Q(pk__in=peers.order_by().values("pk")) | Q(pk=pair.pk))
    totals = queries.campaign_totals(campaign, pairs)
    row = next(r for r in totals.rows if r.key == pair.pk)
    others = [r for r in totals.rows if r.key != pair.pk]
    by_key = {c.key: c for c in totals.columns}
    lines = [
        (by_key[key], own, peer, difference)
        for key, own, peer, difference in benchmark.profile_against(row, others, totals.domain_keys)
    ]
    page = ProfilePage(
        campaign=campaign,
        pair=pair,
        name=row.name,
        form=form,
        columns=totals.columns,
        row=row,
        peers=others,
        lines=lines,
        total=benchmark.total_against(row, others),
        query=form.query(),
        scale=_scale(),
    )
    page.chart = _profile_chart(page)
    return page


def peers_label(count: int) -> str:
    return ngettext("median of %(count)d peer", "median of %(count)d peers", count) % {
        "count": count
    }


def _profile_chart(page: ProfilePage) -> dict:
    labels = [column.domain.name for column, *_ in page.lines] + [_("Total")]
    own = [o for _, o, _, _ in page.lines] + [page.total[0]]
    peer = [p for _, _, p, _ in page.lines] + [page.total[1]]
    differences = [d for *_, d in page.lines] + [page.total[2]]
    maxima = [column.maximum for column, *_ in page.lines] + [2 * page.aspects_total]
    chart = charts.paired_bars(
        labels,
        own,
        peer,
        differences,
        maxima,
        page.name,
        peers_label(len(page.peers)),
        _("Difference"),
    )
    above = [c.domain.name for c, _, _, d in page.lines if d is not None and d > 0]
    below = [c.domain.name for c, _, _, d in page.lines if d is not None and d < 0]
    summary = ngettext(
        "Per domain, the total of %(name)s (solid bar) and the median of %(count)d peer "
        "(outlined bar), each as a share of the highest total the domain allows, with the "
        "difference at the right. Above the median: %(above)s. Below the median: %(below)s.",
        "Per domain, the total of %(name)s (solid bar) and the median of %(count)d peers "
        "(outlined bar), each as a share of the highest total the domain allows, with the "
        "difference at the right. Above the median: %(above)s. Below the median: %(below)s.",
        len(page.peers),
    ) % {
        "name": page.name,
        "count": len(page.peers),
        "above": ", ".join(above) or _("none"),
        "below": ", ".join(below) or _("none"),
    }
    return {
        "chart": chart,
        "title": _("%(name)s against the median of its peers") % {"name": page.name},
        "desc": summary,
    }

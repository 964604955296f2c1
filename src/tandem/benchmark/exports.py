"""The benchmark pages' tables as downloads: comma-separated CSV (streamed, as the matrix CSV),
XLSX with the degree colours, and JSON that follows analysis/schemas/benchmark.schema.json.
Every download is built from the same page data as the page, so it holds the same numbers; the
writing (formulas kept as text, S10; streaming, P6) is tandem.formats'."""

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tandem.campaigns.sheets import degree_legend, degree_style
from tandem.formats.downloads import json_download, streamed_csv, xlsx_download
from tandem.formats.tables import Look, Style, Table
from tandem.formats.xlsx import xlsx_bytes
from tandem.web import colours

from .pages import BenchmarkPage, ProfilePage, peers_label
from .queries import degree_levels
from .trends import TrendPage

# A table's sheet is named after its title; the header in bold stays in view; degree colours.
LOOK = Look(header=Style(bold=True), freeze="A2", fit=(8, 40))


def _number(value):
    """Whole numbers as int, others rounded to two decimals; None stays None."""
    if value is None:
        return None
    if float(value).is_integer():
        return int(value)
    return round(float(value), 2)


# --- the tables --------------------------------------------------------------------------------


def benchmark_tables(page: BenchmarkPage) -> dict[str, Table]:
    domains = [c.domain.name for c in page.columns]
    aspects = [c.aspects for c in page.columns] + [page.aspects_total]
    pairs = Table(
        name="pairs",
        sheet=_("Domain totals per pair"),
        look=LOOK,
        header=([_("Group")] if page.grouping else [])
        + [_("Rank"), _("REFNIS code"), _("Pair"), *domains, _("Total")],
    )
    for label, rank, row, values in page.table_rows():
        pairs.rows.append(
            ([label] if page.grouping else []) + [rank or None, row.code, row.name, *values]
        )
        fills = [page.scale.for_total(v, n) for v, n in zip(values, aspects, strict=True)]
        pairs.styles.append([None] * (4 if page.grouping else 3) + [degree_style(f) for f in fills])
    groups = Table(
        name="groups",
        sheet=_("Groups"),
        look=LOOK,
        header=[
            _("Group"),
            _("Pairs"),
            *[_("Median: %(domain)s") % {"domain": d} for d in domains],
            _("Median total"),
            _("Mean total"),
        ],
        rows=[
            [g.label, g.size, *[_number(g.medians[c.key]) for c in page.columns]]
            + [_number(g.median_total), _number(g.mean_total)]
            for g in page.groups
        ],
    )
    distribution = Table(
        name="distribution",
        sheet=_("Distribution: %(measure)s") % {"measure": page.measure_label},
        look=LOOK,
        header=[_("From"), _("To"), _("Pairs")],
        rows=[[low, high, count] for low, high, count in page.bins],
    )
    return {t.name: t for t in (pairs, groups, distribution)}


def profile_tables(page: ProfilePage) -> dict[str, Table]:
    table = Table(
        name="profile",
        sheet=_("%(name)s against the median of its peers") % {"name": page.name},
        look=LOOK,
        header=[_("Domain"), page.name, peers_label(len(page.peers)), _("Difference")],
    )
    lines = [(c.domain.name, c.aspects, own, peer, d) for c, own, peer, d in page.lines]
    lines.append((_("Total"), page.aspects_total, *page.total))
    for name, aspects, own, peer, difference in lines:
        table.rows.append([name, own, _number(peer), _number(difference)])
        fills = [page.scale.for_total(own, aspects), page.scale.for_total(peer, aspects)]
        table.styles.append([None, *(degree_style(f) for f in fills), None])
    return {"profile": table}


def trend_tables(page: TrendPage) -> dict[str, Table]:
    scale = colours.ColourScale.from_levels(degree_levels())
    table = Table(
        name="trend",
        sheet=_("Trend: %(subject)s") % {"subject": page.subject},
        look=LOOK,
        header=[
            _("Campaign"),
            _("Year"),
            _("Pairs that answered"),
            _("Pairs that cooperate (degree above 0)"),
            _("Share that cooperates (per cent of the pairs that answered)"),
            _("Pairs that cooperate formally (degree 2)"),
            _("Share that cooperates formally (per cent)"),
            _("Mean degree"),
        ],
    )
    for point in page.points:
        table.rows.append(
            [
                point.label,
                point.year,
                point.answered,
                point.cooperating,
                _number(point.cooperating_share),
                point.formal,
                _number(point.formal_share),
                _number(point.mean),
            ]
        )
        mean_fill = None if point.mean is None else scale.colour(point.mean)
        table.styles.append([None] * 7 + [degree_style(mean_fill)])
    return {"trend": table}


# --- JSON documents ------------------------------------------------------------------------------


def _campaign(campaign) -> dict:
    return {
        "slug": campaign.slug,
        "name": campaign.name,
        "year": campaign.year,
        "framework": campaign.framework.slug,
        "method": campaign.framework.method,
    }


def _filters(query: dict) -> dict:
    return {
        "province": query.get("province"),
        "region": query.get("region"),
        "peer_group": query.get("peer_group"),
        "pairs": [c for c in query.get("pairs", "").split(",") if c],
    }


def _domains(columns) -> list[dict]:
    return [
        {"slug": c.domain.slug, "name": c.domain.name, "aspects": c.aspects, "maximum": c.maximum}
        for c in columns
    ]


def benchmark_document(page: BenchmarkPage) -> dict:
    rank_of = page.rank_of
    groups_of: dict = {}
    for block in page.blocks:
        for row in block.rows:
            groups_of.setdefault(row.key, []).append(block.label)
    return {
        "kind": "benchmark",
        "language": get_language(),
        "campaign": _campaign(page.campaign),
        "filters": {
            **_filters(page.query),
            "group": page.grouping or None,
            "rank": page.rank_column.domain.slug if page.rank_column else None,
        },
        "domains": _domains(page.columns),
        "pairs": [
            {
                "code": row.code,
                "name": row.name,
                "groups": groups_of.get(row.key, []) if page.grouping else [],
                "totals": {c.domain.slug: row.totals.get(c.key) for c in page.columns},
                "total": row.total,
                "rank": rank_of.get(row.key) or None,
            }
            for row in page.rows
        ],
        "distribution": {
            "measure": page.rank_column.domain.slug if page.rank_column else "total",
            "bin_width": page.bin_width,
            "bins": [{"from": lo, "to": hi, "count": n} for lo, hi, n in page.bins],
        },
        "groups": [
            {
                "label": g.label,
                "size": g.size,
                "medians": {c.domain.slug: _number(g.medians[c.key]) for c in page.columns},
                "median_total": _number(g.median_total),
                "mean_total": _number(g.mean_total),
            }
            for g in page.groups
        ],
    }


def profile_document(page: ProfilePage) -> dict:
    own, peer, difference = page.total
    return {
        "kind": "profile",
        "language": get_language(),
        "campaign": _campaign(page.campaign),
        "pair": {"code": page.row.code, "name": page.name},
        "filters": _filters(page.query),
        "peers": sorted(p.code for p in page.peers),
        "domains": [
            {
                "slug": c.domain.slug,
                "name": c.domain.name,
                "aspects": c.aspects,
                "total": own_total,
                "peer_median": _number(median),
                "difference": _number(diff),
            }
            for c, own_total, median, diff in page.lines
        ],
        "total": {"total": own, "peer_median": _number(peer), "difference": _number(difference)},
    }


def trend_document(page: TrendPage) -> dict:
    return {
        "kind": "trend",
        "language": get_language(),
        "campaign": _campaign(page.campaign),
        "domain": page.domain.slug,
        "aspect": page.aspect.slug if page.aspect else None,
        # How many pairs every point counts when they are held constant; null: all of each.
        "same_pairs": None if page.same_pairs is None else len(page.same_pairs),
        "points": [
            {
                "campaign": point.campaign.slug,
                "name": point.label,
                "year": point.year,
                "answered": point.answered,
                "cooperating": point.cooperating,
                "cooperating_share": _number(point.cooperating_share),
                "formal": point.formal,
                "formal_share": _number(point.formal_share),
                "mean": _number(point.mean),
            }
            for point in page.points
        ],
    }


# --- writers -------------------------------------------------------------------------------------


def csv_response(table: Table, filename: str) -> StreamingHttpResponse:
    """Streamed row by row (P6): the header, then every row; nothing is cut."""
    return streamed_csv(table.header, table.rows, filename)


def legend() -> Table:
    """Each degree in its colours, and how totals take theirs."""
    note = _(
        "Totals are coloured by their mean degree per aspect, on the same scale "
        "(blended between the degrees)."
    )
    return degree_legend(degree_levels(), note)


def xlsx_response(tables: list[Table], filename: str) -> HttpResponse:
    """A sheet per table, then the legend of the degree colours."""
    return xlsx_download(xlsx_bytes(tables=tables, legend=legend()), filename)


# --- responses -----------------------------------------------------------------------------------


def benchmark_response(page: BenchmarkPage, fmt: str, table: str = "pairs"):
    base = f"{page.campaign.slug}-benchmark"
    tables = benchmark_tables(page)
    if fmt == "csv":
        if table not in tables:
            raise Http404("unknown table")
        suffix = "" if table == "pairs" else f"-{table}"
        return csv_response(tables[table], f"{base}{suffix}.csv")
    if fmt == "xlsx":
        return xlsx_response(list(tables.values()), f"{base}.xlsx")
    return json_download(benchmark_document(page), f"{base}.json")


def profile_response(page: ProfilePage, fmt: str):
    base = f"{page.campaign.slug}-benchmark-{page.row.code}"
    if fmt == "csv":
        return csv_response(profile_tables(page)["profile"], f"{base}.csv")
    if fmt == "xlsx":
        return xlsx_response(list(profile_tables(page).values()), f"{base}.xlsx")
    return json_download(profile_document(page), f"{base}.json")


def trend_response(page: TrendPage, fmt: str):
    subject = page.aspect.slug if page.aspect else page.domain.slug
    base = f"{page.campaign.slug}-trend-{page.domain.slug}"
    if page.aspect:
        base += f"-{subject}"
    if fmt == "csv":
        return csv_response(trend_tables(page)["trend"], f"{base}.csv")
    if fmt == "xlsx":
        return xlsx_response(list(trend_tables(page).values()), f"{base}.xlsx")
    return json_download(trend_document(page), f"{base}.json")

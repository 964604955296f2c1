"""The benchmark's two long tables (a row per pair: up to 565), written in one go for the same
reason as the heatmap's marks (tandem.web.templatetags.chart_marks): a template loop costs tens
of microseconds per row here. Every text is escaped (S9)."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

from tandem.web.templatetags.chart_marks import number_cells

register = template.Library()


@register.simple_tag
def heatmap_table_body(page, pairs_url: str):
    """The heatmap's table body: a row per pair (its name linking to its profile against the
    same peers) with its domain totals and total; with grouping a <tbody> per group, opened by
    the group's name."""
    width = len(page.columns) + 2
    suffix = page.filter_suffix
    parts, previous = [], None
    for index, (label, _rank, row, values) in enumerate(page.table_rows()):
        if index == 0 or label != previous:
            parts.append("</tbody><tbody>" if index else "<tbody>")
            if page.grouping:
                parts.append(
                    f'<tr class="group-row"><th scope="rowgroup" colspan="{width}">'
                    f"{escape(label)}</th></tr>"
                )
            previous = label
        href = escape(f"{pairs_url}{row.code}/{suffix}")
        parts.append(
            f'<tr><th scope="row"><a href="{href}">{escape(row.name)}</a></th>'
            f"{number_cells(values)}</tr>"
        )
    if parts:
        parts.append("</tbody>")
    return mark_safe("".join(parts))  # escaped


@register.simple_tag
def ranking_table_rows(rows):
    """The ranking's rows from BenchmarkPage.ranking_rows: rank, pair, value."""
    return mark_safe(  # escaped
        "".join(
            f'<tr><td class="count">{escape(rank)}</td><th scope="row">{escape(row.name)}</th>'
            f'<td class="total">{escape(value)}</td></tr>'
            for rank, row, value in rows
        )
    )

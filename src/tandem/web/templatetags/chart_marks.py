"""The many small marks of a large chart or table, written in one go: the heatmap of 565 pairs
has 4,520 cells and 565 row labels in its SVG and as many cells in its table, and a template loop
costs tens of microseconds per iteration here (the 565-pair benchmark page took 0.9 s that way;
benchmarks/comparisons.py). Every text is escaped (S9) with the standard library's html.escape,
as a template would; coordinates are numbers from tandem.web.charts."""

from functools import lru_cache
from html import escape

from django import template
from django.utils.safestring import mark_safe

from tandem.web.charts import figure

register = template.Library()


@register.simple_tag
def heatmap_cells(chart):
    """A rectangle and its value per heatmap cell; an unanswered cell has a dashed outline."""
    marks = []
    looks: dict[tuple, tuple] = {}  # a few distinct colours and values, escaped once each
    numbers: dict[float, str] = {}  # coordinates repeat per row and column: written once each

    def n(value) -> str:
        text = numbers.get(value)
        if text is None:
            text = numbers[value] = f"{float(value):.1f}"
        return text

    for c in chart.cells:
        key = (c.fill, c.ink, c.text, c.known, c.width, c.height)
        look = looks.get(key)
        if look is None:
            dashed = "" if c.known else ' stroke="#4a4a4a" stroke-dasharray="3 2"'
            look = looks[key] = (
                f'width="{n(c.width)}" height="{n(c.height)}" fill="{escape(c.fill)}"{dashed}',
                f'fill="{escape(c.ink)}">{escape(c.text)}',
            )
        marks.append(
            f'<rect x="{n(c.x)}" y="{n(c.y)}" {look[0]}/><text class="value" '
            f'x="{n(c.text_x)}" y="{n(c.text_y)}" {look[1]}</text>'
        )
    return mark_safe("".join(marks))  # every text above is escaped; the rest are numbers


@register.simple_tag
def heatmap_labels(chart):
    """The row labels (pairs) and group headings of a heatmap."""
    marks = []
    for label in chart.labels:
        bold = ' font-weight="bold"' if label.bold else ""
        marks.append(
            f'<text x="{label.x:.1f}" y="{label.y:.1f}" text-anchor="{escape(label.anchor)}"'
            f"{bold}>{escape(label.text)}</text>"
        )
    return mark_safe("".join(marks))  # escaped


@register.simple_tag
def number_cells(values, css_class="total"):
    """A table cell per value, as the charts write it (Belgian format; a dash when unknown)."""
    return mark_safe("".join(_cell(v, css_class) for v in values))  # escaped


@lru_cache(maxsize=4096)
def _cell(value, css_class: str) -> str:
    return f'<td class="{escape(css_class)}">{escape(figure(value))}</td>'

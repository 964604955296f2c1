"""Chart geometry as plain data: heatmap cells, paired bars, histogram columns and point lines,
in SVG user units, for the templates under web/charts/ to draw. No markup here: every text
reaches the page through a template, which escapes it (S9). Each value is also written as text
beside its mark, so colour is never the only signal, and the page puts a data table next to
each chart (WCAG 1.1.1, 1.4.1)."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from tandem.formats.belgian import format_number

from .colours import WHITE, ColourScale, ink_on

FONT = 12  # the text size the templates use, in user units
# The width of a character at FONT, generous for wide fonts (DejaVu Sans), to make room for labels.
CHAR = 7.6
BOLD_CHAR = 8.4
DASH = "—"  # a value that is not known (never 0)
INK = "#1b1b1b"  # axis and label text, as the site's text colour
MUTED = "#4a4a4a"  # grid lines and outlines: 8.9:1 on white
# Series of a point chart: each 4.5:1 or more on white, told apart by marker and dash too.
SERIES_COLOURS = ("#123c69", "#8a4b00", "#1a7f4b", "#6a1b9a")
SERIES_DASHES = ("", "6 4", "2 3", "8 3 2 3")
MARKERS = ("circle", "square", "triangle", "diamond")


@lru_cache(maxsize=4096)  # a heatmap of 565 pairs writes the same few hundred numbers
def figure(value, decimals: int = 1) -> str:
    """A number as charts and tables write it (Belgian format in every language): whole numbers
    without decimals, others rounded half up to `decimals`; None is a dash."""
    if value is None:
        return DASH
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return format_number(int(number))
    return format_number(number, decimals)


def signed_figure(value, decimals: int = 1) -> str:
    """A difference: '+2', '-1,5', '0'."""
    text = figure(value, decimals)
    return f"+{text}" if value is not None and value > 0 else text


# --- shared shapes ---------------------------------------------------------------------------


@dataclass(slots=True)
class Label:
    """A text at (x, y); `anchor` is SVG's text-anchor; `rotate` turns it about its point."""

    x: float
    y: float
    text: str
    anchor: str = "start"
    rotate: int = 0
    bold: bool = False

    @property
    def transform(self) -> str:
        return f"rotate({self.rotate} {self.x} {self.y})" if self.rotate else ""


def _width(text: str, bold: bool = False) -> float:
    return len(text) * (BOLD_CHAR if bold else CHAR)


def shorten(text: str, length: int = 28) -> str:
    """A label cut to `length` characters with an ellipsis (the data table keeps it whole)."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _r(value: float) -> float:
    return round(value, 1)


# --- heatmap ---------------------------------------------------------------------------------


@dataclass(slots=True)
class HeatCell:
    x: float
    y: float
    width: float
    height: float
    fill: str
    ink: str
    text: str
    known: bool
    text_x: float = 0
    text_y: float = 0


@dataclass(slots=True)
class Heatmap:
    width: float
    height: float
    columns: list[Label]
    labels: list[Label]  # one per row (pairs), and group headings
    cells: list[HeatCell]
    rows: int


def heatmap(
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    values: Sequence[Sequence[int | None]],
    aspects: Sequence[int],
    scale: ColourScale,
    groups: Sequence[str] | None = None,
    cell_width: float = 58,
    cell_height: float = 22,
) -> Heatmap:
    """Rows × columns of values, each cell coloured by its mean degree per aspect (`aspects` per
    column) and showing its value. With `groups` (a label per row, rows already in group order),
    a heading line opens each group."""
    label_width = max((_width(t) for t in row_labels), default=0) + 12
    column_labels = [shorten(t) for t in column_labels]
    # Column labels are bold and turned 45°: they rise and reach right by 0.71 of their length.
    header = max((_width(t, True) for t in column_labels), default=0) * 0.71 + 14
    columns = [
        Label(_r(label_width + (i + 0.5) * cell_width), _r(header - 6), text, rotate=-45)
        for i, text in enumerate(column_labels)
    ]
    reach = max((c.x + _width(c.text, True) * 0.71 for c in columns), default=0)
    labels, cells = [], []
    y = header
    previous = None
    lefts = [_r(label_width + column * cell_width + 1) for column in range(len(aspects))]
    middles = [_r(label_width + (column + 0.5) * cell_width) for column in range(len(aspects))]
    looks: dict[tuple, tuple] = {}  # (value, aspects) → (fill, ink, text): few distinct ones
    for index, (label, row) in enumerate(zip(row_labels, values, strict=True)):
        group = groups[index] if groups else None
        if groups and group != previous:
            labels.append(Label(4, _r(y + cell_height * 0.7), group, bold=True))
            y += cell_height
            previous = group
        text_y = _r(y + cell_height * 0.68)
        labels.append(Label(_r(label_width - 6), text_y, label, "end"))
        top = _r(y + 1)
        for column, value in enumerate(row):
            key = (value, aspects[column])
            look = looks.get(key)
            if look is None:
                fill = scale.for_total(value, aspects[column])
                look = looks[key] = (
                    fill or WHITE,
                    ink_on(fill) if fill else MUTED,
                    figure(value),
                )
            cells.append(
                HeatCell(
                    lefts[column],
                    top,
                    cell_width - 2,
                    cell_height - 2,
                    look[0],
                    look[1],
                    look[2],
                    value is not None,
                    middles[column],
                    text_y,
                )
            )
        y += cell_height
    width = max(label_width + len(column_labels) * cell_width, reach) + 8
    return Heatmap(_r(width), _r(y + 4), columns, labels, cells, len(row_labels))


# --- paired bars (a pair against its peers) --------------------------------------------------


@dataclass(slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    text: str
    text_x: float
    text_y: float
    own: bool  # the pair's own bar (solid) or the peers' median (outlined)


@dataclass(slots=True)
class LegendEntry:
    label: Label
    swatch_x: float
    swatch_y: float
    own: bool


@dataclass(slots=True)
class BarChart:
    width: float
    height: float
    labels: list[Label]
    bars: list[Bar]
    notes: list[Label]  # the difference, right of each domain's bars
    ticks: list[Label]
    grid: list[float]  # x of the vertical grid lines
    legend: list["LegendEntry"]
    top: float
    bottom: float
    fill: str = SERIES_COLOURS[0]
    outline: str = MUTED


def _ticks(maximum: float, steps: int = 4) -> list[float]:
    """Round tick values from 0 to at least `maximum`."""
    if maximum <= 0:
        return [0.0]
    raw = maximum / steps
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 1
    step = next(s * magnitude for s in (1, 2, 2.5, 5, 10) if s * magnitude >= raw)
    count = int(-(-maximum // step))
    return [step * i for i in range(count + 1)]


PERCENT_TICKS = (0, 25, 50, 75, 100)


def paired_bars(
    labels: Sequence[str],
    own: Sequence[float | None],
    reference: Sequence[float | None],
    differences: Sequence[float | None] | None,
    maxima: Sequence[float],
    own_name: str,
    reference_name: str,
    difference_name: str = "",
    plot_width: float = 320,
) -> BarChart:
    """Per label two horizontal bars, the pair's value (solid) and the reference (outlined), each
    as a share of the label's maximum (domains have different numbers of aspects) with its value
    written after it, and the difference in a column at the right (none when `differences` is
    None: two series that are not the same measure)."""
    bar_height, gap = 16, 14
    label_width = max((_width(t) for t in labels), default=0) + 12
    legend_height = 3 * (bar_height + 6) + 4
    top = legend_height + 8
    value_room = 44
    with_differences = differences is not None
    differences = differences if with_differences else [None] * len(labels)
    notes_x = label_width + plot_width + value_room
    if with_differences:
        notes_x += max(_width(difference_name, True), 40)
    chart_labels, bars, notes = [], [], []
    y = top + 6
    for label, mine, theirs, difference, maximum in zip(
        labels, own, reference, differences, maxima, strict=True
    ):
        chart_labels.append(Label(_r(label_width - 6), _r(y + bar_height + 4), label, "end"))
        for value, is_own in ((mine, True), (theirs, False)):
            share = 0 if value is None or not maximum else min(value / maximum, 1)
            width = share * plot_width
            bars.append(
                Bar(
                    x=_r(label_width),
                    y=_r(y),
                    width=_r(width),
                    height=bar_height,
                    text=figure(value),
                    text_x=_r(label_width + width + 5),
                    text_y=_r(y + bar_height - 4),
                    own=is_own,
                )
            )
            y += bar_height + 2
        if with_differences:
            notes.append(
                Label(_r(notes_x), _r(y - bar_height - 4), signed_figure(difference), "end", True)
            )
        y += gap
    bottom = y
    tick_labels = [
        Label(_r(label_width + t / 100 * plot_width), _r(bottom + FONT + 4), f"{t} %", "middle")
        for t in PERCENT_TICKS
    ]
    legend = [
        LegendEntry(Label(_r(label_width + 24), at + FONT, name), _r(label_width), at + 1, is_own)
        for name, at, is_own in ((own_name, 8, True), (reference_name, 8 + bar_height + 6, False))
    ]
    if with_differences:
        notes.insert(0, Label(_r(notes_x), _r(top - 4), difference_name, "end", True))
    width = max(notes_x + 8, label_width + 24 + max(_width(own_name), _width(reference_name)) + 8)
    return BarChart(
        width=_r(width),
        height=_r(bottom + FONT + 12),
        labels=chart_labels,
        bars=bars,
        notes=notes,
        ticks=tick_labels,
        grid=[_r(label_width + t / 100 * plot_width) for t in PERCENT_TICKS],
        legend=legend,
        top=top,
        bottom=_r(bottom),
    )


# --- histogram -------------------------------------------------------------------------------


@dataclass(slots=True)
class HistogramColumn:
    x: float
    y: float
    width: float
    height: float
    text: str  # the count, above the column
    text_x: float
    text_y: float
    label: Label  # the bin, below the axis


@dataclass(slots=True)
class Histogram:
    width: float
    height: float
    columns: list[HistogramColumn]
    baseline: float
    left: float
    right: float
    fill: str = SERIES_COLOURS[0]


def bin_label(low: int, high: int) -> str:
    return figure(low) if low == high else f"{figure(low)}–{figure(high)}"


def histogram(
    bins: Sequence[tuple[int, int, int]],
    plot_height: float = 160,
    column_width: float | None = None,
) -> Histogram:
    """A column per (from, to, count) bin, its count written above it and the bin below."""
    labels = [bin_label(low, high) for low, high, _ in bins]
    column_width = column_width or max(34, max((_width(t) for t in labels), default=0) + 8)
    top = FONT + 10
    highest = max((count for _, _, count in bins), default=0) or 1
    left = 8
    columns = []
    baseline = top + plot_height
    for index, ((_, _, count), label) in enumerate(zip(bins, labels, strict=True)):
        height = plot_height * count / highest
        x = left + index * column_width
        columns.append(
            HistogramColumn(
                x=_r(x + 2),
                y=_r(baseline - height),
                width=_r(column_width - 4),
                height=_r(height),
                text=figure(count),
                text_x=_r(x + column_width / 2),
                text_y=_r(baseline - height - 4),
                label=Label(_r(x + column_width / 2), _r(baseline + FONT + 4), label, "middle"),
            )
        )
    right = left + len(bins) * column_width
    return Histogram(
        _r(right + 8), _r(baseline + FONT + 12), columns, _r(baseline), left, _r(right)
    )


# --- point lines (trends) ----------------------------------------------------------------------


@dataclass(slots=True)
class Point:
    x: float
    y: float
    text: str
    text_x: float
    text_y: float
    marker: str  # an SVG path


@dataclass(slots=True)
class Line:
    name: str
    colour: str
    dash: str
    points: list[Point]
    legend: Label
    legend_marker: str
    legend_line: tuple[float, float, float]  # x1, x2, y

    @property
    def path(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.points)


@dataclass(slots=True)
class LineChart:
    width: float
    height: float
    lines: list[Line]
    x_labels: list[Label]
    ticks: list[Label]
    grid: list[float]  # y of the horizontal grid lines
    left: float
    right: float
    top: float
    bottom: float
    extra: dict = field(default_factory=dict)


def marker(shape: str, x: float, y: float, size: float = 4.5) -> str:
    """An SVG path for a point marker centred on (x, y)."""
    if shape == "square":
        return f"M{_r(x - size)},{_r(y - size)}h{2 * size}v{2 * size}h{-2 * size}Z"
    if shape in ("triangle", "diamond"):
        s = size + 1
        if shape == "triangle":
            corners = ((x, y - s), (x + s, y + size), (x - s, y + size))
        else:
            corners = ((x, y - s), (x + s, y), (x, y + s), (x - s, y))
        return "M" + "L".join(f"{_r(a)},{_r(b)}" for a, b in corners) + "Z"
    arc = f"a{size},{size} 0 1,0"
    return f"M{_r(x - size)},{_r(y)}{arc} {2 * size},0{arc} {-2 * size},0Z"


def _spread(positions: list[float], gap: float) -> list[float]:
    """Push label positions apart (keeping their order) so no two are closer than `gap`."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = positions[:]
    for before, after in zip(order, order[1:], strict=False):
        if placed[after] - placed[before] < gap:
            placed[after] = placed[before] + gap
    return placed


def line_chart(
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    maximum: float | None = None,
    decimals: int = 0,
    column_width: float = 110,
    plot_height: float = 180,
) -> LineChart:
    """One line of points per series over the x labels (campaigns in year order), each point's
    value written beside it; series differ by colour, marker and dash, and a legend names them."""
    legend_width = max((_width(name) for name, _ in series), default=0) + 40
    top = 10 + len(series) * (FONT + 8) + 10
    left = 44
    known = [v for _, values in series for v in values if v is not None]
    ticks = _ticks(maximum if maximum is not None else (max(known, default=0) or 1))
    scale = plot_height / ticks[-1]
    bottom = top + plot_height
    xs = [left + (i + 0.5) * column_width for i in range(len(x_labels))]
    lines = []
    for index, (name, values) in enumerate(series):
        shape = MARKERS[index % len(MARKERS)]
        points = [
            Point(_r(x), _r(bottom - v * scale), figure(v, decimals), 0, 0, "")
            for x, v in zip(xs, values, strict=True)
            if v is not None
        ]
        for point in points:
            point.marker = marker(shape, point.x, point.y)
        legend_y = 10 + index * (FONT + 8) + FONT
        lines.append(
            Line(
                name=name,
                colour=SERIES_COLOURS[index % len(SERIES_COLOURS)],
                dash=SERIES_DASHES[index % len(SERIES_DASHES)],
                points=points,
                legend=Label(left + 36, legend_y, name),
                legend_marker=marker(shape, left + 14, legend_y - 4),
                legend_line=(left, left + 28, legend_y - 4),
            )
        )
    # Values right of their point, moved apart where two series meet at one campaign.
    for x in xs:
        at_x = [p for line in lines for p in line.points if p.x == _r(x)]
        spread = _spread([p.y + 4 for p in at_x], FONT + 1)
        for point, text_y in zip(at_x, spread, strict=True):
            point.text_x, point.text_y = _r(point.x + 9), _r(text_y)
    width = max(left + len(x_labels) * column_width + 16, left + legend_width)
    return LineChart(
        width=_r(width),
        height=_r(bottom + 2 * FONT + 14),
        lines=lines,
        x_labels=[
            Label(_r(x), _r(bottom + FONT + 6), t, "middle")
            for x, t in zip(xs, x_labels, strict=True)
        ],
        ticks=[Label(left - 6, _r(bottom - t * scale + 4), figure(t, 2), "end") for t in ticks],
        grid=[_r(bottom - t * scale) for t in ticks],
        left=left,
        right=_r(left + len(x_labels) * column_width),
        top=top,
        bottom=_r(bottom),
    )

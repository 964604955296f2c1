"""Point lines (trends): one line per series over the campaigns, with markers and dashes so
colour is never the only signal."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from .shapes import (
    FONT,
    MARKERS,
    SERIES_COLOURS,
    SERIES_DASHES,
    Label,
    axis_ticks,
    figure,
    rounded,
    text_width,
)


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
    kind: ClassVar[str] = "lines"  # its class in the page: chart-lines
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
        return f"M{rounded(x - size)},{rounded(y - size)}h{2 * size}v{2 * size}h{-2 * size}Z"
    if shape in ("triangle", "diamond"):
        s = size + 1
        if shape == "triangle":
            corners = ((x, y - s), (x + s, y + size), (x - s, y + size))
        else:
            corners = ((x, y - s), (x + s, y), (x, y + s), (x - s, y))
        return "M" + "L".join(f"{rounded(a)},{rounded(b)}" for a, b in corners) + "Z"
    arc = f"a{size},{size} 0 1,0"
    return f"M{rounded(x - size)},{rounded(y)}{arc} {2 * size},0{arc} {-2 * size},0Z"


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
    legend_width = max((text_width(name) for name, _ in series), default=0) + 40
    top = 10 + len(series) * (FONT + 8) + 10
    left = 44
    known = [v for _, values in series for v in values if v is not None]
    ticks = axis_ticks(maximum if maximum is not None else (max(known, default=0) or 1))
    scale = plot_height / ticks[-1]
    bottom = top + plot_height
    xs = [left + (i + 0.5) * column_width for i in range(len(x_labels))]
    lines = []
    for index, (name, values) in enumerate(series):
        shape = MARKERS[index % len(MARKERS)]
        points = [
            Point(rounded(x), rounded(bottom - v * scale), figure(v, decimals), 0, 0, "")
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
        at_x = [p for line in lines for p in line.points if p.x == rounded(x)]
        spread = _spread([p.y + 4 for p in at_x], FONT + 1)
        for point, text_y in zip(at_x, spread, strict=True):
            point.text_x, point.text_y = rounded(point.x + 9), rounded(text_y)
    width = max(left + len(x_labels) * column_width + 16, left + legend_width)
    return LineChart(
        width=rounded(width),
        height=rounded(bottom + 2 * FONT + 14),
        lines=lines,
        x_labels=[
            Label(rounded(x), rounded(bottom + FONT + 6), t, "middle")
            for x, t in zip(xs, x_labels, strict=True)
        ],
        ticks=[
            Label(left - 6, rounded(bottom - t * scale + 4), figure(t, 2), "end") for t in ticks
        ],
        grid=[rounded(bottom - t * scale) for t in ticks],
        left=left,
        right=rounded(left + len(x_labels) * column_width),
        top=top,
        bottom=rounded(bottom),
    )

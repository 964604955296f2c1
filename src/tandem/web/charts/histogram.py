"""A histogram: how many pairs fall in each band of totals."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from .shapes import FONT, SERIES_COLOURS, Label, figure, rounded, text_width


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
    kind: ClassVar[str] = "histogram"  # its class in the page: chart-histogram
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
    column_width = column_width or max(34, max((text_width(t) for t in labels), default=0) + 8)
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
                x=rounded(x + 2),
                y=rounded(baseline - height),
                width=rounded(column_width - 4),
                height=rounded(height),
                text=figure(count),
                text_x=rounded(x + column_width / 2),
                text_y=rounded(baseline - height - 4),
                label=Label(
                    rounded(x + column_width / 2), rounded(baseline + FONT + 4), label, "middle"
                ),
            )
        )
    right = left + len(bins) * column_width
    return Histogram(
        rounded(right + 8),
        rounded(baseline + FONT + 12),
        columns,
        rounded(baseline),
        left,
        rounded(right),
    )

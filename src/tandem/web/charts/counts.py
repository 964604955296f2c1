"""Horizontal count bars: how many pairs fall in each category (a finding's reason clusters or
obstacle types), the category left of its bar and the count right of it."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from .shapes import FONT, SERIES_COLOURS, Label, figure, rounded, shorten, text_width

ROW = 22  # height of one category's row
LABEL_LENGTH = 40  # a longer category is shortened in the chart (the table beside it is whole)


@dataclass(slots=True)
class CountBar:
    y: float
    width: float
    label: Label  # the category, right-aligned before the bar
    text: str  # the count, after the bar
    text_x: float
    text_y: float


@dataclass(slots=True)
class CountBars:
    kind: ClassVar[str] = "counts"  # its class in the page: chart-counts
    width: float
    height: float
    left: float  # where the bars start
    bar_height: float
    bars: list[CountBar]
    fill: str = SERIES_COLOURS[0]


def count_bars(items: Sequence[tuple[str, int]], plot_width: float = 320) -> CountBars:
    """A bar per (category, count), in the given order, scaled to the largest count."""
    labels = [shorten(label, LABEL_LENGTH) for label, _count in items]
    left = max((text_width(text) for text in labels), default=0) + 16
    highest = max((count for _label, count in items), default=0) or 1
    bars = []
    for index, ((_label, count), text) in enumerate(zip(items, labels, strict=True)):
        top = 6 + index * ROW
        width = plot_width * count / highest
        bars.append(
            CountBar(
                y=rounded(top),
                width=rounded(width),
                label=Label(rounded(left - 8), rounded(top + FONT + 1), text, "end"),
                text=figure(count),
                text_x=rounded(left + width + 6),
                text_y=rounded(top + FONT + 1),
            )
        )
    return CountBars(
        width=rounded(left + plot_width + 40),
        height=rounded(12 + len(items) * ROW),
        left=rounded(left),
        bar_height=ROW - 6,
        bars=bars,
    )

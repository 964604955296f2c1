"""Paired bars: a pair's value beside its peers' median, per column, with a legend."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from .shapes import (
    FONT,
    MUTED,
    PERCENT_TICKS,
    SERIES_COLOURS,
    Label,
    figure,
    rounded,
    signed_figure,
    text_width,
)


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
    kind: ClassVar[str] = "bars"  # its class in the page: chart-bars
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
    label_width = max((text_width(t) for t in labels), default=0) + 12
    legend_height = 3 * (bar_height + 6) + 4
    top = legend_height + 8
    value_room = 44
    with_differences = differences is not None
    differences = differences if with_differences else [None] * len(labels)
    notes_x = label_width + plot_width + value_room
    if with_differences:
        notes_x += max(text_width(difference_name, True), 40)
    chart_labels, bars, notes = [], [], []
    y = top + 6
    for label, mine, theirs, difference, maximum in zip(
        labels, own, reference, differences, maxima, strict=True
    ):
        chart_labels.append(
            Label(rounded(label_width - 6), rounded(y + bar_height + 4), label, "end")
        )
        for value, is_own in ((mine, True), (theirs, False)):
            share = 0 if value is None or not maximum else min(value / maximum, 1)
            width = share * plot_width
            bars.append(
                Bar(
                    x=rounded(label_width),
                    y=rounded(y),
                    width=rounded(width),
                    height=bar_height,
                    text=figure(value),
                    text_x=rounded(label_width + width + 5),
                    text_y=rounded(y + bar_height - 4),
                    own=is_own,
                )
            )
            y += bar_height + 2
        if with_differences:
            notes.append(
                Label(
                    rounded(notes_x),
                    rounded(y - bar_height - 4),
                    signed_figure(difference),
                    "end",
                    True,
                )
            )
        y += gap
    bottom = y
    tick_labels = [
        Label(
            rounded(label_width + t / 100 * plot_width),
            rounded(bottom + FONT + 4),
            f"{t} %",
            "middle",
        )
        for t in PERCENT_TICKS
    ]
    legend = [
        LegendEntry(
            Label(rounded(label_width + 24), at + FONT, name), rounded(label_width), at + 1, is_own
        )
        for name, at, is_own in ((own_name, 8, True), (reference_name, 8 + bar_height + 6, False))
    ]
    if with_differences:
        notes.insert(0, Label(rounded(notes_x), rounded(top - 4), difference_name, "end", True))
    width = max(
        notes_x + 8, label_width + 24 + max(text_width(own_name), text_width(reference_name)) + 8
    )
    return BarChart(
        width=rounded(width),
        height=rounded(bottom + FONT + 12),
        labels=chart_labels,
        bars=bars,
        notes=notes,
        ticks=tick_labels,
        grid=[rounded(label_width + t / 100 * plot_width) for t in PERCENT_TICKS],
        legend=legend,
        top=top,
        bottom=rounded(bottom),
    )

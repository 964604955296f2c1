"""A heatmap: pairs × columns, each cell coloured on a scale and its value written in it."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from ..colours import WHITE, ColourScale, ink_on
from .shapes import MUTED, Label, figure, rounded, shorten, text_width


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
    kind: ClassVar[str] = "heatmap"  # its class in the page: chart-heatmap
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
    label_width = max((text_width(t) for t in row_labels), default=0) + 12
    column_labels = [shorten(t) for t in column_labels]
    # Column labels are bold and turned 45°: they rise and reach right by 0.71 of their length.
    header = max((text_width(t, True) for t in column_labels), default=0) * 0.71 + 14
    columns = [
        Label(rounded(label_width + (i + 0.5) * cell_width), rounded(header - 6), text, rotate=-45)
        for i, text in enumerate(column_labels)
    ]
    reach = max((c.x + text_width(c.text, True) * 0.71 for c in columns), default=0)
    labels, cells = [], []
    y = header
    previous = None
    lefts = [rounded(label_width + column * cell_width + 1) for column in range(len(aspects))]
    middles = [rounded(label_width + (column + 0.5) * cell_width) for column in range(len(aspects))]
    looks: dict[tuple, tuple] = {}  # (value, aspects) → (fill, ink, text): few distinct ones
    for index, (label, row) in enumerate(zip(row_labels, values, strict=True)):
        group = groups[index] if groups else None
        if groups and group != previous:
            labels.append(Label(4, rounded(y + cell_height * 0.7), group, bold=True))
            y += cell_height
            previous = group
        text_y = rounded(y + cell_height * 0.68)
        labels.append(Label(rounded(label_width - 6), text_y, label, "end"))
        top = rounded(y + 1)
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
    return Heatmap(rounded(width), rounded(y + 4), columns, labels, cells, len(row_labels))

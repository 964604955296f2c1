"""The one table model every download writes: a header, rows of plain values, a style per cell."""

import re
from dataclasses import dataclass, field
from decimal import Decimal

# What a cell holds: plain values only (a bool is an int), never a model instance.
Value = int | float | Decimal | str | None
# The one colour form a stylesheet or a template may receive ('#rrggbb'): nothing else is written.
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Style:
    """How one cell is dressed: its background and text colour ('#rrggbb'; None keeps the
    spreadsheet's own), bold text, centred."""

    fill: str | None = None
    ink: str | None = None
    bold: bool = False
    centre: bool = False

    @property
    def painted(self) -> bool:
        return bool(self.fill or self.ink or self.bold)


@dataclass(frozen=True)
class Look:
    """How a sheet is dressed: the same for every table of one kind of download."""

    header: Style | None = None  # the header row's style; None: plain
    wrap: bool = False  # header and text cells wrap, aligned to the top
    bold_labels: bool = False  # the first column (the row labels) in bold where not painted
    freeze: str | None = None  # the top-left cell that scrolls ("A2": the header stays)
    repeat_header: bool = False  # the header row printed on every page
    fit: tuple[int, int] | None = None  # widths fitted to header and rows, within (min, max)
    widths: tuple[tuple[str, int], ...] = ()  # fixed widths: (column letter, width)


@dataclass
class Table:
    """A table of plain values as every download writes it: a sheet of a workbook, a CSV, rows
    of a JSON document. `header` holds the column headings (the first heads the row labels when
    a row starts with its label); the last `totals` rows sum the others. `styles` gives a style
    per row and per cell (None, or a row left out, is a plain cell)."""

    sheet: str  # a short sheet name; the writer makes it one Excel accepts
    header: list[str]
    rows: list[list[Value]] = field(default_factory=list)
    title: str = ""  # a title row above the header; none when empty
    styles: list[list[Style | None]] = field(default_factory=list)
    totals: int = 0
    look: Look = Look()
    name: str = ""  # a stable name: the CSV's `table` column, a JSON key
    codes: list[str] = field(default_factory=list)  # a stable code per column
    row_codes: list[str] = field(default_factory=list)  # a stable code per row

    @property
    def body(self) -> list[list[Value]]:
        """The rows without the totals."""
        return self.rows[: len(self.rows) - self.totals]

    def style(self, row: int, column: int) -> Style | None:
        """The style of one cell (indexes from 0), None for a plain cell."""
        styles = self.styles[row] if row < len(self.styles) else []
        return styles[column] if column < len(styles) else None

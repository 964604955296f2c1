"""Tables as downloads: a Table of plain values written as streamed CSV, as an XLSX sheet
(a styled header, the factor symbols in their colours, counts shaded by value) or as JSON.

A text cell that a spreadsheet would run as a formula stays text (S10): a string cell in XLSX, a
leading apostrophe in CSV (tandem.formats.downloads, shared by every download)."""

import io
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from tandem.formats.downloads import (
    attachment,
    fill,
    font,
    keep_as_text,
    sheet_name,
    xlsx_download,
)
from tandem.web.colours import ColourScale, ink_on

from .models import FactorValue

# The factor symbols' colours (fill, text) in XLSX and in print: + green, - red/orange, ? grey,
# +/- amber. Every text colour has at least 4.5:1 contrast on its fill (WCAG AA; tested).
SYMBOL_COLOURS = {
    "+": ("#c9e7cd", "#14532d"),
    "-": ("#f9d2c3", "#7c1d0c"),
    "?": ("#e2e2e2", "#333333"),
    "+/-": ("#ffe194", "#5a3a00"),
}
SYMBOL_CLASSES = {"+": "plus", "-": "minus", "?": "unknown", "+/-": "mixed"}
HEADER_FILL, HEADER_INK = "#1f3a5f", "#ffffff"  # 11.9:1
# Counts shade from white (0) to this blue (the table's highest count); the text is black or
# white, whichever contrasts more (tandem.web.colours.ink_on).
COUNT_SCALE = ColourScale(((0.0, "#ffffff"), (1.0, "#3a6ea5")))


@dataclass
class Table:
    """A table as plain values (int, str or None): `header` holds the column headings (the
    first heads the row labels), `codes` a stable code per column. A row's first cell is its
    label; `row_codes` name the rows; the last `totals` rows sum the others."""

    name: str  # the CSV's `table` column, a JSON key
    title: str
    sheet: str  # a short sheet name
    header: list[str]
    codes: list[str]
    rows: list[list] = field(default_factory=list)
    row_codes: list[str] = field(default_factory=list)
    style: str = "text"  # "counts": shaded numbers; "symbols": coloured factor symbols
    totals: int = 0

    @property
    def body(self) -> list[list]:
        return self.rows[: len(self.rows) - self.totals]

    def colours(self) -> list[list[tuple[str, str] | None]]:
        """(fill, text colour) per cell, None for a plain cell: the factor symbols in their
        colours; counts on a scale up to the table's highest count (totals rows stay plain)."""
        if self.style == "symbols":
            return [
                [SYMBOL_COLOURS.get(v) if i else None for i, v in enumerate(r)] for r in self.rows
            ]
        if self.style != "counts":
            return [[None] * len(r) for r in self.rows]
        highest = max((v for r in self.body for v in r[1:] if isinstance(v, int)), default=0)
        shaded = []
        for index, row in enumerate(self.rows):
            cells = [None]
            for value in row[1:]:
                if index >= len(self.body) or not isinstance(value, int) or not value:
                    cells.append(None)
                else:
                    fill = COUNT_SCALE.colour(value / highest)
                    cells.append((fill, ink_on(fill)))
            shaded.append(cells)
        return shaded


def csv_verbatim(text: str, filename: str) -> HttpResponse:
    return attachment(HttpResponse(text, content_type="text/csv; charset=utf-8"), filename)


def write_sheet(sheet, table: Table) -> None:
    """Row 1 the table's title, row 2 the styled header, the rows from row 3."""
    sheet.append([table.title])
    sheet["A1"].font = Font(bold=True, size=12)
    keep_as_text(sheet["A1"])
    sheet.append(table.header)
    for cell in sheet[2]:
        cell.font = font(HEADER_INK, bold=True)
        cell.fill = fill(HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        keep_as_text(cell)
    colours = table.colours()
    for index, (row, row_colours) in enumerate(zip(table.rows, colours, strict=True)):
        sheet.append(row)
        is_total = index >= len(table.body)
        for cell, colour in zip(sheet[sheet.max_row], row_colours, strict=True):
            keep_as_text(cell)
            if isinstance(cell.value, str):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if colour:
                cell.fill = fill(colour[0])
                cell.font = font(colour[1], bold=table.style == "symbols")
            elif is_total or cell.column == 1:
                cell.font = Font(bold=True)
            if table.style == "symbols" and cell.column > 1:
                cell.alignment = Alignment(horizontal="center")
    sheet.freeze_panes = "B3"
    sheet.print_title_rows = "2:2"
    for column in sheet.iter_cols(min_row=2):
        width = max((len(str(c.value)) for c in column if c.value is not None), default=0)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 6), 60)


def _legend(book, taken: set) -> None:
    sheet = book.create_sheet(sheet_name(_("Legend"), taken))
    sheet.append([_("Value"), _("Meaning")])
    for cell in sheet[1]:
        cell.font = font(HEADER_INK, bold=True)
        cell.fill = fill(HEADER_FILL)
    for value, label in FactorValue.Symbol.choices:
        sheet.append([value, str(label)])
        background, ink = SYMBOL_COLOURS[value]
        cell = sheet.cell(sheet.max_row, 1)
        cell.data_type = "s"
        cell.fill, cell.font = fill(background), font(ink, bold=True)
        cell.alignment = Alignment(horizontal="center")
    sheet.append(["", _("no value given")])
    sheet.column_dimensions["B"].width = 30


def xlsx_bytes(tables: list[Table], legend: bool = False) -> bytes:
    book = Workbook()
    book.remove(book.active)
    taken: set = set()
    for table in tables:
        write_sheet(book.create_sheet(sheet_name(table.sheet, taken)), table)
    if legend:
        _legend(book, taken)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_response(tables: list[Table], filename: str, legend: bool = False) -> HttpResponse:
    return xlsx_download(xlsx_bytes(tables, legend), filename)

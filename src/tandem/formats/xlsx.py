"""Tables as an XLSX workbook (openpyxl): a sheet per table with its styles, a legend sheet last."""

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from .formulas import keep_as_text
from .tables import Style, Table

TITLE_FONT = Font(bold=True, size=12)
BOLD = Font(bold=True)
WRAPPED = Alignment(wrap_text=True, vertical="top")
CENTRED = Alignment(horizontal="center")


def argb(colour: str) -> str:
    return "FF" + colour.lstrip("#").upper()


def fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=argb(colour), end_color=argb(colour))


def font(colour: str, bold: bool = False) -> Font:
    return Font(color=argb(colour), bold=bold)


def sheet_name(text: object, taken: set[str] | None = None) -> str:
    """Excel refuses []:*?/\\ in sheet names, more than 31 characters and (with `taken`, the
    names given so far in lower case) duplicates: a repeated name gets ' 2', ' 3'…"""
    name = "".join(" " if c in "[]:*?/\\" else c for c in str(text))[:31].strip() or "sheet"
    if taken is None:
        return name
    base, number = name, 2
    while name.lower() in taken:
        suffix = f" {number}"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name.lower())
    return name


def xlsx_bytes(*, tables: Sequence[Table], legend: Table | None = None) -> bytes:
    """A sheet per table, in order, named after `table.sheet` (cleaned, made unique), then the
    legend's sheet. Every text cell that starts like a formula stays text (S10)."""
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for table in [*tables, *([legend] if legend is not None else [])]:
        _write_sheet(book.create_sheet(sheet_name(table.sheet, taken)), table)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _paint(cell: Cell, style: Style) -> None:
    if style.fill:
        cell.fill = fill(style.fill)
    if style.ink:
        cell.font = font(style.ink, bold=style.bold)
    elif style.bold:
        cell.font = BOLD


def _write_sheet(sheet: Worksheet, table: Table) -> None:
    """The title (if any) in row 1, then the header, then the rows."""
    look = table.look
    if table.title:
        sheet.append([table.title])
        sheet["A1"].font = TITLE_FONT
        keep_as_text(sheet["A1"])
    sheet.append(table.header)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        if look.header is not None:
            _paint(cell, look.header)
        if look.wrap:
            cell.alignment = WRAPPED
        keep_as_text(cell)
    first_total = len(table.rows) - table.totals
    for index, row in enumerate(table.rows):
        sheet.append(row)
        if not row:  # an empty row adds no cell: sheet.max_row still names the row above
            continue
        for column, cell in enumerate(sheet[sheet.max_row]):
            keep_as_text(cell)
            if look.wrap and isinstance(cell.value, str):
                cell.alignment = WRAPPED
            style = table.style(index, column)
            if style is not None and style.painted:
                _paint(cell, style)
            elif index >= first_total or (look.bold_labels and column == 0):
                cell.font = BOLD
            if style is not None and style.centre:
                cell.alignment = CENTRED
    if look.freeze:
        sheet.freeze_panes = look.freeze
    if look.repeat_header:
        sheet.print_title_rows = f"{header_row}:{header_row}"
    if look.fit:
        narrowest, widest = look.fit
        for column_cells in sheet.iter_cols(min_row=header_row):
            width = max((len(str(c.value)) for c in column_cells if c.value is not None), default=0)
            letter = column_cells[0].column_letter
            sheet.column_dimensions[letter].width = min(max(width + 2, narrowest), widest)
    for letter, width in look.widths:
        sheet.column_dimensions[letter].width = width

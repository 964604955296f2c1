"""Reading the spreadsheets people upload (XLSX and CSV), bounded before anything is built.

A workbook declares its own size: one cell at XFD1048576 makes a naive reader build a million
rows of 16,384 cells from a 5 KB file. Every import reads through here, so each one gets the same
limits: the declared dimension is checked first, rows are read lazily and never past the row
limit, never wider than the column limit, and a cell longer than the cell limit is refused with
its row and column. Every refusal is a SheetRefused whose message says what and where.
"""

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

Cell = str | int | float | bool | None


@dataclass(frozen=True)
class Limits:
    """What one import accepts: data rows (after the header), columns, characters in a cell."""

    rows: int
    columns: int = 60
    cell_chars: int = 10_000


class SheetRefused(ValueError):
    """The file is refused as a whole; the message says why, with the row and column."""


def _too_many_rows(limits: Limits) -> SheetRefused:
    return SheetRefused(_("The file has more than %(max)s rows.") % {"max": limits.rows})


def _too_many_columns(limits: Limits) -> SheetRefused:
    return SheetRefused(_("The file has more than %(max)s columns.") % {"max": limits.columns})


def _checked(
    row: int, cells: list[Cell], limits: Limits, column_name: Callable[[int], str]
) -> list[Cell]:
    """The row's cells, refused when wider than the limit or with an over-long cell."""
    if any(cell not in (None, "") for cell in cells[limits.columns :]):
        raise _too_many_columns(limits)
    cells = cells[: limits.columns]
    for index, cell in enumerate(cells):
        if isinstance(cell, str) and len(cell) > limits.cell_chars:
            raise SheetRefused(
                _("Row %(row)s, column %(column)s: a cell holds at most %(max)s characters.")
                % {"row": row, "column": column_name(index), "max": limits.cell_chars}
            )
    return cells


def xlsx_rows(upload: IO[bytes], *, limits: Limits) -> list[list[Cell]]:
    """The first sheet's rows, header included, with trailing empty rows left out."""
    try:
        sheet = load_workbook(upload, read_only=True, data_only=True).worksheets[0]
    except (InvalidFileException, KeyError, OSError, ValueError, IndexError) as error:
        raise SheetRefused(_("The file is not a workbook that can be read.")) from error
    # The declared dimension first: refused before a single row is built.
    if (sheet.max_row or 0) > limits.rows + 1:
        raise _too_many_rows(limits)
    if (sheet.max_column or 0) > limits.columns:
        raise _too_many_columns(limits)
    # A dimension can lie: forgotten, rows come at their own width, one at a time, and past the
    # row limit are only looked at to see whether they are empty (openpyxl yields one shared
    # empty row for each missing one, so a far cell costs time, not memory).
    sheet.reset_dimensions()
    rows = sheet.iter_rows(values_only=True)
    return _collect(rows, limits, column_name=lambda index: get_column_letter(index + 1))


def csv_rows(text: str, *, limits: Limits, delimiter: str) -> list[list[Cell]]:
    """A CSV text's rows, header included; `delimiter` as the caller sniffed it."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return _collect(reader, limits, column_name=lambda index: str(index + 1))
    except csv.Error as error:  # a field over the csv module's own limit, a stray NUL byte
        raise SheetRefused(
            _("Line %(row)s cannot be read: %(reason)s")
            % {"row": reader.line_num, "reason": str(error)}
        ) from error


def _collect(
    rows: Iterator, limits: Limits, *, column_name: Callable[[int], str]
) -> list[list[Cell]]:
    collected: list[list[Cell]] = []
    for number, cells in enumerate(rows, start=1):
        if number > limits.rows + 1:
            if any(cell not in (None, "") for cell in cells):
                raise _too_many_rows(limits)
            continue
        cells = list(cells)
        while cells and cells[-1] is None:  # a workbook's padding to its width, not a value
            cells.pop()
        collected.append(_checked(number, cells, limits, column_name))
    while collected and all(cell in (None, "") for cell in collected[-1]):
        collected.pop()
    return collected


def upload_rows(
    name: str, upload: IO[bytes], *, limits: Limits, max_bytes: int
) -> list[list[Cell]]:
    """An uploaded XLSX or CSV file's rows, header included, by its extension; a CSV is UTF-8
    (with or without its byte-order mark) and separated by semicolons or commas, whichever its
    first line has more of. Refused as a whole with a message saying why."""
    extension = PurePath(name or "").suffix.lower()
    if (getattr(upload, "size", 0) or 0) > max_bytes:
        raise SheetRefused(
            _("The file is larger than %(size)s MB.") % {"size": max_bytes // (1024 * 1024)}
        )
    if extension == ".xlsx":
        raw = xlsx_rows(upload, limits=limits)
    elif extension == ".csv":
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise SheetRefused(_("The CSV file is not UTF-8 text.")) from error
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
        raw = csv_rows(text, limits=limits, delimiter=delimiter)
    else:
        raise SheetRefused(_("Import an XLSX or CSV file."))
    if not raw:
        raise SheetRefused(_("The file is empty."))
    return raw


def named_rows(
    raw: list[list[Cell]],
    *,
    columns: tuple[str, ...],
    required: tuple[str, ...],
    text: Callable[[str, Cell], str] | None = None,
) -> list[tuple[int, dict[str, str]]]:
    """(row number, {column: text}) for each non-empty row after the header (row 1), keeping
    the known columns in any order; a missing required column refuses the file. `text` turns a
    cell into text (default: stripped, whole floats without '.0')."""
    header = [str(cell or "").strip().lower() for cell in raw[0]]
    missing = [name for name in required if name not in header]
    if missing:
        raise SheetRefused(
            _("The header row lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    rows = []
    for number, cells in enumerate(raw[1:], start=2):
        values = {}
        for name, cell in zip(header, cells, strict=False):
            if name in columns:
                values[name] = (text or _plain_text)(name, cell)
        if any(values.values()):
            rows.append((number, values))
    return rows


def _plain_text(_name: str, cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()

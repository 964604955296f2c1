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

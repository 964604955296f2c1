"""Formula-like text kept as text (S10): an apostrophe before it in CSV, a string cell in XLSX."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell

# What a spreadsheet takes for the start of a formula (or of a DDE payload).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value: object) -> str:
    """A cell for CSV: empty for None, an apostrophe before text a spreadsheet would run."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if is_formula_like(value) else value
    return str(value)


def keep_as_text(cell: "Cell") -> None:
    """An openpyxl cell whose text starts like a formula is stored as a string, never evaluated."""
    if is_formula_like(cell.value):
        cell.data_type = "s"

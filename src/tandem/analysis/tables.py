"""Matrices as plain tables of strings (CSV, text, JSON), shared by the CLI and the downloads."""

from typing import Any

from .matrix import Matrix

CITY_HEADER = "city"
ROW_TOTAL = "TOT STAD"
COLUMN_TOTAL = "TOT ASPECT"
COUNT_ROW = "AANTAL MET SAMENWERKING"


def _cell(value: int | None) -> str:
    return "" if value is None else str(value)


def matrix_table(matrix: Matrix) -> list[list[str]]:
    """Header, one row per pair, then TOT ASPECT and AANTAL MET SAMENWERKING (the seed's layout)."""
    table = [[CITY_HEADER, *[c.short_label for c in matrix.columns], ROW_TOTAL]]
    for row in matrix.rows:
        table.append([row.header.name, *[_cell(v) for v in row.cells], _cell(row.total)])
    table.append([COLUMN_TOTAL, *[str(v) for v in matrix.column_totals], ""])
    table.append([COUNT_ROW, *[str(v) for v in matrix.column_counts], ""])
    return table


def matrix_text(matrix: Matrix, title: str = "") -> str:
    """An aligned plain-text table for the terminal."""
    table = matrix_table(matrix)
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = [title, ""] if title else []
    for index, row in enumerate(table):
        first = row[0].ljust(widths[0])
        rest = [value.rjust(widths[i + 1]) for i, value in enumerate(row[1:])]
        lines.append("  ".join([first, *rest]).rstrip())
        if index == 0 or index == len(table) - 3:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def matrix_json(matrix: Matrix) -> dict[str, Any]:
    """A JSON-ready structure with the cells, both column totals and the formal counts."""
    return {
        "aspects": [
            {"code": c.code, "short_label": c.short_label, "label": c.label, "origin": c.origin}
            for c in matrix.columns
        ],
        "rows": [
            {"name": r.header.name, "code": r.header.code, "scores": r.cells, "total": r.total}
            for r in matrix.rows
        ],
        "column_totals": matrix.column_totals,
        "pairs_with_cooperation": matrix.column_counts,
        "pairs_with_formal_cooperation": matrix.column_formal_counts,
    }

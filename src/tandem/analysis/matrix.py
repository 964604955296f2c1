"""Score matrices: pairs × aspects with row totals (TOT STAD) and column totals (TOT ASPECT).

Plain functions over plain data: the web page, the CLI, exports and reports all call these.
An unanswered cell is None; it is shown empty and left out of every total and count, so it never
counts as 0 (seed 001's Kortrijk / Winterdienst cell is blank in the source).
"""

import unicodedata
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

FORMAL = 2


@dataclass(frozen=True, slots=True)
class Column:
    """An aspect as a matrix column."""

    key: Hashable
    short_label: str
    label: str
    origin: str = "predefined"
    code: str = ""


class RowHeader(NamedTuple):
    """A pair as a matrix row (a tuple: a matrix builds 565 of them per page, P3)."""

    key: Hashable
    name: str
    code: str = ""


@dataclass(slots=True)
class MatrixRow:
    header: RowHeader
    cells: list[int | None]

    @property
    def total(self) -> int | None:
        """TOT STAD: the sum of the row's answered scores; None when nothing was answered."""
        answered = [c for c in self.cells if c is not None]
        return sum(answered) if answered else None

    @property
    def answered(self) -> int:
        return sum(1 for c in self.cells if c is not None)


@dataclass
class Matrix:
    columns: list[Column]
    rows: list[MatrixRow] = field(default_factory=list)

    def _column(self, index: int) -> list[int]:
        return [cell for row in self.rows if (cell := row.cells[index]) is not None]

    @property
    def column_totals(self) -> list[int]:
        """TOT ASPECT: the sum of scores per aspect (not a count of cities)."""
        return [sum(self._column(i)) for i in range(len(self.columns))]

    @property
    def column_counts(self) -> list[int]:
        """Number of pairs with cooperation (score above 0) per aspect."""
        return [sum(1 for v in self._column(i) if v > 0) for i in range(len(self.columns))]

    @property
    def column_formal_counts(self) -> list[int]:
        """Number of pairs with formal cooperation (score 2) per aspect."""
        return [sum(1 for v in self._column(i) if v == FORMAL) for i in range(len(self.columns))]

    @property
    def column_answered(self) -> list[int]:
        return [len(self._column(i)) for i in range(len(self.columns))]

    @property
    def grand_total(self) -> int:
        return sum(self.column_totals)

    @property
    def unanswered_cells(self) -> int:
        return sum(len(self.columns) - row.answered for row in self.rows)

    def row(self, key: Hashable) -> MatrixRow | None:
        return next((r for r in self.rows if r.header.key == key), None)

    def cell(self, row_key: Hashable, column_key: Hashable) -> int | None:
        row = self.row(row_key)
        index = next(i for i, c in enumerate(self.columns) if c.key == column_key)
        return row.cells[index] if row else None


@lru_cache(maxsize=4096)  # the same few thousand municipality names are sorted on every page
def name_sort_key(name: str) -> str:
    """Sort names as a reader expects: accents and case do not change the order."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def build_matrix(
    columns: Sequence[Column],
    rows: Sequence[RowHeader],
    scores: Iterable[tuple[Hashable, Hashable, int | None]],
) -> Matrix:
    """Place (row key, column key, degree) triples into a matrix; rows sorted by name.

    Scores for rows or columns outside the matrix are ignored; a missing triple is unanswered.
    """
    column_index = {column.key: i for i, column in enumerate(columns)}
    cells: dict[Hashable, list[int | None]] = {row.key: [None] * len(columns) for row in rows}
    for row_key, column_key, degree in scores:
        row_cells = cells.get(row_key)
        index = column_index.get(column_key)
        if row_cells is not None and index is not None:
            row_cells[index] = degree
    ordered = sorted(rows, key=lambda r: (name_sort_key(r.name), r.code))
    return Matrix(columns=list(columns), rows=[MatrixRow(r, cells[r.key]) for r in ordered])


def sort_matrix(matrix: Matrix, by: str = "name", descending: bool | None = None) -> Matrix:
    """Rows by name (A→Z) or by TOT STAD (highest first by default; ties by name)."""
    if by == "total":
        descending = True if descending is None else descending
        sign = -1 if descending else 1
        rows = sorted(
            matrix.rows,
            key=lambda r: (r.total is None, sign * (r.total or 0), name_sort_key(r.header.name)),
        )
    elif by == "name":
        rows = sorted(
            matrix.rows, key=lambda r: name_sort_key(r.header.name), reverse=bool(descending)
        )
    else:
        raise ValueError(f"unknown sort order {by!r}: use 'name' or 'total'")
    return Matrix(columns=matrix.columns, rows=rows)


def domain_totals(
    matrices: dict[Hashable, Matrix], row_key: Hashable
) -> dict[Hashable, int | None]:
    """A pair's TOT STAD per domain, from one matrix per domain."""
    totals: dict[Hashable, int | None] = {}
    for domain_key, matrix in matrices.items():
        row = matrix.row(row_key)
        totals[domain_key] = row.total if row else None
    return totals

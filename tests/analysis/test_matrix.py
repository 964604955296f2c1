"""The pure matrix functions: totals, counts, unanswered cells, ordering."""

from hypothesis import given
from hypothesis import strategies as st

from tandem.analysis.matrix import Column, RowHeader, build_matrix, name_sort_key, sort_matrix
from tandem.analysis.tables import matrix_table
from tandem.formats.downloads import csv_text

COLUMNS = [Column("a", "A", "Aspect A"), Column("b", "B", "Aspect B"), Column("c", "C", "Aspect C")]
ROWS = [RowHeader(1, "Zele"), RowHeader(2, "Écaussinnes"), RowHeader(3, "aalter")]


def test_unanswered_cells_are_left_out_of_every_total():
    matrix = build_matrix(COLUMNS, ROWS, [(1, "a", 2), (1, "b", None), (2, "a", 0), (2, "b", 1)])
    zele = matrix.row(1)
    assert zele.cells == [2, None, None]
    assert zele.total == 2
    assert matrix.row(3).total is None  # nothing answered: no total, not 0
    assert matrix.column_totals == [2, 1, 0]
    assert matrix.column_counts == [1, 1, 0]
    assert matrix.column_formal_counts == [1, 0, 0]
    assert matrix.column_answered == [2, 1, 0]
    assert matrix.unanswered_cells == 9 - 3


def test_rows_sort_by_name_ignoring_accents_and_case():
    matrix = build_matrix(COLUMNS, ROWS, [])
    assert [r.header.name for r in matrix.rows] == ["aalter", "Écaussinnes", "Zele"]
    assert name_sort_key("Écaussinnes") == "ecaussinnes"


def test_sorting_by_total_puts_unanswered_rows_last_and_breaks_ties_by_name():
    matrix = build_matrix(COLUMNS, ROWS, [(1, "a", 1), (2, "a", 1), (2, "b", 1)])
    ordered = sort_matrix(matrix, "total")
    assert [r.header.name for r in ordered.rows] == ["Écaussinnes", "Zele", "aalter"]
    ascending = sort_matrix(matrix, "total", descending=False)
    assert [r.header.name for r in ascending.rows] == ["Zele", "Écaussinnes", "aalter"]


def test_scores_outside_the_matrix_are_ignored():
    matrix = build_matrix(COLUMNS, ROWS, [(99, "a", 2), (1, "zz", 2)])
    assert matrix.grand_total == 0


def test_table_layout_has_the_seed_rows():
    matrix = build_matrix(COLUMNS[:2], ROWS[:1], [(1, "a", 2)])
    assert matrix_table(matrix) == [
        ["city", "A", "B", "TOT STAD"],
        ["Zele", "2", "", "2"],
        ["TOT ASPECT", "2", "0", ""],
        ["AANTAL MET SAMENWERKING", "1", "0", ""],
    ]
    assert csv_text(matrix_table(matrix)).splitlines()[1] == "Zele,2,,2"


@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.integers(0, 2)), min_size=3, max_size=3),
        min_size=1,
        max_size=20,
    )
)
def test_totals_are_sums_of_answered_cells(grid):
    rows = [RowHeader(i, f"city {i:02d}") for i in range(len(grid))]
    triples = [
        (i, c.key, v) for i, cells in enumerate(grid) for c, v in zip(COLUMNS, cells, strict=True)
    ]
    matrix = build_matrix(COLUMNS, rows, triples)
    for i, cells in enumerate(grid):
        answered = [v for v in cells if v is not None]
        assert matrix.row(i).total == (sum(answered) if answered else None)
    for j in range(3):
        column = [cells[j] for cells in grid if cells[j] is not None]
        assert matrix.column_totals[j] == sum(column)
        assert matrix.column_counts[j] == sum(1 for v in column if v > 0)
    # TOT STAD summed over cities equals TOT ASPECT summed over aspects.
    assert sum(r.total or 0 for r in matrix.rows) == matrix.grand_total

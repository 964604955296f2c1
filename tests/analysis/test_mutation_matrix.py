"""Faults in the score matrices that `make mutation` showed the suite let through (QUALITY.md T1):
looking up a cell or a row, a pair's totals per domain, the default sort order. Every expected
value below is worked out by hand from the triples."""

import pytest

from tandem.analysis.matrix import Column, RowHeader, build_matrix, domain_totals, sort_matrix

COLUMNS = [Column("a", "A", "Aspect A"), Column("b", "B", "Aspect B")]
ROWS = [RowHeader(1, "Zele"), RowHeader(2, "Asse"), RowHeader(3, "Mol")]
# Zele: a=2, b unanswered; Asse: a=0, b=1; Mol: nothing answered.
TRIPLES = [(1, "a", 2), (2, "a", 0), (2, "b", 1)]


def test_a_cell_is_found_by_its_row_and_column_keys():
    matrix = build_matrix(COLUMNS, ROWS, TRIPLES)
    assert matrix.cell(1, "a") == 2
    assert matrix.cell(2, "a") == 0
    assert matrix.cell(2, "b") == 1
    assert matrix.cell(1, "b") is None  # unanswered, not 0


def test_the_cell_of_a_pair_outside_the_matrix_is_none():
    matrix = build_matrix(COLUMNS, ROWS, TRIPLES)
    assert matrix.cell(99, "a") is None


def test_the_row_of_a_pair_outside_the_matrix_is_none():
    matrix = build_matrix(COLUMNS, ROWS, TRIPLES)
    assert matrix.row(99) is None
    assert matrix.row(2).header.name == "Asse"


def test_domain_totals_give_a_pair_s_tot_stad_per_domain_and_none_where_it_is_missing():
    first = build_matrix(COLUMNS, ROWS, TRIPLES)
    second = build_matrix(COLUMNS, ROWS[:2], [(1, "a", 1), (1, "b", 1)])
    matrices = {"financieel": first, "personeel": second}
    assert domain_totals(matrices, 1) == {"financieel": 2, "personeel": 2}
    assert domain_totals(matrices, 2) == {"financieel": 1, "personeel": None}  # none answered
    assert domain_totals(matrices, 3) == {"financieel": None, "personeel": None}  # not a row


def test_sorting_without_an_order_sorts_by_name():
    matrix = build_matrix(COLUMNS, ROWS, TRIPLES)
    by_total = sort_matrix(matrix, "total")
    assert [r.header.name for r in by_total.rows] == ["Zele", "Asse", "Mol"]
    assert [r.header.name for r in sort_matrix(by_total).rows] == ["Asse", "Mol", "Zele"]


def test_sorting_by_name_descending_runs_from_z_to_a():
    matrix = build_matrix(COLUMNS, ROWS, TRIPLES)
    ordered = sort_matrix(matrix, "name", descending=True)
    assert [r.header.name for r in ordered.rows] == ["Zele", "Mol", "Asse"]


def test_an_unknown_sort_order_is_refused_naming_it():
    matrix = build_matrix(COLUMNS, ROWS, TRIPLES)
    with pytest.raises(ValueError, match="unknown sort order 'size'"):
        sort_matrix(matrix, "size")


def test_a_total_of_zero_sorts_below_a_total_of_one_whatever_the_names():
    """mutmut x_sort_matrix__mutmut_26 (`r.total or 1`) ranked a TOT STAD of 0 with those of 1,
    and the names then put Asse (0) before Mol (1)."""
    rows = [RowHeader(1, "Asse"), RowHeader(2, "Mol")]
    matrix = build_matrix(COLUMNS, rows, [(1, "a", 0), (2, "a", 1)])
    assert [r.header.name for r in sort_matrix(matrix, "total").rows] == ["Mol", "Asse"]
    ascending = sort_matrix(matrix, "total", descending=False)
    assert [r.header.name for r in ascending.rows] == ["Asse", "Mol"]

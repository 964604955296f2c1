"""Faults in the terminal table of a matrix (tandem-cli) that `make mutation` showed the suite let
through (QUALITY.md T1): its exact layout, worked out by hand below."""

from tandem.analysis.matrix import Column, RowHeader, build_matrix
from tandem.analysis.tables import matrix_json, matrix_text

COLUMNS = [Column("a", "A", "Aspect A"), Column("b", "B", "Aspect B")]
# Asse: A=0, B=1 (TOT STAD 1); Zele: A=2, B unanswered (TOT STAD 2).
MATRIX = build_matrix(
    COLUMNS, [RowHeader(1, "Zele"), RowHeader(2, "Asse")], [(2, "a", 0), (2, "b", 1), (1, "a", 2)]
)
# Widths: the first column is as wide as "AANTAL MET SAMENWERKING" (23), A and B one character,
# TOT STAD eight; columns are two spaces apart, labels left-aligned, figures right-aligned.
RULE = "-" * 23 + "  -  -  --------"
BODY = [
    "city" + " " * 19 + "  A  B  TOT STAD",
    RULE,
    "Asse" + " " * 19 + "  0  1" + " " * 9 + "1",
    "Zele" + " " * 19 + "  2" + " " * 12 + "2",  # the unanswered cell stays blank
    RULE,
    "TOT ASPECT" + " " * 13 + "  2  1",  # no trailing spaces for the empty TOT STAD cell
    "AANTAL MET SAMENWERKING  1  1",
]


def test_the_text_table_aligns_labels_left_and_figures_right_between_rules():
    assert matrix_text(MATRIX) == "\n".join(BODY) + "\n"


def test_a_title_heads_the_text_table_followed_by_a_blank_line():
    assert matrix_text(MATRIX, "Financieel") == "\n".join(["Financieel", "", *BODY]) + "\n"


def test_the_json_matrix_names_every_field_of_aspects_and_rows():
    columns = [Column("a", "A", "Aspect A", origin="other", code="aspect-a")]
    matrix = build_matrix(columns, [RowHeader(1, "Asse", "23002")], [(1, "a", 2)])
    assert matrix_json(matrix) == {
        "aspects": [
            {"code": "aspect-a", "short_label": "A", "label": "Aspect A", "origin": "other"}
        ],
        "rows": [{"name": "Asse", "code": "23002", "scores": [2], "total": 2}],
        "column_totals": [2],
        "pairs_with_cooperation": [1],
        "pairs_with_formal_cooperation": [1],
    }

"""The one table model and its writers (tandem.formats.tables, .xlsx, .downloads): a sheet per
table with its fills, a legend sheet last, totals and labels in bold, fitted widths, every text
that starts like a formula kept as text (S10), and the semicolon CSV Belgian spreadsheets open."""

import csv
import io
from decimal import Decimal

from openpyxl import load_workbook

from tandem.formats.downloads import semicolon_csv
from tandem.formats.tables import Look, Style, Table
from tandem.formats.xlsx import xlsx_bytes

GREEN = Style(fill="#c9e7cd", ink="#14532d", bold=True, centre=True)
BLUE = Style(fill="#3a6ea5", ink="#ffffff")
HEADER = Style(fill="#1f3a5f", ink="#ffffff", bold=True)


def _book(**kwargs):
    return load_workbook(io.BytesIO(xlsx_bytes(**kwargs)))


def _counts() -> Table:
    return Table(
        sheet="Counts",
        title="Pairs per sub-domain",
        header=["Sub-domain", "Cooperating", "Not answered"],
        rows=[["Debts", 4, 0], ["Purchasing", 2, 1], ["All sub-domains", 6, 1]],
        styles=[[None, BLUE, None], [None, None, GREEN]],
        totals=1,
        look=Look(
            header=HEADER, wrap=True, bold_labels=True, freeze="B3", repeat_header=True, fit=(6, 60)
        ),
    )


def _legend() -> Table:
    return Table(
        sheet="Legend",
        header=["Value", "Meaning"],
        rows=[["+", "favourable"], ["-", "unfavourable"], [], ["A note under the legend"]],
        styles=[[GREEN, None], [Style(fill="#f9d2c3", ink="#7c1d0c"), None]],
        look=Look(header=Style(bold=True), widths=(("B", 30),)),
    )


def test_a_workbook_holds_a_sheet_per_table_then_the_legend():
    plain = Table(sheet="Explanations: a/b", header=["Factor"], rows=[["History"]])
    book = _book(tables=[_counts(), plain], legend=_legend())
    assert book.sheetnames == ["Counts", "Explanations  a b", "Legend"]
    legend = book["Legend"]
    assert [[c.value for c in row] for row in legend.iter_rows()] == [
        ["Value", "Meaning"],
        ["+", "favourable"],
        ["-", "unfavourable"],
        [None, None],
        ["A note under the legend", None],
    ]
    assert legend["A1"].font.b and legend["B1"].font.b
    assert legend["A2"].fill.start_color.rgb == "FFC9E7CD"
    assert legend["A3"].fill.start_color.rgb == "FFF9D2C3"
    assert legend["A3"].font.color.rgb == "FF7C1D0C" and not legend["A3"].font.b
    # The row after the empty one keeps its own (plain) look.
    assert legend["A5"].fill.fill_type is None and not legend["A5"].font.b
    assert legend.column_dimensions["B"].width == 30
    assert legend.freeze_panes is None


def test_a_table_without_a_legend_has_no_legend_sheet():
    assert _book(tables=[_counts()]).sheetnames == ["Counts"]


def test_the_title_the_styled_header_and_the_rows_below_them():
    sheet = _book(tables=[_counts()])["Counts"]
    assert sheet["A1"].value == "Pairs per sub-domain"
    assert sheet["A1"].font.b and sheet["A1"].font.sz == 12
    assert [c.value for c in sheet[2]] == ["Sub-domain", "Cooperating", "Not answered"]
    for cell in sheet[2]:
        assert cell.fill.start_color.rgb == "FF1F3A5F"
        assert cell.font.color.rgb == "FFFFFFFF" and cell.font.b
        assert cell.alignment.wrap_text and cell.alignment.vertical == "top"
    assert [c.value for c in sheet[3]] == ["Debts", 4, 0]
    assert sheet.freeze_panes == "B3"
    assert sheet.print_title_rows == "$2:$2"


def test_fills_and_text_colours_are_written_per_cell():
    sheet = _book(tables=[_counts()])["Counts"]
    shaded = sheet["B3"]
    assert shaded.fill.fill_type == "solid"
    assert shaded.fill.start_color.rgb == "FF3A6EA5"
    assert shaded.font.color.rgb == "FFFFFFFF" and not shaded.font.b
    symbol = sheet["C4"]
    assert symbol.fill.start_color.rgb == "FFC9E7CD"
    assert symbol.font.color.rgb == "FF14532D" and symbol.font.b
    assert symbol.alignment.horizontal == "center"
    for plain in (sheet["C3"], sheet["B4"]):
        assert plain.fill.fill_type is None and not plain.font.b


def test_totals_rows_and_row_labels_are_bold():
    sheet = _book(tables=[_counts()])["Counts"]
    assert [c.value for c in sheet[5]] == ["All sub-domains", 6, 1]
    assert all(c.font.b for c in sheet[5])
    assert sheet["A3"].font.b and sheet["A4"].font.b  # the row labels
    assert not sheet["C3"].font.b  # a plain count of the body


def test_columns_are_fitted_to_header_and_rows_within_bounds():
    table = Table(
        sheet="Widths",
        title="A title far wider than any column of the table below it",
        header=["Pair", "Text", "N"],
        rows=[["Aalst", "x" * 100, 1], ["Gent", "short", 22]],
        look=Look(fit=(6, 60), widths=(("C", 12),)),
    )
    sheet = _book(tables=[table])["Widths"]
    # 'Aalst' is 5 long: 5 + 2; the text is cut at 60; the fixed width wins over the fit.
    assert sheet.column_dimensions["A"].width == 7
    assert sheet.column_dimensions["B"].width == 60
    assert sheet.column_dimensions["C"].width == 12


def test_text_that_starts_like_a_formula_stays_text_everywhere():
    payloads = ["=1+1", "+32 2 555", "-2+3", "@SUM(A1)", "\tx", "\rx"]
    table = Table(
        sheet="Payloads",
        title="=HYPERLINK(1)",
        header=["=header", *payloads],
        rows=[["-label", *payloads], ["plain", 5, -3, 2.5, None, "", "x"]],
    )
    legend = Table(sheet="Legend", header=["=A1"], rows=[["=B1"]])
    book = _book(tables=[table], legend=legend)
    sheet = book["Payloads"]
    assert sheet["A1"].value == "=HYPERLINK(1)" and sheet["A1"].data_type == "s"
    assert [c.value for c in sheet[2]] == ["=header", *payloads]
    assert [c.value for c in sheet[3]] == ["-label", *payloads]
    assert all(c.data_type == "s" for c in (*sheet[2], *sheet[3]))
    assert [c.value for c in sheet[4]][:4] == ["plain", 5, -3, 2.5]
    assert [c.data_type for c in sheet[4]][1:4] == ["n", "n", "n"]
    assert [(c.value, c.data_type) for c in book["Legend"]["A"]] == [("=A1", "s"), ("=B1", "s")]


def test_the_semicolon_csv_has_a_bom_decimal_commas_and_quoted_formulas():
    content = semicolon_csv(
        header=["id", "amount", "title"],
        rows=[
            [1, Decimal("-6500.5"), "=HYPERLINK(1)"],
            [2, Decimal("1234567.891"), None],
            [3, None, "Aalst; Gent"],
        ],
    )
    assert content.startswith("\ufeff".encode())
    text = content.decode("utf-8-sig")
    assert text.split("\r\n")[:2] == ["id;amount;title", "1;-6500,50;'=HYPERLINK(1)"]
    assert list(csv.reader(io.StringIO(text), delimiter=";")) == [
        ["id", "amount", "title"],
        ["1", "-6500,50", "'=HYPERLINK(1)"],
        ["2", "1234567,89", ""],
        ["3", "", "Aalst; Gent"],
    ]


def test_a_table_knows_its_body_and_the_style_of_each_cell():
    table = _counts()
    assert table.body == [["Debts", 4, 0], ["Purchasing", 2, 1]]
    assert table.style(0, 1) == BLUE and table.style(1, 2) == GREEN
    assert table.style(0, 0) is None and table.style(2, 1) is None  # a row left out is plain

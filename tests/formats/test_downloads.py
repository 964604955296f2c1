"""The writing every download shares (tandem.formats): formulas kept as text (S10), CSV
streamed whole (P6), sheet names Excel accepts."""

import csv
import io

from openpyxl import Workbook, load_workbook

from tandem.formats.downloads import streamed_csv, xlsx_download
from tandem.formats.formulas import csv_cell, keep_as_text
from tandem.formats.xlsx import sheet_name

PAYLOADS = ["=1+1", "+32 2 555", "-cmd", "@SUM(A1)", "\tx", "\rx"]


def test_a_csv_cell_quotes_only_text_a_spreadsheet_would_run():
    assert [csv_cell(p) for p in PAYLOADS] == ["'" + p for p in PAYLOADS]
    assert csv_cell("Aalst") == "Aalst"
    assert csv_cell(None) == "" and csv_cell(-3) == "-3" and csv_cell(2.5) == "2.5"


def test_a_streamed_csv_holds_every_row_quoted_where_needed():
    rows = [[f"row {n}", n] for n in range(2500)] + [["=HYPERLINK(1)", -1]]
    response = streamed_csv(["name", "value"], iter(rows), "x.csv")
    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    text = b"".join(response.streaming_content).decode()
    read = list(csv.reader(io.StringIO(text)))
    assert len(read) == 2502 and read[0] == ["name", "value"]
    assert read[-1] == ["'=HYPERLINK(1)", "-1"]


def test_an_xlsx_cell_that_looks_like_a_formula_stays_a_string():
    book = Workbook()
    sheet = book.active
    sheet.append(PAYLOADS + ["plain", 5])
    for cell in sheet[1]:
        keep_as_text(cell)
    buffer = io.BytesIO()
    book.save(buffer)
    response = xlsx_download(buffer.getvalue(), "x.xlsx")
    read = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in read[1]] == PAYLOADS + ["plain", 5]
    assert all(c.data_type == "s" for c in read[1][: len(PAYLOADS)])


def test_sheet_names_are_cleaned_cut_and_made_unique():
    taken: set = set()
    long = "Totalen per domein: gemeente/OCMW [2024] ?*"
    first, second = sheet_name(long, taken), sheet_name(long, taken)
    assert len(first) <= 31 and len(second) <= 31 and first != second
    assert not set("[]:*?/\\") & set(first + second)
    assert second.endswith(" 2")
    assert sheet_name("Legend", taken) == "Legend" and sheet_name("legend", taken) == "legend 2"
    assert sheet_name("***") == "sheet"

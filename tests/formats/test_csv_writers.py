"""S10: every CSV and XLSX Tandem writes goes through tandem.formats, whose cells keep text that
starts like a formula as text (issue 15.10). A writer elsewhere would skip that, so none may be."""

import re
from pathlib import Path

from tandem.analysis.matrix import Column, RowHeader, build_matrix
from tandem.analysis.tables import matrix_table
from tandem.formats.downloads import csv_text

SRC = Path(__file__).resolve().parents[2] / "src" / "tandem"
WRITERS = {
    re.compile(r"csv\.(writer|DictWriter)\("): {"formats/downloads.py"},
    re.compile(r"\bWorkbook\("): {"formats/xlsx.py"},
}


def test_csv_and_xlsx_are_written_only_by_tandem_formats():
    found = {
        (pattern.pattern, str(path.relative_to(SRC)))
        for path in SRC.rglob("*.py")
        for pattern in WRITERS
        if pattern.search(path.read_text())
    }
    allowed = {(p.pattern, f) for p, files in WRITERS.items() for f in files}
    assert found == allowed


def test_a_promoted_aspects_formula_label_is_text_in_the_matrix_csv():
    link = '=HYPERLINK("http://x.example","klik")'
    columns = [Column("a", link, "Aspect"), Column("b", "B", "B")]
    matrix = build_matrix(columns, [RowHeader(1, "@Zele")], [(1, "a", 2)])
    lines = csv_text(matrix_table(matrix)).splitlines()
    assert lines[0] == 'city,"\'=HYPERLINK(""http://x.example"",""klik"")",B,TOT STAD'
    assert lines[1] == "'@Zele,2,,2"


def test_factor_symbols_a_spreadsheet_would_calculate_are_text():
    assert csv_text([["factor", "Gent"], ["Traditie", "+/-"], ["Vertrouwen", "-"]]) == (
        "factor,Gent\nTraditie,'+/-\nVertrouwen,'-\n"
    )

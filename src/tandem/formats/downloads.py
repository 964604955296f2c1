"""What every download shares: the attachment header; CSV streamed line by line (P6); a text cell
that a spreadsheet would run as a formula kept as text (S10): a leading apostrophe in CSV, a
string cell in XLSX; XLSX fills and fonts from '#rrggbb' colours and sheet names Excel accepts.
The matrix, benchmark, analysis-grid and register downloads all write through these."""

import csv
import json

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl.styles import Font, PatternFill

# What a spreadsheet takes for the start of a formula (or of a DDE payload).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value) -> str:
    """A cell for CSV: empty for None, an apostrophe before text a spreadsheet would run."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if is_formula_like(value) else value
    return str(value)


class _Line:
    """A file-like object that hands back what csv.writer writes (one line at a time)."""

    def write(self, text):
        return text


def streamed_csv(header: list, rows, filename: str) -> StreamingHttpResponse:
    """Comma-separated, streamed line by line (P6): the header, then every row; nothing is cut."""
    writer = csv.writer(_Line(), lineterminator="\n")

    def lines():
        yield writer.writerow([csv_cell(v) for v in header])
        for row in rows:
            yield writer.writerow([csv_cell(v) for v in row])

    return attachment(
        StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8"), filename
    )


def json_download(document: dict, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    return attachment(response, filename)


def xlsx_download(content: bytes, filename: str) -> HttpResponse:
    return attachment(HttpResponse(content, content_type=XLSX_TYPE), filename)


def keep_as_text(cell) -> None:
    """An openpyxl cell whose text starts like a formula is stored as a string, never evaluated."""
    if is_formula_like(cell.value):
        cell.data_type = "s"


def argb(colour: str) -> str:
    return "FF" + colour.lstrip("#").upper()


def fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=argb(colour), end_color=argb(colour))


def font(colour: str, bold: bool = False) -> Font:
    return Font(color=argb(colour), bold=bold)


def sheet_name(text, taken: set | None = None) -> str:
    """Excel refuses []:*?/\\ in sheet names, more than 31 characters and (with `taken`, the
    names given so far in lower case) duplicates: a repeated name gets ' 2', ' 3'…"""
    name = "".join(" " if c in "[]:*?/\\" else c for c in str(text))[:31].strip() or "sheet"
    if taken is None:
        return name
    base, number = name, 2
    while name.lower() in taken:
        suffix = f" {number}"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name.lower())
    return name

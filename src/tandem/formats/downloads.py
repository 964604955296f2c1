"""What every download shares: the attachment header; CSV streamed line by line (P6) or as the
semicolon file Belgian spreadsheets open; JSON; the XLSX response (tandem.formats.xlsx writes the
workbook). Text a spreadsheet would run as a formula stays text (S10, tandem.formats.formulas)."""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TypeVar

from django.http import HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase

from .belgian import format_number
from .formulas import csv_cell
from .tables import Value

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"


Response = TypeVar("Response", bound=HttpResponseBase)


def attachment(response: Response, filename: str) -> Response:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class _Line:
    """A file-like object that hands back what csv.writer writes (one line at a time)."""

    def write(self, text: str) -> str:
        return text


def streamed_csv(
    header: list[str], rows: Iterable[list[Value]], filename: str
) -> StreamingHttpResponse:
    """Comma-separated, streamed line by line (P6): the header, then every row; nothing is cut."""
    writer = csv.writer(_Line(), lineterminator="\n")

    def lines() -> Iterator[str]:
        yield writer.writerow([csv_cell(v) for v in header])
        for row in rows:
            yield writer.writerow([csv_cell(v) for v in row])

    return attachment(StreamingHttpResponse(lines(), content_type=CSV_TYPE), filename)


def semicolon_csv(*, header: list[str], rows: Iterable[list[Value]]) -> bytes:
    """Semicolon-separated with a byte-order mark and decimal commas, as Belgian spreadsheets
    open it: a Decimal as 6500,50 (two decimals, no thousands mark, never quoted, even when
    negative); a text cell that starts like a formula gets a leading apostrophe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_cell(v) for v in header])
    for row in rows:
        writer.writerow(
            [
                format_number(v, 2).replace(".", "") if isinstance(v, Decimal) else csv_cell(v)
                for v in row
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def csv_text(rows: Iterable[list[Value]]) -> str:
    """Comma-separated text (for a download or the terminal): every cell through csv_cell, so
    text that starts like a formula (=, +, -, @) is kept as text by spreadsheets."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue()


def csv_verbatim(text: str, filename: str) -> HttpResponse:
    """CSV text written elsewhere, sent as it is."""
    return attachment(HttpResponse(text, content_type=CSV_TYPE), filename)


def json_download(document: dict, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    return attachment(response, filename)


def xlsx_download(content: bytes, filename: str) -> HttpResponse:
    return attachment(HttpResponse(content, content_type=XLSX_TYPE), filename)

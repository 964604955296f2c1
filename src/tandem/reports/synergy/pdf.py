"""The report as a tagged PDF (PDF/UA-1: headings, lists and table headers tagged, document
language and title set), rendered by WeasyPrint from the same HTML as the download."""

from tandem.formats.pdf import html_to_pdf

from .assemble import SynergyReport
from .html import html_document


def pdf_bytes(report: SynergyReport, *, uncompressed: bool = False) -> bytes:
    """`uncompressed` leaves the structure readable, for tests that inspect the tags."""
    return html_to_pdf(html_document(report), uncompressed=uncompressed)

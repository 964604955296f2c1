"""The report as a tagged PDF (PDF/UA-1: headings, lists and table headers tagged, document
language and title set), rendered by WeasyPrint from the same HTML as the download."""

from .assemble import SynergyReport
from .html import html_document


def _no_fetch(url, *args, **kwargs):
    # The report needs no outside resource; refusing all keeps any URL out of the renderer.
    raise ValueError(f"the report fetches nothing ({url})")


def pdf_bytes(report: SynergyReport, *, uncompressed: bool = False) -> bytes:
    """`uncompressed` leaves the structure readable, for tests that inspect the tags."""
    # Imported here: WeasyPrint loads Pango when imported, and only the PDF needs it.
    import weasyprint

    document = weasyprint.HTML(string=html_document(report), url_fetcher=_no_fetch)
    return document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True, uncompressed_pdf=uncompressed)

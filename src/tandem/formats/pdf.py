"""HTML to a tagged PDF (PDF/UA-1: headings, lists and table headers tagged, document language
and title set) with WeasyPrint, fetching nothing: the renderer of every printable document but
the inventory's study report, which is too long for it (typst_pdf.py)."""

from typing import NoReturn


def no_fetch(url: str, *args: object, **kwargs: object) -> NoReturn:
    # A printed document needs no outside resource; refusing all keeps any URL out of the renderer.
    raise ValueError(f"the document fetches nothing ({url})")


def html_to_pdf(html: str, *, uncompressed: bool = False) -> bytes:
    """`uncompressed` leaves the structure readable, for tests that inspect the tags."""
    # Imported here: WeasyPrint loads Pango when imported, and only the PDF needs it.
    import weasyprint

    document = weasyprint.HTML(string=html, url_fetcher=no_fetch)
    pdf: bytes = document.write_pdf(
        pdf_variant="pdf/ua-1", pdf_tags=True, uncompressed_pdf=uncompressed
    )
    return pdf

"""One entry point for the three formats: the report of a pair for a year and a language."""

from django.utils import translation

from .assemble import Approval, SynergyReport, assemble
from .docx import docx_bytes
from .html import html_document
from .pdf import pdf_bytes

FORMATS = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
REPORT_LANGUAGES = ("nl", "fr")


def build(pair, year: int, language: str, approval: Approval | None = None) -> SynergyReport:
    with translation.override(language):
        return assemble(pair, year, language, approval)


def render(report: SynergyReport, fmt: str) -> bytes:
    if fmt == "html":
        return html_document(report).encode("utf-8")
    if fmt == "pdf":
        return pdf_bytes(report)
    if fmt == "docx":
        return docx_bytes(report)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def file_name(refnis: str, year: int, language: str, fmt: str, number: int | None = None) -> str:
    """synergieverslag-21012-2023-nl-v1.pdf: the pair's code, never a user's text; a draft is
    named as one (ontwerp / projet)."""
    stem = {"nl": "synergieverslag", "fr": "rapport-synergies"}.get(language, "report")
    version = f"v{number}" if number else {"fr": "projet"}.get(language, "ontwerp")
    return f"{stem}-{refnis}-{year}-{language}-{version}.{fmt}"

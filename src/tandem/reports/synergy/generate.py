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


def file_name(report: SynergyReport, fmt: str) -> str:
    """synergieverslag-21012-2023-nl.pdf: the pair's code, never a user's text."""
    stem = {"nl": "synergieverslag", "fr": "rapport-synergies"}.get(report.language, "report")
    version = f"-v{report.approval.number}" if report.approval else "-ontwerp"
    if report.language == "fr" and not report.approval:
        version = "-projet"
    return f"{stem}-{report.refnis}-{report.year}-{report.language}{version}.{fmt}"

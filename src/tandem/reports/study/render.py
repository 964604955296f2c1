"""The study report as a standalone HTML document and, from the same HTML through WeasyPrint, a
tagged A4 PDF. The stylesheet is the synergy report's (one look for Tandem's reports) with the
study's own few rules after it."""

from functools import cache
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from tandem.formats.pdf import html_to_pdf

from .assemble import StudyReport

STATIC = Path(__file__).resolve().parent.parent / "static" / "reports"
FORMATS = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}
REPORT_LANGUAGES = ("nl", "fr")


@cache
def stylesheet() -> str:
    # Our own files, never user input: safe inside <style>, where entities are not decoded.
    sheets = [STATIC / "synergy.css", STATIC / "study.css"]
    return mark_safe("\n".join(path.read_text(encoding="utf-8") for path in sheets))


def html_document(report: StudyReport) -> str:
    with translation.override(report.language):
        return render_to_string(
            "reports/study/document.html", {"report": report, "stylesheet": stylesheet()}
        )


def render(report: StudyReport, fmt: str, *, uncompressed: bool = False) -> bytes:
    if fmt == "html":
        return html_document(report).encode("utf-8")
    if fmt == "pdf":
        return html_to_pdf(html_document(report), uncompressed=uncompressed)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def file_name(campaign_slug: str, language: str, fmt: str) -> str:
    stem = {"nl": "studierapport", "fr": "rapport-etude"}.get(language, "study-report")
    return f"{stem}-{campaign_slug}-{language}.{fmt}"

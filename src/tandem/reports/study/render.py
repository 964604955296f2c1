"""The study report as a standalone HTML document, a tagged A4 PDF (the inventory's through Typst,
pdf.py; the grid's from the same HTML through WeasyPrint) and a DOCX (study.docx). The
stylesheet is the synergy report's (one look for Tandem's reports) with the study's own few rules
and the legend's colours after it."""

from functools import cache
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from tandem.formats.pdf import html_to_pdf
from tandem.grid.prints import paint_styles, symbol_styles
from tandem.grid.sheets import SYMBOL_CLASSES

from .assemble import StudyReport
from .docx import docx_bytes
from .grid import GridStudyReport
from .grid_docx import grid_docx_bytes
from .legend import degree_colours
from .pdf import study_pdf

STATIC = Path(__file__).resolve().parent.parent / "static" / "reports"
FORMATS = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
REPORT_LANGUAGES = ("nl", "fr")


@cache
def stylesheet() -> str:
    # Our own files, never user input: safe inside <style>, where entities are not decoded.
    sheets = [STATIC / "synergy.css", STATIC / "study.css"]
    return mark_safe("\n".join(path.read_text(encoding="utf-8") for path in sheets))


def degree_rules() -> str:
    """The score cells in the legend's colours (legend.py, as the questionnaire, the matrices
    and the DOCX show them)."""
    return "\n".join(
        f".study-report td.degree-{value} {{ background: {fill}; color: {ink}; }}"
        for value, fill, ink in degree_colours()
    )


def symbol_rules() -> str:
    """The factor matrices' symbols in the grid's colours (grid.sheets, our own constants)."""
    return "\n".join(
        f".study-report td.symbol-{name} {{ background: {fill}; color: {ink}; }}"
        for name, fill, ink in symbol_styles()
    )


def paint_rules(report: GridStudyReport) -> str:
    """The comparison's shaded counts (grid.prints: checked #rrggbb colours, classes of ours)."""
    return "\n".join(
        f".study-report td.{name} {{ background: {fill}; color: {ink}; }}"
        for name, fill, ink in paint_styles(report.counts)
    )


def html_document(report: StudyReport | GridStudyReport) -> str:
    # Our stylesheet and the catalogue's checked colours: no user text reaches the <style>.
    if isinstance(report, GridStudyReport):
        template = "reports/study/grid_document.html"
        rules = f"{symbol_rules()}\n{paint_rules(report)}"
    else:
        template, rules = "reports/study/document.html", degree_rules()
    sheet = mark_safe(f"{stylesheet()}\n{rules}")
    context = {"report": report, "stylesheet": sheet, "symbol_classes": SYMBOL_CLASSES}
    with translation.override(report.language):
        return render_to_string(template, context)


def render(report: StudyReport | GridStudyReport, fmt: str, *, uncompressed: bool = False) -> bytes:
    if fmt == "html":
        return html_document(report).encode("utf-8")
    if fmt == "pdf":
        if isinstance(report, GridStudyReport):
            return html_to_pdf(html_document(report), uncompressed=uncompressed)
        return study_pdf(report)
    if fmt == "docx":
        if isinstance(report, GridStudyReport):
            return grid_docx_bytes(report)
        return docx_bytes(report)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def file_name(campaign_slug: str, language: str, fmt: str) -> str:
    stem = {"nl": "studierapport", "fr": "rapport-etude"}.get(language, "study-report")
    return f"{stem}-{campaign_slug}-{language}.{fmt}"

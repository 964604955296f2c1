"""The report as a standalone HTML document (the download, and WeasyPrint's input)."""

from functools import cache
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from .assemble import SynergyReport

STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "reports" / "synergy.css"


@cache
def stylesheet() -> str:
    # Our own file, never user input: safe inside <style>, where entities are not decoded.
    return mark_safe(STYLESHEET.read_text(encoding="utf-8"))


def html_document(report: SynergyReport) -> str:
    with translation.override(report.language):
        return render_to_string(
            "reports/synergy/document.html", {"report": report, "stylesheet": stylesheet()}
        )

"""What Tandem's DOCX reports share (python-docx): an A4 document whose styles and core
properties carry the report's language, real heading and list styles, table header rows that
repeat on every page, cell shading, and page numbers in the footer. The synergy report and the
study report each write their own sections on top of it."""

import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from io import BytesIO
from xml.sax.saxutils import escape
from zipfile import ZIP_DEFLATED, ZipFile

from django.utils.translation import pgettext
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

LANGUAGE_TAGS = {"nl": "nl-BE", "fr": "fr-BE", "en": "en-GB"}
A4 = (Mm(210), Mm(297))
MARGIN = Mm(20)
TEXT_WIDTH_TWIPS = 9638  # A4 less two 20 mm margins, in twentieths of a point
# Characters XML 1.0 cannot hold (a pasted form feed, say): dropped, never a failed report.
PLACEHOLDER = re.compile(r"<!--tandem-grid-[0-9a-f]{16}-\d+-->")
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    fill: str | None = None  # background '#b7dfc3'
    ink: str | None = None  # text colour
    bold: bool = False
    span: int = 1  # columns the cell spans
    right: bool = False  # right-aligned (counts)


def _run(text: str, *, bold: bool = False, ink: str | None = None) -> str:
    properties = ("<w:b/>" if bold else "") + (f'<w:color w:val="{ink[1:]}"/>' if ink else "")
    properties = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    # A line break in the text stays one in the cell (a list of a pair's entries, say).
    lines = escape(NOT_XML.sub("", text)).split("\n")
    clean = '</w:t><w:br/><w:t xml:space="preserve">'.join(lines)
    return f'<w:r>{properties}<w:t xml:space="preserve">{clean}</w:t></w:r>'


def _cell(cell: Cell) -> str:
    # No w:tcW: the fixed layout takes the widths from the table's grid, and a cell without
    # properties is a third fewer elements to write and parse (benchmarks/study_report.py).
    properties = ""
    if cell.span > 1:
        properties += f'<w:gridSpan w:val="{cell.span}"/>'
    if cell.fill:
        properties += f'<w:shd w:val="clear" w:color="auto" w:fill="{cell.fill[1:].upper()}"/>'
    properties = f"<w:tcPr>{properties}</w:tcPr>" if properties else ""
    align = '<w:pPr><w:jc w:val="right"/></w:pPr>' if cell.right else ""
    run = _run(cell.text, bold=cell.bold, ink=cell.ink) if cell.text else ""
    return f"<w:tc>{properties}<w:p>{align}{run}</w:p></w:tc>"


def table_xml(
    header: Sequence[str], rows: Iterable[Sequence[Cell]], *, widths: Sequence[float], style: str
) -> str:
    """A whole table as WordprocessingML text (its 'w' prefix is declared by document.xml), for
    DocxWriter.saved to put in place: python-docx builds a table cell by cell, which took
    seconds for an annex of 40,000 answers. The header row repeats on every page; no row splits
    across pages; `widths` are shares of the text width, one per column."""
    twips = [round(TEXT_WIDTH_TWIPS * share) for share in widths]
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in twips)
    parts = [
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/>'
        f'<w:tblW w:w="{sum(twips)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        f'<w:tblLook w:val="04A0" w:firstRow="1" w:firstColumn="1" w:lastRow="0" '
        f'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>',
        "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
        *(_cell(Cell(text, bold=True)) for text in header),
        "</w:tr>",
    ]
    for row in rows:
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        parts.extend(_cell(cell) for cell in row)
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def colon() -> str:
    """The colon after a label in the active language (French: ' :'), as the templates write it."""
    return pgettext("after a label", ":")


def set_language(element, lang: str) -> None:
    """w:lang on a style's or a run's properties: spelling and screen readers follow it."""
    properties = element.get_or_add_rPr()
    tag = properties.find(qn("w:lang"))
    if tag is None:
        tag = OxmlElement("w:lang")
        properties.append(tag)
    tag.set(qn("w:val"), LANGUAGE_TAGS.get(lang, lang))


def page_field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when laying out."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        run._r.append(element)


def repeat_header(row) -> None:
    """The row repeats at the top of every page the table runs onto, and never splits."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
    properties.append(OxmlElement("w:cantSplit"))


def shade(cell, colour: str) -> None:
    """A cell's background ('#b7dfc3')."""
    properties = cell._tc.get_or_add_tcPr()
    fill = OxmlElement("w:shd")
    fill.set(qn("w:val"), "clear")
    fill.set(qn("w:color"), "auto")
    fill.set(qn("w:fill"), colour.lstrip("#").upper())
    properties.append(fill)


class DocxWriter:
    """An A4 document in `language`, with helpers that write plain text (never markup)."""

    def __init__(self, *, language: str, title: str, author: str):
        self.language = language
        self.document = Document()
        section = self.document.sections[0]
        section.page_width, section.page_height = A4
        section.left_margin = section.right_margin = MARGIN
        section.top_margin = section.bottom_margin = MARGIN
        normal = self.document.styles["Normal"]
        normal.font.name = "DejaVu Sans"
        normal.font.size = Pt(10)
        set_language(normal.element, language)
        core = self.document.core_properties
        core.title = title
        core.author = author
        core.language = LANGUAGE_TAGS.get(language, language)
        core.comments = "Tandem"
        self.style_ids: dict[str, str] = {}
        # Placeholders of grid tables: a random marker no text of the report can contain.
        self.marker = f"tandem-grid-{secrets.token_hex(8)}"
        self.grids: dict[str, str] = {}

    def text(self, paragraph, text: str, lang: str | None = None, italic=False, bold=False):
        run = paragraph.add_run(NOT_XML.sub("", text))
        run.italic = italic or None
        run.bold = bold or None
        if lang and lang != self.language:
            set_language(run._r, lang)
        return run

    def paragraph(self, text: str = "", lang=None, style=None, italic=False, bold=False):
        paragraph = self.document.add_paragraph()
        if style:
            self.styled(paragraph, style)
        if text:
            self.text(paragraph, text, lang, italic=italic, bold=bold)
        return paragraph

    def styled(self, paragraph, name: str):
        """Set a paragraph style by its id, looked up once per name: python-docx resolves a
        style name by scanning every style, which took two thirds of the report's time."""
        if name not in self.style_ids:
            self.style_ids[name] = self.document.styles[name].style_id
        paragraph._p.style = self.style_ids[name]
        return paragraph

    def heading(self, text: str, level: int, lang=None):
        paragraph = self.styled(
            self.document.add_paragraph(), "Title" if level == 0 else f"Heading {level}"
        )
        self.text(paragraph, text, lang)
        return paragraph

    def blocks(self, blocks, lang=None):
        for block in blocks:
            for item in block.items:
                self.paragraph(item, lang, style="List Bullet" if block.is_list else None)

    def table(self, header: list[str]):
        """A grid table whose bold header row repeats on every page."""
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        repeat_header(table.rows[0])
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            self.text(cell.paragraphs[0], text, bold=True)
        return table

    def grid(self, header: Sequence[str], rows: Iterable[Sequence[Cell]], widths: Sequence[float]):
        """A table written in one piece (table_xml), for the long ones: a placeholder comment
        holds its place in the body and saved() puts the table's text there, so the document
        never parses (nor serialises again) the 300,000 cells of a large study."""
        if "Table Grid" not in self.style_ids:
            self.style_ids["Table Grid"] = self.document.styles["Table Grid"].style_id
        marker = f"{self.marker}-{len(self.grids)}"
        self.grids[f"<!--{marker}-->"] = table_xml(
            header, rows, widths=widths, style=self.style_ids["Table Grid"]
        )
        self.document.element.body.sectPr.addprevious(etree.Comment(marker))

    def footer(self):
        footer = self.document.sections[0].footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        page_field(footer, "PAGE")
        footer.add_run(" / ")
        page_field(footer, "NUMPAGES")

    def saved(self) -> bytes:
        self.footer()
        buffer = BytesIO()
        self.document.save(buffer)
        if not self.grids:
            return buffer.getvalue()
        return _with_grids(buffer.getvalue(), self.grids)


def _with_grids(package: bytes, grids: dict[str, str]) -> bytes:
    """The package with each placeholder comment of document.xml replaced by its table."""
    out = BytesIO()
    with ZipFile(BytesIO(package)) as source, ZipFile(out, "w", ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                text = PLACEHOLDER.sub(lambda m: grids[m.group(0)], data.decode("utf-8"))
                data = text.encode("utf-8")
            target.writestr(info, data, compress_type=ZIP_DEFLATED, compresslevel=1)
    return out.getvalue()

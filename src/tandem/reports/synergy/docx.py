"""The report as a DOCX (python-docx) with the same sections as the HTML: real heading styles,
italic runs for the reviewed year's initiatives, a savings table whose header row repeats on
every page, page numbers in the footer and the document language set."""

from io import BytesIO

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from tandem.formats.belgian import format_date, format_money, format_number

from .assemble import DomainSection, SynergyReport

LANGUAGE_TAGS = {"nl": "nl-BE", "fr": "fr-BE", "en": "en-GB"}
MONEY = ("expected_savings", "realised_savings")
FTE = ("expected_fte", "realised_fte")


def _colon() -> str:
    """The colon after a label in the active language (French: ' :'), as the templates write it."""
    return pgettext("after a label", ":")


def _shown(value, money: bool) -> str:
    """A figure of the savings table as the HTML shows it: a dash when it is unknown."""
    if value is None:
        return "—"
    return format_money(value) if money else format_number(value, 2)


def _set_language(element, lang: str) -> None:
    """w:lang on a style's or a run's properties: spelling and screen readers follow it."""
    properties = element.get_or_add_rPr()
    tag = properties.find(qn("w:lang"))
    if tag is None:
        tag = OxmlElement("w:lang")
        properties.append(tag)
    tag.set(qn("w:val"), LANGUAGE_TAGS.get(lang, lang))


def _field(paragraph, instruction: str) -> None:
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


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
    cant_split = OxmlElement("w:cantSplit")
    properties.append(cant_split)


class _Writer:
    def __init__(self, report: SynergyReport):
        self.report = report
        self.document = Document()
        styles = self.document.styles
        normal = styles["Normal"]
        normal.font.name = "DejaVu Sans"
        normal.font.size = Pt(10)
        _set_language(normal.element, report.language)
        core = self.document.core_properties
        core.title = f"{report.title} — {report.municipality_name} {report.year}"
        core.author = report.pair_name
        core.language = LANGUAGE_TAGS.get(report.language, report.language)
        core.comments = "Tandem"
        self.style_ids: dict[str, str] = {}

    def text(self, paragraph, text: str, lang: str | None = None, italic=False, bold=False):
        run = paragraph.add_run(text)
        run.italic = italic or None
        run.bold = bold or None
        if lang and lang != self.report.language:
            _set_language(run._r, lang)
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

    def sections(self, sections: list[DomainSection]):
        for section in sections:
            self.heading(f"{section.number} {section.name}", level=2)
            for group in section.groups:
                if group.name:
                    self.heading(group.name, level=3)
                for line in group.lines:
                    paragraph = self.styled(self.document.add_paragraph(), "List Bullet")
                    self.text(paragraph, line.title.text, line.title.lang, italic=line.new)
                    if line.note:
                        self.text(paragraph, f" ({line.note})")
                    if line.description:
                        paragraph.add_run().add_break()
                        self.text(paragraph, line.description.text, line.description.lang)

    def footer(self):
        footer = self.document.sections[0].footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _field(footer, "PAGE")
        footer.add_run(" / ")
        _field(footer, "NUMPAGES")

    def write(self) -> bytes:
        report, document = self.report, self.document
        self.heading(report.title, level=0)
        self.paragraph(report.subtitle)
        if report.approval:
            approval = report.approval
            status = _("Approved version %(number)s: approved by the %(body)s on %(date)s.") % {
                "number": approval.number,
                "body": approval.body,
                "date": approval.decision_date,
            }
            if approval.reference:
                status = f"{status} {_('Reference')}{_colon()} {approval.reference}"
            self.paragraph(status, bold=True)
        else:
            self.paragraph(_("Draft: not approved."), bold=True)

        self.heading(f"1. {_('Introduction')}", level=1)
        basis = report.basis
        if basis.quoted:
            self.paragraph(basis.lead)
            self.paragraph(f"“{basis.rule}”", style="Quote")
        else:
            self.paragraph(basis.rule)
        self.blocks(report.introduction, report.introduction_lang)
        if report.steering_dates:
            self.paragraph(
                _(
                    "Ahead of drawing up the draft budget %(year)s, the steering group met on "
                    "the following dates:"
                )
                % {"year": report.year}
            )
            for day in report.steering_dates:
                self.paragraph(day, style="List Bullet")
        else:
            self.paragraph(
                _("No steering-group meeting was recorded between %(start)s and %(end)s.")
                % {"start": format_date(report.period[0]), "end": format_date(report.period[1])}
            )
        if report.coordination:
            self.paragraph(_("Other coordination meetings were held:"))
            for heading, lang in report.coordination:
                self.paragraph(heading, lang, style="List Bullet")

        self.heading(f"2. {_('Meetings')}", level=1)
        for meeting in report.meetings:
            self.heading(meeting.heading, 2, meeting.lang)
            if meeting.participants:
                paragraph = self.paragraph(f"{_('Participants')}{_colon()} ", bold=True)
                self.text(paragraph, meeting.participants)
            if meeting.agenda:
                self.paragraph(f"{_('Agenda')}{_colon()}", bold=True)
                self.blocks(meeting.agenda, meeting.lang)
            self.blocks(meeting.decisions, meeting.lang)
        if not report.meetings:
            self.paragraph(_("No meeting was recorded in this period."))

        self.heading(f"3. {_('Synergies')}", level=1)
        self.paragraph(
            _(
                "As in the previous report, we recall the existing synergies and/or economies "
                "of scale (initiatives from %(year)s in italics):"
            )
            % {"year": report.reviewed_year}
        )
        self.sections(report.synergies)
        if not report.synergies:
            self.paragraph(_("The register holds no existing synergy yet."))

        self.heading(f"4. {_('Expected and realised savings')}", level=1)
        self.savings_table()

        self.heading(
            "5. "
            + _("Measures proposed in %(year)s and for the following years")
            % {"year": report.year},
            level=1,
        )
        self.paragraph(
            _(
                "Besides continuing the measures taken earlier, we intend to propose the "
                "following actions for the future (a non-exhaustive list):"
            )
        )
        self.sections(report.measures)
        if not report.measures:
            self.paragraph(_("No measure is proposed yet."))

        self.heading(_("Annex: minutes of the meetings"), level=1)
        if report.annex:
            table = document.add_table(rows=1, cols=2)
            table.style = "Table Grid"
            header = table.rows[0]
            _repeat_header(header)
            for cell, text in zip(header.cells, (_("Meeting"), _("Minutes")), strict=True):
                self.text(cell.paragraphs[0], text, bold=True)
            for heading, lang, files in report.annex:
                cells = table.add_row().cells
                self.text(cells[0].paragraphs[0], heading, lang)
                self.text(cells[1].paragraphs[0], ", ".join(files) or _("no minutes attached"))
        else:
            self.paragraph(_("No meeting was recorded in this period."))
        self.footer()
        buffer = BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    def savings_table(self):
        report = self.report
        self.paragraph(
            _("Yearly savings of the synergies above, per domain (report %(year)s)")
            % {"year": report.year},
            bold=True,
        )
        headers = (
            _("Domain"),
            _("Expected (€ per year)"),
            _("Realised (€ per year)"),
            _("Expected (FTE)"),
            _("Realised (FTE)"),
            _("Synergies with an estimate"),
        )
        table = self.document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _repeat_header(table.rows[0])
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            self.text(cell.paragraphs[0], text, bold=True)
        for line in [*report.savings, report.savings_total]:
            figures = line.figures
            values = (
                line.label,
                *(_shown(figures[name], money=True) for name in MONEY),
                *(_shown(figures[name], money=False) for name in FTE),
                f"{line.estimated} / {line.synergies}",
            )
            cells = table.add_row().cells
            total = line is report.savings_total
            for index, (cell, text) in enumerate(zip(cells, values, strict=True)):
                paragraph = cell.paragraphs[0]
                if index:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                self.text(paragraph, text, bold=total)
        self.paragraph(
            _(
                "A dash (—) means that no synergy of the domain has that figure yet; a total "
                "adds only the known figures."
            )
        )


def docx_bytes(report: SynergyReport) -> bytes:
    with translation.override(report.language):
        return _Writer(report).write()

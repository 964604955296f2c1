"""The report as a DOCX (python-docx, on reports.docx_base: A4, heading styles, the document
language, page numbers) with the same sections as the HTML: italic runs for the reviewed year's
initiatives and a savings table whose header row repeats on every page."""

from django.utils import translation
from django.utils.translation import gettext as _
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

from tandem.formats.belgian import format_date, format_money, format_number

from ..docx_base import DocxWriter, colon
from .assemble import DomainSection, SynergyReport

MONEY = ("expected_savings", "realised_savings")
FTE = ("expected_fte", "realised_fte")


def _shown(value, money: bool) -> str:
    """A figure of the savings table as the HTML shows it: a dash when it is unknown."""
    if value is None:
        return "—"
    return format_money(value) if money else format_number(value, 2)


class _Writer(DocxWriter):
    def __init__(self, report: SynergyReport):
        super().__init__(
            language=report.language,
            title=f"{report.title} — {report.municipality_name} {report.year}",
            author=report.pair_name,
        )
        self.report = report

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

    def write(self) -> bytes:
        report = self.report
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
                status = f"{status} {_('Reference')}{colon()} {approval.reference}"
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
                paragraph = self.paragraph(f"{_('Participants')}{colon()} ", bold=True)
                self.text(paragraph, meeting.participants)
            if meeting.agenda:
                self.paragraph(f"{_('Agenda')}{colon()}", bold=True)
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

        if report.dossiers:
            self.dossiers()

        self.heading(_("Annex: minutes of the meetings"), level=1)
        if report.annex:
            table = self.table([_("Meeting"), _("Minutes")])
            for heading, lang, files in report.annex:
                cells = table.add_row().cells
                self.text(cells[0].paragraphs[0], heading, lang)
                self.text(cells[1].paragraphs[0], ", ".join(files) or _("no minutes attached"))
        else:
            self.paragraph(_("No meeting was recorded in this period."))
        return self.saved()

    def dossiers(self):
        """Section 6, "we cooperate, unless…" (issue 18.5): a line per product dossier."""
        self.heading(f"6. {_('We cooperate, unless…')}", level=1)
        self.paragraph(
            _(
                "For these product dossiers the default is to cooperate; not cooperating needs "
                "a motivation, looked at again every year."
            )
        )
        table = self.table(
            [_("Dossier"), _("Decision"), _("Motivation"), _("Decided or last reviewed on")]
        )
        for dossier in self.report.dossiers:
            cells = table.add_row().cells
            decision = _("cooperate") if dossier.cooperates else _("exception: no cooperation")
            for cell, text in zip(
                cells,
                (dossier.name, decision, dossier.motivation or "—", dossier.decided_on or "—"),
                strict=True,
            ):
                self.text(cell.paragraphs[0], text, None)

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
        table = self.table(list(headers))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
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

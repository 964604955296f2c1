"""What the two study reports' DOCX writers share (docx.py for an inventory, grid_docx.py for a
grid campaign): the document's title and language, captions, a part that is written only when
the coordinator wrote it, and the order of the whole — cover, introduction, method, the report's
own findings, conclusions, recommendations, annex — with the middle left to each report."""

from django.utils.translation import gettext as _

from tandem.formats.belgian import format_date

from ..docx_base import DocxWriter, colon


class StudyWriter(DocxWriter):
    def __init__(self, report):
        super().__init__(
            language=report.language,
            title=f"{_('Study report')} — {report.campaign}",
            author="Tandem",
        )
        self.report = report

    def caption(self, text: str):
        self.paragraph(text, style="Caption")

    def part(self, title: str, blocks, *, level: int = 1, always=False):
        if blocks or always:
            self.heading(title, level=level)
            self.blocks(blocks)

    def method(self):
        """The method's text, then what the report counts of how the data was gathered."""
        self.part(_("Method"), self.report.parts["method"], always=True)

    def findings(self):
        raise NotImplementedError

    def annex(self):
        raise NotImplementedError

    def write(self) -> bytes:
        report = self.report
        self.heading(f"{_('Study report')}{colon()} {report.campaign}", level=0)
        self.paragraph(
            _("Campaign %(year)s, %(pairs)s pairs. Made by Tandem on %(date)s.")
            % {"year": report.year, "pairs": report.pairs, "date": format_date(report.made_on)}
        )
        self.part(_("Introduction"), report.parts["introduction"])
        self.method()
        self.findings()
        self.part(_("Conclusions"), report.parts["conclusions"])
        self.part(_("Recommendations"), report.parts["recommendations"])
        if report.with_annex:
            self.annex()
        return self.saved()

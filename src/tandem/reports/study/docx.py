"""The study report as a DOCX (python-docx, on reports.docx_base: A4, heading styles, the
document language, page numbers) with the sections of the HTML: the rounds, per domain the score
matrix in the degree colours with its totals, the findings beside the coordinator's synthesis,
the conclusions and recommendations, and the annex with each pair's answers. The long tables are
written in one piece (docx_base.table_xml); a report of 565 pairs stays within seconds."""

from django.utils import translation
from django.utils.translation import gettext as _

from tandem.campaigns.findings_tables import wishes_table
from tandem.formats.belgian import format_date

from ..docx_base import Cell, colon
from .annex import PairAnnex
from .assemble import StudyDomain, StudyMatrix, StudyReport, round_headings
from .legend import degree_colours
from .writer import StudyWriter


class _Writer(StudyWriter):
    report: StudyReport

    def __init__(self, report: StudyReport):
        super().__init__(report)
        # Each degree in the legend's colours (the catalogue's), its score always written too.
        self.colours = {value: (fill, ink) for value, fill, ink in degree_colours()}

    def score(self, value: int | None) -> Cell:
        if value is None:
            return Cell("—")
        fill, ink = self.colours.get(value, (None, None))
        return Cell(str(value), fill=fill, ink=ink)

    def rounds(self):
        header = round_headings()
        rows = [
            [
                Cell(str(line.number), bold=True),
                Cell(line.kind),
                Cell(line.status),
                Cell(format_date(line.closes_on) if line.closes_on else "—"),
                Cell(str(line.submitted), right=True),
                Cell(str(line.answers), right=True),
            ]
            for line in self.report.rounds
        ]
        self.caption(_("Rounds of the campaign"))
        self.grid(header, rows, (0.1, 0.2, 0.15, 0.17, 0.2, 0.18))

    def matrix(self, domain: StudyDomain, table: StudyMatrix):
        matrix = table.matrix
        columns = len(matrix.columns)
        header = [_("City"), *(c.short_label for c in matrix.columns), _("TOT STAD")]
        rows = [
            [
                Cell(row.header.name, bold=True),
                *(self.score(value) for value in row.cells),
                Cell("—" if row.total is None else str(row.total), right=True),
            ]
            for row in matrix.rows
        ]
        rows.append(
            [
                Cell(_("TOT ASPECT"), bold=True),
                *(Cell(str(total), bold=True, right=True) for total in matrix.column_totals),
                Cell(""),
            ]
        )
        rows.append(
            [
                Cell(_("Cities with cooperation"), bold=True),
                *(Cell(str(count), bold=True, right=True) for count in matrix.column_counts),
                Cell(""),
            ]
        )
        first = 0.22
        share = (1 - first - 0.1) / max(columns, 1)
        caption = (
            _("Degree of cooperation (%(number)s), the other aspects the pairs named: %(domain)s")
            if table.aspects == "other"
            else _("Degree of cooperation (%(number)s), the questionnaire's aspects: %(domain)s")
        )
        self.caption(caption % {"number": table.number, "domain": domain.name})
        self.grid(header, rows, (first, *([share] * columns), 0.1))

    def tallies(self, tallies, caption: str):
        if not tallies:
            self.paragraph(_("No answer names one."))
            return
        self.caption(caption)
        rows = [
            [Cell(t.label or _("not classified"), bold=True), Cell(str(t.count), right=True)]
            for t in tallies
        ]
        self.grid([_("Category"), _("Pairs")], rows, (0.8, 0.2))

    def domain_findings(self, domain: StudyDomain):
        findings, texts = domain.findings, domain.texts
        self.heading(_("How the cooperation is regulated"), level=2)
        self.blocks(texts.get("how", []))
        for row in findings.regulation:
            if row.cooperating:
                used = ", ".join(f"{t.label or _('not stated')} {t.count}" for t in row.instruments)
                self.paragraph(f"{row.aspect}{colon()} {used}", style="List Bullet")
        self.heading(_("Reasons, per cluster"), level=2)
        self.blocks(texts.get("why", []))
        self.tallies(findings.reasons, _("Pairs naming a reason of each cluster"))
        self.heading(_("Is (more or formal) cooperation wished?"), level=2)
        self.blocks(texts.get("wishes", []))
        self.caption(
            _(
                "Per aspect: without cooperation, is it desirable; when informal, is formal "
                "cooperation desirable"
            )
        )
        wishes = wishes_table(findings)
        rows = [
            [Cell(aspect, bold=True), *(Cell(str(n), right=True) for n in counts)]
            for aspect, *counts in wishes.rows
        ]
        header = wishes.header
        self.grid(header, rows, (0.28, *([0.12] * 6)))
        self.heading(_("Obstacles, per type"), level=2)
        self.blocks(texts.get("obstacles", []))
        self.tallies(findings.obstacles, _("Pairs naming an obstacle of each type"))

    def annex(self):
        annex: list[PairAnnex] = self.report.annex
        self.heading(_("Annex: each pair's answers"), level=1)
        if not annex:
            self.paragraph(_("No pair has answers in the round the tables count."))
        header = [
            _("Aspect"),
            _("Score"),
            _("Regulated by"),
            _("Reasons"),
            _("Wish or obstacles"),
        ]
        widths = (0.2, 0.08, 0.22, 0.25, 0.25)
        for entry in annex:
            self.heading(entry.pair, level=2)
            rows, domain = [], None
            for row in entry.rows:
                if row.domain != domain:
                    domain = row.domain
                    rows.append([Cell(domain, bold=True, fill="#E8EEF4", span=5)])
                rows.append(
                    [
                        Cell(row.aspect, bold=True),
                        self.score(row.degree),
                        Cell(row.regulated_by),
                        Cell(row.reasons),
                        Cell(row.follow_up),
                    ]
                )
            self.grid(header, rows, widths)

    def method(self):
        super().method()
        self.rounds()

    def findings(self):
        for domain in self.report.domains:
            self.heading(f"{domain.number}. {domain.name}", level=1)
            # The reading first, as in seed 001: its text points at "de tabel hieronder".
            self.blocks(domain.texts.get("scores", []))
            for table in domain.matrices:
                self.matrix(domain, table)
            self.domain_findings(domain)


def docx_bytes(report: StudyReport) -> bytes:
    with translation.override(report.language):
        return _Writer(report).write()

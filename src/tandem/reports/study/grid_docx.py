"""A grid campaign's study report as a DOCX (reports.docx_base: A4, heading styles, the document
language, page numbers), with the sections of its HTML (grid_document.html): the feedback on the
synthesis tables, the comparison's counts, per sub-domain each pair's current, desired and
possible cooperation with the coordinator's reading, the factor matrices in the symbols' colours,
the conclusions and recommendations, and each pair's synthesis table in the annex."""

from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from tandem.grid.sheets import SYMBOL_COLOURS

from ..docx_base import Cell, colon
from .grid import GridStudyDomain, GridStudyMatrix, GridStudyReport
from .writer import StudyWriter


def _lines(items: list[str]) -> str:
    return "\n".join(items) or "—"


class _Writer(StudyWriter):
    report: GridStudyReport

    def method(self):
        super().method()
        report = self.report
        self.paragraph(
            _(
                "The synthesis tables name %(current)s forms of current cooperation and "
                "%(desirable)s forms of desirable cooperation."
            )
            % report.entries
        )
        self.caption(_("Synthesis tables per feedback state"))
        rows = [
            [Cell(str(capfirst(label)), bold=True), Cell(str(count), right=True)]
            for label, count in report.feedback
        ]
        self.grid([_("State"), _("Synthesis tables")], rows, (0.7, 0.3))

    def counts(self):
        self.heading(_("The synthesis tables compared"), level=1)
        self.paragraph(
            _(
                "'No (further) cooperation' is counted as an answer; a pair without any entry "
                "for a sub-domain is 'not answered'."
            )
            + " "
            + _("The typology counts the components (entries) of current cooperation per value.")
        )
        for table in self.report.counts:
            self.caption(table.title)
            rows = [
                [
                    Cell(str(label), bold=True),
                    *(
                        Cell(str(value), fill=colours[0], ink=colours[1], right=True)
                        if colours
                        else Cell(str(value), right=True)
                        for value, colours in cells
                    ),
                ]
                for label, cells in (*table.body, *table.totals)
            ]
            columns = len(table.header)
            first = 0.3 if columns > 2 else 0.7
            self.grid(table.header, rows, (first, *([(1 - first) / (columns - 1)] * (columns - 1))))

    def domain(self, domain: GridStudyDomain):
        texts = domain.texts
        self.heading(f"{domain.number}. {domain.name}", level=1)
        self.paragraph(
            _(
                "%(cooperating)s of %(pairs)s pairs cooperate on this sub-domain now; "
                "%(desiring)s name desirable (further) cooperation."
            )
            % {
                "cooperating": domain.cooperating,
                "pairs": self.report.pairs,
                "desiring": domain.desiring,
            }
        )
        self.part(_("Summary of the findings"), texts.get("scores", []), level=2)
        self.part(_("Current cooperation"), texts.get("how", []), level=2)
        self.part(_("Desirable cooperation"), texts.get("wishes", []), level=2)
        self.part(_("Possible cooperation and obstacles"), texts.get("obstacles", []), level=2)
        self.caption(
            _("Current, desired and possible cooperation per pair, with the obstacles: %(domain)s")
            % {"domain": domain.name}
        )
        rows = [
            [
                Cell(line.pair, bold=True),
                Cell(_lines(line.current)),
                Cell(_lines(line.desirable)),
                Cell(_lines(line.possible)),
                Cell(_lines(line.obstacles)),
            ]
            if line.answered
            else [Cell(line.pair, bold=True), Cell(_("not answered"), span=4)]
            for line in domain.lines
        ]
        header = [
            _("Pair"),
            _("Current cooperation"),
            _("Desirable cooperation"),
            _("Possible?"),
            _("Obstacles"),
        ]
        self.grid(header, rows, (0.14, 0.26, 0.24, 0.12, 0.24))
        self.part(_("Explanatory factors"), texts.get("why", []), level=2)
        self.part(_("Towards recommendations"), texts.get("recommendations", []), level=2)

    def matrix(self, item: GridStudyMatrix):
        printed = item.printed
        self.heading(printed.matrix.focus.name, level=2)
        if printed.matrix.title:
            self.paragraph(printed.matrix.title)
        self.caption(
            _("Explanatory factors per pair: %(focus)s") % {"focus": printed.matrix.focus.name}
        )
        rows = []
        for path, symbols in printed.rows:
            cells = [Cell(" › ".join(f.name for f in path), bold=True)]
            for symbol in symbols:
                fill, ink = SYMBOL_COLOURS.get(symbol, (None, None))
                cells.append(Cell(symbol, fill=fill, ink=ink, bold=True))
            rows.append(cells)
        columns = len(printed.columns)
        share = 0.55 / max(columns, 1)
        header = [_("Factor"), *(h.name for h in printed.columns)]
        self.grid(header, rows, (0.45, *([share] * columns)))
        if item.explanations:
            self.heading(_("Explanations of the values"), level=3)
            for e in item.explanations:
                paragraph = self.paragraph(style="List Bullet")
                self.text(paragraph, f"{e.factor}, {e.pair} ({e.symbol or '—'})", bold=True)
                self.text(paragraph, f"{colon()} {e.text}")
        self.blocks(item.texts)

    def matrices(self):
        if not self.report.matrices:
            return
        self.heading(_("Explanatory factors per focus group"), level=1)
        self.paragraph(
            _(
                "+ the factor was present; − it was known to be absent; ? it was not reported "
                "(which does not mean it was absent); +/− mixed. An empty cell: no value was "
                "given."
            )
        )
        for item in self.report.matrices:
            self.matrix(item)

    def annex(self):
        self.heading(_("Annex: each pair's synthesis table"), level=1)
        header = [
            _("Component"),
            _("Current or desirable"),
            _("Way of cooperating"),
            _("Typology"),
            _("Possible?"),
            _("Obstacles"),
        ]
        for pair in self.report.annex:
            self.heading(pair.pair, level=2)
            self.paragraph(
                f"{_('Attitude towards cooperation')}{colon()} {pair.attitude}. "
                f"{_('Feedback from the participants')}{colon()} {pair.status}."
            )
            rows, domain = [], None
            for row in pair.rows:
                if row.domain != domain:
                    domain = row.domain
                    rows.append([Cell(domain, bold=True, fill="#E8EEF4", span=6)])
                rows.append(
                    [
                        Cell(row.named, bold=True),
                        Cell(row.stage),
                        Cell(row.way),
                        Cell(row.typology),
                        Cell(row.possible),
                        Cell(row.obstacles),
                    ]
                )
            if not rows:
                rows.append([Cell(_("not answered"), span=6)])
            self.grid(header, rows, (0.18, 0.12, 0.24, 0.18, 0.1, 0.18))

    def findings(self):
        self.counts()
        for domain in self.report.domains:
            self.domain(domain)
        self.matrices()


def grid_docx_bytes(report: GridStudyReport) -> bytes:
    with translation.override(report.language):
        return _Writer(report).write()

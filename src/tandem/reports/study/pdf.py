"""The inventory's study report as a tagged A4 PDF through Typst (study/typst/study.typ): the same
plain data the HTML and the DOCX lay out, with every word the template prints translated here, in
the report's language. WeasyPrint, which prints every other document from its HTML, needs minutes
for a campaign of 565 pairs (about 8 ms per matrix row); Typst needs seconds (benchmarks/
study_report.py). The annex prints each answer as a paragraph rather than the HTML's five-column
table: a table of long texts over thousands of A4 pages is hard to read and three times slower to
lay out. The grid campaign's report, a dozen pairs, stays with WeasyPrint."""

from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tandem.analysis.findings import DomainFindings, Tally
from tandem.campaigns.findings_tables import wishes_table
from tandem.formats import belgian
from tandem.formats.typst_pdf import typst_to_pdf

from ..blocks import Block
from .assemble import StudyMatrix, StudyReport, round_headings
from .legend import degree_colours

TEMPLATE = Path(__file__).resolve().parent / "typst" / "study.typ"
NONE = "—"


def _blocks(blocks: list[Block]) -> list[dict[str, Any]]:
    return [{"list": block.is_list, "items": list(block.items)} for block in blocks]


def _score(value: int | None) -> str:
    return NONE if value is None else str(value)


def _matrix(table: StudyMatrix, domain: str) -> dict[str, Any]:
    matrix = table.matrix
    if table.aspects == "other":
        caption = _(
            "Degree of cooperation (%(number)s), the other aspects the pairs named: %(domain)s"
        )
    else:
        caption = _("Degree of cooperation (%(number)s), the questionnaire's aspects: %(domain)s")
    return {
        "caption": caption % {"number": table.number, "domain": domain},
        "columns": [column.short_label for column in matrix.columns],
        "rows": [
            [row.header.name, *(_score(v) for v in row.cells), _score(row.total)]
            for row in matrix.rows
        ],
        "totals": [str(total) for total in matrix.column_totals],
        "counts": [str(count) for count in matrix.column_counts],
    }


def _tallies(tallies: list[Tally], caption: str) -> dict[str, Any]:
    return {
        "caption": caption,
        "rows": [[tally.label or _("not classified"), str(tally.count)] for tally in tallies],
    }


def _findings(findings: DomainFindings) -> dict[str, Any]:
    colon = pgettext("after a label", ":")
    wishes = wishes_table(findings)
    return {
        "regulation": [
            f"{row.aspect}{colon} "
            + ", ".join(f"{t.label or _('not stated')} {t.count}" for t in row.instruments)
            for row in findings.regulation
            if row.cooperating
        ],
        "reasons": _tallies(findings.reasons, _("Pairs naming a reason of each cluster")),
        "wishes": {
            "columns": wishes.header,
            "rows": [[str(value) for value in row] for row in wishes.rows],
        },
        "obstacles": _tallies(findings.obstacles, _("Pairs naming an obstacle of each type")),
    }


def _labels() -> dict[str, Any]:
    return {
        "round_columns": round_headings(),
        "rounds": _("Rounds of the campaign"),
        "introduction": _("Introduction"),
        "method": _("Method"),
        "conclusions": _("Conclusions"),
        "recommendations": _("Recommendations"),
        "city": _("City"),
        "tot_city": _("TOT STAD"),
        "tot_aspect": _("TOT ASPECT"),
        "cooperating": _("Cities with cooperation"),
        "how": _("How the cooperation is regulated"),
        "why": _("Reasons, per cluster"),
        "wishes": _("Is (more or formal) cooperation wished?"),
        "wishes_caption": _(
            "Per aspect: without cooperation, is it desirable; when informal, is formal "
            "cooperation desirable"
        ),
        "obstacles": _("Obstacles, per type"),
        "tally_columns": [_("Category"), _("Pairs")],
        "none_named": _("No answer names one."),
        "annex": _("Annex: each pair's answers"),
        "annex_empty": _("No pair has answers in the round the tables count."),
        "score": _("Score"),
        "regulated_by": _("Regulated by"),
        "reasons": _("Reasons"),
        "colon": pgettext("after a label", ":"),
    }


def _annex(report: StudyReport) -> list[dict[str, Any]]:
    return [
        {
            "pair": entry.pair,
            "rows": [
                [
                    row.domain,
                    row.aspect,
                    _score(row.degree),
                    row.regulated_by,
                    row.reasons,
                    row.follow_up,
                ]
                for row in entry.rows
            ],
        }
        for entry in report.annex
    ]


def pdf_data(report: StudyReport) -> dict[str, Any]:
    """Everything the template prints, as JSON-ready values; call inside
    translation.override(report.language)."""
    title = f"{_('Study report')}{pgettext('after a label', ':')} {report.campaign}"
    return {
        "language": report.language,
        "title": title,
        "subtitle": _("Campaign %(year)s, %(pairs)s pairs. Made by Tandem on %(date)s.")
        % {"year": report.year, "pairs": report.pairs, "date": belgian.format_date(report.made_on)},
        "labels": _labels(),
        "degree_colours": {str(value): [fill, ink] for value, fill, ink in degree_colours()},
        "parts": {part: _blocks(blocks) for part, blocks in report.parts.items()},
        "rounds": [
            [
                str(line.number),
                line.kind,
                line.status,
                belgian.format_date(line.closes_on) if line.closes_on else NONE,
                str(line.submitted),
                str(line.answers),
            ]
            for line in report.rounds
        ],
        "domains": [
            {
                "heading": f"{domain.number}. {domain.name}",
                "texts": {part: _blocks(blocks) for part, blocks in domain.texts.items()},
                "matrices": [_matrix(table, domain.name) for table in domain.matrices],
                "findings": _findings(domain.findings),
            }
            for domain in report.domains
        ],
        "with_annex": report.with_annex,
        "annex": _annex(report),
    }


def study_pdf(report: StudyReport) -> bytes:
    with translation.override(report.language):
        data = pdf_data(report)
    return typst_to_pdf(template=TEMPLATE, data=data)

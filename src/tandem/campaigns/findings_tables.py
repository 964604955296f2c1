"""A domain's findings as the one table model (formats.tables), for the CSV, XLSX and JSON
downloads of the findings page: the same counts and quotes the page shows."""

from django.utils.translation import gettext as _

from tandem.analysis.findings import DomainFindings, Quote, Tally
from tandem.formats.tables import Look, Style, Table

LOOK = Look(header=Style(bold=True), wrap=True, freeze="A2", fit=(8, 60))
TABLES = ("instruments", "reasons", "wishes", "obstacles", "quotes")


def _tally_rows(tallies: list[Tally], unnamed: str) -> list[list]:
    return [[t.label or unnamed, t.count, ", ".join(t.pairs)] for t in tallies]


def _quote_rows(topic: str, category: str, quotes: list[Quote]) -> list[list]:
    return [[topic, category, q.pair, q.aspect, q.text] for q in quotes]


def wishes_table(findings: DomainFindings) -> Table:
    """Per aspect: without cooperation, is it desirable; when informal, is formal cooperation
    desirable (the findings' downloads and the study report's DOCX)."""
    return Table(
        sheet=_("Wishes"),
        name="wishes",
        header=[
            _("Aspect"),
            _("No cooperation"),
            _("desirable: yes"),
            _("desirable: no"),
            _("Informal"),
            _("formal desirable: yes"),
            _("formal desirable: no"),
        ],
        codes=[
            "aspect",
            "without",
            "desirable_yes",
            "desirable_no",
            "informal",
            "formal_desirable_yes",
            "formal_desirable_no",
        ],
        rows=[
            [w.aspect, w.without, w.desirable_yes, w.desirable_no, w.informal]
            + [w.formal_yes, w.formal_no]
            for w in findings.wishes
        ],
        look=LOOK,
    )


def findings_tables(findings: DomainFindings) -> list[Table]:
    not_stated, not_classified = _("not stated"), _("not classified")
    instruments = Table(
        sheet=_("Instruments"),
        name="instruments",
        header=[_("Aspect"), _("Instrument"), _("Pairs"), _("Which pairs")],
        codes=["aspect", "instrument", "pairs", "pair_names"],
        rows=[
            [row.aspect, tally.label or not_stated, tally.count, ", ".join(tally.pairs)]
            for row in findings.regulation
            for tally in row.instruments
        ],
        look=LOOK,
    )
    reasons = Table(
        sheet=_("Reasons"),
        name="reasons",
        header=[_("Reason cluster"), _("Pairs"), _("Which pairs")],
        codes=["cluster", "pairs", "pair_names"],
        rows=_tally_rows(findings.reasons, not_classified),
        look=LOOK,
    )
    wishes = wishes_table(findings)
    obstacles = Table(
        sheet=_("Obstacles"),
        name="obstacles",
        header=[_("Obstacle type"), _("Pairs"), _("Which pairs")],
        codes=["obstacle_type", "pairs", "pair_names"],
        rows=_tally_rows(findings.obstacles, not_classified),
        look=LOOK,
    )
    quotes = []
    for row in findings.regulation:
        for tally in row.instruments:
            quotes += _quote_rows("regulation", tally.label or not_stated, tally.quotes)
        quotes += _quote_rows("documents", row.aspect, row.documents)
    for tally in findings.reasons:
        quotes += _quote_rows("reasons", tally.label or not_classified, tally.quotes)
    for wish in findings.wishes:
        quotes += _quote_rows("wishes", wish.aspect, wish.quotes)
    for tally in findings.obstacles:
        quotes += _quote_rows("obstacles", tally.label or not_classified, tally.quotes)
    quotes += _quote_rows("other", "", findings.other)
    said = Table(
        sheet=_("Quotes"),
        name="quotes",
        header=[_("Topic"), _("Category"), _("Pair"), _("Aspect"), _("Text")],
        codes=["topic", "category", "pair", "aspect", "text"],
        rows=quotes,
        look=LOOK,
    )
    return [instruments, reasons, wishes, obstacles, said]


def findings_json(tables: list[Table]) -> dict[str, list[dict]]:
    """Each table as a list of objects keyed by its stable column codes."""
    return {t.name: [dict(zip(t.codes, row, strict=True)) for row in t.rows] for t in tables}

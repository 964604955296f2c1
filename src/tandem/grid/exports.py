"""The analysis grid as downloads: a pair's synthesis table, the campaign's comparison and a
focus group's factor matrix as CSV, XLSX and JSON that follows grid/schemas/*.schema.json.

Every download is built from the same data as its page (pages.py), fetched by the views through
the same scoped queries (queries.py), so it holds the page's numbers and nothing the user may
not read. sheets.py dresses the tables; tandem.formats writes the files."""

from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tandem.formats.downloads import (
    csv_text,
    csv_verbatim,
    json_download,
    streamed_csv,
    xlsx_download,
)
from tandem.formats.tables import Table
from tandem.formats.xlsx import xlsx_bytes

from .models import FactorValue, GridEntry, SynthesisTable
from .sheets import LOOK, coloured_symbols, legend, shaded_counts
from .tables import factor_path, factor_table

FORMATS = ("csv", "xlsx", "json")
LANGUAGES = ("nl", "fr", "en")


def language() -> str:
    """The active language among the catalogue's (factor names are kept in nl, fr and en)."""
    code = (get_language() or "nl")[:2]
    return code if code in LANGUAGES else "nl"


# --- a pair's synthesis table ---------------------------------------------------------------------


def _name(term) -> str:
    return term.name if term is not None else ""


def obstacle_text(obstacle) -> str:
    """Types (or "obstacle"), the type as named, then the text: as the page lists it."""
    types = ", ".join(t.name for t in obstacle.types.all()) or _("obstacle")
    named = f" ({obstacle.label})" if obstacle.label else ""
    return f"{types}{named}: {obstacle.text or '—'}"


def pair_entries(blocks) -> list:
    """The entries of a pair's synthesis table in page order: per sub-domain, current first."""
    return [entry for block in blocks for entry in (*block.current, *block.desirable)]


def pair_table(blocks, title: str) -> Table:
    table = Table(
        name="entries",
        title=title,
        sheet=_("Synthesis table"),
        look=LOOK,
        header=[
            _("Number"),
            _("Sub-domain"),
            _("Current or desirable"),
            _("No (further) cooperation"),
            _("Components"),
            _("Component as named"),
            _("Way of cooperating"),
            _("Level"),
            _("Place"),
            _("Scale"),
            _("Formalisation"),
            _("Finality"),
            _("Possible?"),
            _("Obstacles"),
            _("Obstacle types and texts"),
        ],
        codes=[
            "sub_domain_number",
            "sub_domain",
            "stage",
            "no_cooperation",
            "components",
            "label",
            "way",
            *GridEntry.TYPOLOGY,
            "possible",
            "obstacle_answer",
            "obstacles",
        ],
    )
    for entry in pair_entries(blocks):
        table.rows.append(
            [
                entry.domain.number,
                entry.domain.name,
                entry.get_stage_display(),
                _("yes") if entry.is_none else _("no"),
                "; ".join(c.short_label for c in entry.components.all()),
                entry.label,
                entry.way,
                *(_name(getattr(entry, d)) for d in GridEntry.TYPOLOGY),
                entry.get_possible_display(),
                entry.get_obstacle_answer_display(),
                "\n".join(obstacle_text(o) for o in entry.obstacles.all()),
            ]
        )
    return table


def _campaign(campaign) -> dict:
    return {"slug": campaign.slug, "name": campaign.name, "year": campaign.year}


def _term(term) -> dict | None:
    return {"slug": term.slug, "name": term.name} if term is not None else None


def pair_document(campaign, participation, name: str, synthesis, blocks) -> dict:
    """The pair's synthesis table with codes and names (grid-pair-table.schema.json)."""
    synthesis = synthesis or SynthesisTable()
    return {
        "kind": "grid-pair-table",
        "language": language(),
        "campaign": _campaign(campaign),
        "pair": {"code": participation.pair.municipality.refnis, "name": name},
        "attitude": synthesis.attitude or None,
        "attitude_label": synthesis.get_attitude_display() if synthesis.attitude else None,
        "intake_on": synthesis.intake_on.isoformat() if synthesis.intake_on else None,
        "intake_participants": synthesis.intake_participants,
        "entries": [
            {
                "sub_domain": {
                    "number": entry.domain.number,
                    "slug": entry.domain.slug,
                    "name": entry.domain.name,
                },
                "stage": entry.stage,
                "no_cooperation": entry.is_none,
                "components": [
                    {"slug": c.slug, "short_label": c.short_label, "label": c.label}
                    for c in entry.components.all()
                ],
                "label": entry.label,
                "way": entry.way,
                "typology": {d: _term(getattr(entry, d)) for d in GridEntry.TYPOLOGY},
                "possible": entry.possible or None,
                "obstacle_answer": entry.obstacle_answer or None,
                "obstacles": [
                    {
                        "types": [_term(t) for t in obstacle.types.all()],
                        "label": obstacle.label,
                        "text": obstacle.text,
                    }
                    for obstacle in entry.obstacles.all()
                ],
            }
            for entry in pair_entries(blocks)
        ],
    }


# --- the campaign's comparison --------------------------------------------------------------------


def short_dimension(dimension: str) -> str:
    """A typology dimension's short name, as the pages label an entry's typology."""
    return {
        "level": _("Level"),
        "place": _("Place"),
        "scale": _("Scale"),
        "formalisation": _("Formalisation"),
        "finality": _("Finality"),
    }[dimension]


def _domain_label(domain) -> str:
    return f"{domain.number}. {domain.name}"


def attitude_rows(result) -> list[tuple[str, str, int]]:
    """(code, label, pairs) per attitude: the page's (label, pairs) with the attitude's code."""
    codes = [value for value, _label in SynthesisTable.Attitude.choices]
    return [(c, label, n) for c, (label, n) in zip(codes, result.attitudes, strict=True)]


def comparison_tables(result) -> list[Table]:
    """Every table of the comparison page, in page order, with the page's rows and numbers."""
    domains, codes = result.domains, [d.slug for d in result.domains]
    labels = [_domain_label(d) for d in domains]
    stages = Table(
        name="stages",
        title=_("Number of pairs per sub-domain"),
        sheet=_("Pairs per sub-domain"),
        look=LOOK,
        header=[
            _("Sub-domain"),
            _("Current cooperation: cooperating"),
            _("Current cooperation: no cooperation"),
            _("Current cooperation: not answered"),
            _("Desirable cooperation: desired"),
            _("Desirable cooperation: no (further) cooperation desired"),
            _("Desirable cooperation: not answered"),
        ],
        codes=[
            "sub_domain",
            *(
                f"{s}.{c}"
                for s in ("current", "desirable")
                for c in ("cooperating", "none", "unanswered")
            ),
        ],
        row_codes=list(codes),
    )
    for domain, label in zip(domains, labels, strict=True):
        counts = result.stage_counts[domain.pk]
        stages.rows.append(
            [label]
            + [
                getattr(counts[s], c)
                for s in ("current", "desirable")
                for c in ("cooperating", "none", "unanswered")
            ]
        )
    tables = [stages]
    for dimension, label, values, table, totals in result.typology:
        typology = Table(
            name=f"typology-{dimension}",
            title=str(capfirst(label)),
            sheet=short_dimension(dimension),
            look=LOOK,
            header=[_("Sub-domain"), *(v.name for v in values), _("not recorded")],
            codes=["sub_domain", *(v.slug for v in values), "not_recorded"],
            row_codes=[*codes, "total"],
            totals=1,
        )
        for domain, row_label in zip(domains, labels, strict=True):
            counts = table.get(domain.pk) or {}
            typology.rows.append(
                [row_label, *(counts.get(v.slug, 0) for v in values), counts.get(None, 0)]
            )
        typology.rows.append(
            [_("All sub-domains"), *(totals.get(v.slug, 0) for v in values), totals.get(None, 0)]
        )
        tables.append(typology)
    obstacles = Table(
        name="obstacles",
        title=_("Number of pairs naming an obstacle of each type to desirable cooperation"),
        sheet=_("Obstacles"),
        look=LOOK,
        header=[_("Sub-domain"), *(t.name for t in result.obstacle_types)],
        codes=["sub_domain", *(t.slug for t in result.obstacle_types)],
        row_codes=list(codes),
    )
    for domain, label in zip(domains, labels, strict=True):
        counts = result.obstacles.get(domain.pk) or {}
        obstacles.rows.append([label, *(counts.get(t.slug, 0) for t in result.obstacle_types)])
    tables.append(obstacles)
    mapping = result.mapping.name if result.mapping else ""
    focus_codes = ["current_pairs", "desirable_pairs", "current_entries", "desirable_entries"]
    foci = Table(
        name="foci",
        title=_("Pairs and entries per focus (%(mapping)s)") % {"mapping": mapping},
        sheet=_("Foci"),
        look=LOOK,
        header=[
            _("Focus"),
            _("Pairs with current cooperation"),
            _("Pairs with desirable cooperation"),
            _("Current entries"),
            _("Desirable entries"),
        ],
        codes=["focus", *focus_codes],
        rows=[[label, *(counts[c] for c in focus_codes)] for _slug, label, counts in result.foci],
        row_codes=[slug for slug, _label, _counts in result.foci],
    )
    attitudes = Table(
        name="attitudes",
        title=_("Number of pairs per attitude towards cooperation"),
        sheet=_("Attitudes"),
        look=LOOK,
        header=[_("Attitude"), _("Pairs")],
        codes=["attitude", "pairs"],
        rows=[[str(capfirst(label)), n] for _code, label, n in attitude_rows(result)],
        row_codes=[code for code, _label, _n in attitude_rows(result)],
    )
    return [shaded_counts(t) for t in (*tables, foci, attitudes)]


def comparison_document(campaign, result, stage: str) -> dict:
    """The comparison with codes and names (grid-comparison.schema.json)."""

    def counts(counter, slugs) -> dict:
        counter = counter or {}
        return {slug: counter.get(slug, 0) for slug in slugs}

    obstacle_slugs = [t.slug for t in result.obstacle_types]
    typology = []
    for dimension, label, values, table, totals in result.typology:
        slugs = [v.slug for v in values]
        typology.append(
            {
                "dimension": dimension,
                "label": str(capfirst(label)),
                "values": [_term(v) for v in values],
                "rows": [
                    {
                        "sub_domain": d.slug,
                        "counts": counts(table.get(d.pk), slugs),
                        "not_recorded": (table.get(d.pk) or {}).get(None, 0),
                    }
                    for d in result.domains
                ],
                "totals": {"counts": counts(totals, slugs), "not_recorded": totals.get(None, 0)},
            }
        )
    return {
        "kind": "grid-comparison",
        "language": language(),
        "campaign": _campaign(campaign),
        "stage": stage,
        "mapping": _term(result.mapping),
        "pair_count": result.pair_count,
        "sub_domains": [
            {"number": d.number, "slug": d.slug, "name": d.name} for d in result.domains
        ],
        "stage_counts": [
            {
                "sub_domain": d.slug,
                **{
                    s: {
                        "cooperating": result.stage_counts[d.pk][s].cooperating,
                        "none": result.stage_counts[d.pk][s].none,
                        "unanswered": result.stage_counts[d.pk][s].unanswered,
                    }
                    for s in ("current", "desirable")
                },
            }
            for d in result.domains
        ],
        "typology": typology,
        "obstacle_types": [_term(t) for t in result.obstacle_types],
        "obstacles": [
            {"sub_domain": d.slug, "counts": counts(result.obstacles.get(d.pk), obstacle_slugs)}
            for d in result.domains
        ],
        "foci": [{"slug": slug, "name": label, **counts} for slug, label, counts in result.foci],
        "attitudes": [
            {"attitude": code, "label": str(capfirst(label)), "pairs": n}
            for code, label, n in attitude_rows(result)
        ],
    }


LONG_HEADER = ["table", "row_code", "row", "column_code", "column", "value"]


def long_rows(tables: list[Table]):
    """One CSV row per number of the page: which table, which row, which column, the value."""
    for table in tables:
        for code, row in zip(table.row_codes, table.rows, strict=True):
            for column, heading, value in zip(
                table.codes[1:], table.header[1:], row[1:], strict=True
            ):
                yield [table.name, code, row[0], column, heading, value]


# --- a factor matrix ------------------------------------------------------------------------------


def factor_tables(data, names: list[str], title: str) -> tuple[Table, Table]:
    """The matrix as `tandem factors` prints it (factor path, then a column per city by its
    REFNIS Dutch name, symbols as ASCII), and the explanations given with its values."""
    code = language()
    printed = factor_table(data, names, code)
    symbols = Table(
        name="matrix",
        title=title,
        sheet=_("Matrix"),
        look=LOOK,
        header=[_("Factor"), *names],
        codes=printed[0],
        rows=[list(r) for r in printed[1:]],
        row_codes=[path[-1].slug for _f, path, _p in data.rows],
    )
    explanations = Table(
        name="explanations",
        title=_("Explanations of the values"),
        sheet=_("Explanations"),
        look=LOOK,
        header=[_("Factor"), _("Pair"), _("Value"), _("Explanation")],
        codes=["factor", "pair", "value", "explanation"],
    )
    for factor_id, path, _printed in data.rows:
        for (pair_id, _heading), name in zip(data.columns, names, strict=True):
            value = data.cell(factor_id, pair_id)
            if value is not None and value.explanation:
                explanations.rows.append(
                    [factor_path(path, code), name, value.symbol, value.explanation]
                )
    return coloured_symbols(symbols), coloured_symbols(explanations)


def factor_document(campaign, matrix, data, headers: list) -> dict:
    """The matrix with the explanations (grid-factor-matrix.schema.json); `headers` are the
    visible columns' PairHeaders, named in Dutch as in the CSV."""
    code = language()
    return {
        "kind": "grid-factor-matrix",
        "language": code,
        "campaign": _campaign(campaign),
        "focus": _term(matrix.focus),
        "title": matrix.title,
        "held_on": matrix.held_on.isoformat() if matrix.held_on else None,
        "symbols": [
            {"symbol": value, "label": str(label)} for value, label in FactorValue.Symbol.choices
        ],
        "pairs": [{"code": h.code, "name": h.name} for h in headers],
        "factors": [
            {
                "slug": path[-1].slug,
                "path": [getattr(f, f"name_{code}", "") or f.name_nl for f in path],
                "printed": printed,
                "values": [
                    {
                        "pair": h.code,
                        "symbol": (value.symbol or None) if value else None,
                        "explanation": value.explanation if value else "",
                    }
                    for h in headers
                    for value in [data.cell(factor_id, h.key)]
                ],
            }
            for factor_id, path, printed in data.rows
        ],
    }


# --- responses ------------------------------------------------------------------------------------


def pair_response(fmt, campaign, participation, name, synthesis, blocks):
    base = f"{campaign.slug}-{participation.pair.municipality.refnis}-grid"
    if fmt == "json":
        document = pair_document(campaign, participation, name, synthesis, blocks)
        return json_download(document, f"{base}.json")
    title = _("Synthesis table of %(name)s") % {"name": name} + f" · {campaign.name}"
    table = pair_table(blocks, title)
    if fmt == "csv":
        return streamed_csv(table.codes, table.rows, f"{base}.csv")
    return xlsx_download(xlsx_bytes(tables=[table]), f"{base}.xlsx")


def comparison_response(fmt, campaign, result, stage):
    base = f"{campaign.slug}-grid-comparison-{stage}"
    if result.mapping is not None:
        base += f"-{result.mapping.slug}"
    if fmt == "json":
        return json_download(comparison_document(campaign, result, stage), f"{base}.json")
    tables = comparison_tables(result)
    if fmt == "csv":
        return streamed_csv(LONG_HEADER, long_rows(tables), f"{base}.csv")
    return xlsx_download(xlsx_bytes(tables=tables), f"{base}.xlsx")


def factor_response(fmt, campaign, matrix, data, headers):
    """`data` holds the visible columns only; `headers` name them (in Dutch)."""
    base = f"{campaign.slug}-factors-{matrix.focus.slug}"
    if fmt == "json":
        return json_download(factor_document(campaign, matrix, data, headers), f"{base}.json")
    title = f"{_('Explanatory factors')}: {matrix.focus.name} · {campaign.name}"
    symbols, explanations = factor_tables(data, [h.name for h in headers], title)
    if fmt == "csv":
        # Exactly what `tandem factors --format csv` prints; a spreadsheet would calculate
        # + - +/-, so they get the apostrophe like any text that starts as a formula.
        return csv_verbatim(csv_text([symbols.codes, *symbols.rows]), f"{base}.csv")
    content = xlsx_bytes(tables=[symbols, explanations], legend=legend())
    return xlsx_download(content, f"{base}.xlsx")

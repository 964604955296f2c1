"""Printable PDFs of the grid: a pair's whole grid (synthesis table, peer practice for what it
desires, factor profile) and a campaign's matrices (the comparison's tables and every factor
matrix), from the templates under grid/print/, rendered as tagged PDF by tandem.formats.pdf.

The callers pass the pairs the user may read (queries.readable_pairs); every read here is
limited to them."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language

from tandem.analysis import grid as analysis
from tandem.catalogue.cache import domains_of
from tandem.catalogue.models import Aspect
from tandem.formats.pdf import html_to_pdf
from tandem.formats.tables import HEX_COLOUR, Style, Table
from tandem.places.naming import municipality_name, pair_name

from .exports import comparison_tables, short_dimension
from .models import FactorColumn, FactorRow, GridEntry, SynthesisTable
from .pages import TYPOLOGY_FIELDS, PeerEntry, PeerPractice, factor_profile, synthesis_blocks
from .queries import PairHeader
from .sheets import SYMBOL_CLASSES, SYMBOL_COLOURS


@dataclass
class PrintedTable:
    """A Table as the print template draws it: body and totals rows of (value, paint class);
    `paints` gives each class its colours. A class, not a style attribute: the study report is
    also shown in the browser, whose CSP allows the document's own <style> and no inline style."""

    title: str
    header: list[str]
    body: list[tuple[str, list]]
    totals: list[tuple[str, list]]
    paints: dict[str, tuple[str, str]]  # class → (fill, ink)


def _paint(style: Style | None) -> tuple[str, str, str] | None:
    """(class, fill, ink) of a filled cell; a colour that is not #rrggbb paints nothing."""
    if style is None or not style.fill:
        return None
    ink = style.ink or "#000000"
    if not (HEX_COLOUR.match(style.fill) and HEX_COLOUR.match(ink)):
        return None
    return f"paint-{style.fill[1:].lower()}-{ink[1:].lower()}", style.fill, ink


def printable(table: Table) -> PrintedTable:
    paints: dict[str, tuple[str, str]] = {}
    rows = []
    for r, row in enumerate(table.rows):
        cells = []
        for c, value in enumerate(row[1:], start=1):
            paint = _paint(table.style(r, c))
            if paint:
                paints[paint[0]] = paint[1:]
            cells.append((value, paint[0] if paint else ""))
        rows.append((row[0], cells))
    cut = len(table.body)
    return PrintedTable(table.title, table.header, rows[:cut], rows[cut:], paints)


def paint_styles(tables: Iterable[PrintedTable]) -> list[tuple[str, str, str]]:
    """(class, fill, ink) of every paint the tables use, for the print stylesheet."""
    paints: dict[str, tuple[str, str]] = {}
    for table in tables:
        paints.update(table.paints)
    return [(name, fill, ink) for name, (fill, ink) in sorted(paints.items())]


def _header(pair) -> PairHeader:
    return PairHeader(pair.pk, pair_name(pair), pair.municipality.refnis)


def desired_peer_practice(campaign, participation, blocks, readable) -> dict:
    """Sub-domain id → for each component the pair desires there, the other readable pairs
    that cooperate on it now and how: the page's peer practice (analysis.peer_practice) for
    every sub-domain at once, in two queries."""
    wanted = {}
    for block in blocks:
        seen = {c.pk: c for e in block.desirable for c in e.components.all()}
        if seen:
            wanted[block.domain.pk] = sorted(seen.values(), key=lambda c: c.order)
    if not wanted:
        return {}
    peers = (
        GridEntry.objects.filter(
            table__participation__campaign=campaign,
            table__participation__pair__in=readable.values("pk"),
            stage=GridEntry.Stage.CURRENT,
            is_none=False,
            components__in=[c.pk for components in wanted.values() for c in components],
        )
        .exclude(table__participation=participation)
        .distinct()
        .select_related("table__participation__pair__municipality__region", *TYPOLOGY_FIELDS)
        .prefetch_related(Prefetch("components", queryset=Aspect.objects.only("pk")))
    )
    entries, rows = {}, []
    for entry in peers:
        entries[entry.pk] = entry
        rows.append(
            analysis.EntryRow(
                key=entry.pk,
                pair=entry.table.participation.pair_id,
                domain=entry.domain_id,
                stage=entry.stage,
                is_none=entry.is_none,
                components=tuple(c.pk for c in entry.components.all()),
            )
        )
    practice = {}
    for domain_id, components in wanted.items():
        items = []
        for component in components:
            found = analysis.peer_practice(rows, component.pk, participation.pair_id)
            listed = []
            for pair_rows in found.values():
                shown = [entries[r.key] for r in pair_rows if r.domain == domain_id]
                if not shown:
                    continue
                listed.append(
                    (
                        _header(shown[0].table.participation.pair),
                        [
                            PeerEntry(
                                e.label,
                                e.way,
                                [
                                    (short_dimension(d), getattr(e, d).name)
                                    for d in TYPOLOGY_FIELDS
                                    if getattr(e, d) is not None
                                ],
                            )
                            for e in shown
                        ],
                    )
                )
            listed.sort(key=lambda item: item[0].name)
            items.append(PeerPractice(component, True, listed))
        practice[domain_id] = items
    return practice


@dataclass
class PrintedMatrix:
    """A factor matrix as printed: the visible columns and per factor its path and symbols."""

    matrix: object
    columns: list = field(default_factory=list)  # PairHeader
    rows: list = field(default_factory=list)  # (factor path, [symbol or ""])


def campaign_matrices(campaign, readable) -> list[PrintedMatrix]:
    """Every factor matrix of the campaign that has factors, with the columns of the readable
    pairs, in two queries whatever the number of matrices, factors or pairs."""
    matrices, factors = {}, defaultdict(list)
    for row in (
        FactorRow.objects.filter(matrix__campaign=campaign)
        .select_related("matrix__focus", "factor__parent__parent")
        .order_by("matrix__focus__order", "matrix_id", "order")
    ):
        matrices.setdefault(row.matrix_id, PrintedMatrix(row.matrix))
        path, factor = [], row.factor
        while factor is not None:
            path.insert(0, factor)
            factor = factor.parent
        factors[row.matrix_id].append((row.pk, path))
    # A column with its values (a left join: a column without values still comes once).
    columns, symbols = defaultdict(dict), {}
    for column_id, matrix_id, pair_id, refnis, nl, fr, region, row_id, symbol in (
        FactorColumn.objects.filter(
            matrix__campaign=campaign, participation__pair__in=readable.values("pk")
        )
        .order_by("matrix_id", "order")
        .values_list(
            "pk",
            "matrix_id",
            "participation__pair_id",
            "participation__pair__municipality__refnis",
            "participation__pair__municipality__name_nl",
            "participation__pair__municipality__name_fr",
            "participation__pair__municipality__region__refnis",
            "values__row_id",
            "values__symbol",
        )
    ):
        columns[matrix_id].setdefault(
            column_id, PairHeader(pair_id, municipality_name(nl, fr, region), refnis)
        )
        if row_id is not None:
            symbols[(row_id, column_id)] = symbol
    for matrix_id, printed in matrices.items():
        visible = list(columns[matrix_id].items())
        printed.columns = [header for _column, header in visible]
        printed.rows = [
            (path, [symbols.get((row_id, column_id), "") for column_id, _header in visible])
            for row_id, path in factors[matrix_id]
        ]
    return list(matrices.values())


def symbol_styles() -> list[tuple[str, str, str]]:
    """(class, fill, text colour) per factor symbol, for the print stylesheet."""
    return [(SYMBOL_CLASSES[s], *SYMBOL_COLOURS[s]) for s in SYMBOL_COLOURS]


def html_document(template: str, context: dict, page_size: str = "A4") -> str:
    """A standalone HTML document (WeasyPrint's input) in the active language."""
    context = {
        **context,
        "page_size": page_size,
        "language": (get_language() or "nl")[:2],
        "symbols": symbol_styles(),
        "symbol_classes": SYMBOL_CLASSES,
    }
    return render_to_string(f"grid/print/{template}", context)


def pair_document(campaign, participation, readable) -> str:
    """The pair's synthesis table with typology and obstacles, per sub-domain the peer practice
    for the components it desires, and its factor profile."""
    blocks = synthesis_blocks(participation, domains_of(campaign.framework_id))
    practice = desired_peer_practice(campaign, participation, blocks, readable)
    context = {
        "campaign": campaign,
        "pair": participation.pair,
        "name": pair_name(participation.pair),
        "table": SynthesisTable.objects.filter(participation=participation).first(),
        "sections": [(block, practice.get(block.domain.pk, [])) for block in blocks],
        "profile": factor_profile(participation),
    }
    return html_document("pair.html", context)


def matrices_document(campaign, readable, result, stage: str) -> str:
    """The comparison's tables (as the page and the XLSX) and every factor matrix."""
    tables = [printable(t) for t in comparison_tables(result)]
    context = {
        "campaign": campaign,
        "result": result,
        "stage_label": GridEntry.Stage(stage).label,
        "tables": tables,
        "paints": paint_styles(tables),
        "matrices": campaign_matrices(campaign, readable),
    }
    return html_document("matrices.html", context, page_size="A4 landscape")


def pdf_response(html: str, filename: str) -> HttpResponse:
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

"""A grid campaign's study report as plain data (issue 17.6; seed 000's structure): the cover, the
method with the synthesis tables' feedback, the comparison's counts (pairs per sub-domain, the
typology of current cooperation, obstacles, foci, attitudes), per sub-domain what every pair
cooperates on now, desires, deems possible and what stands in the way (S000 §5.1) beside the
coordinator's reading, the three focus groups' factor matrices with their reading (S000 §5.2),
the conclusions and recommendations (S000 §6), and an annex with each pair's synthesis table
(S000 Bijlage 6). The HTML, PDF and DOCX renderers lay it out."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.analysis.matrix import name_sort_key
from tandem.campaigns.models import Campaign, StudyText
from tandem.catalogue.cache import domains_of
from tandem.core.history import Actor
from tandem.grid.exports import comparison_tables, obstacle_text
from tandem.grid.models import FactorValue, GridEntry, SynthesisTable
from tandem.grid.pages import SHORT_DIMENSIONS, DomainBlock, comparison, entries_of
from tandem.grid.prints import PrintedMatrix, PrintedTable, campaign_matrices, printable
from tandem.grid.queries import readable_pairs
from tandem.grid.tables import factor_path
from tandem.places.naming import pair_name

from ..blocks import Block, text_blocks
from ..docx_base import colon


@dataclass(frozen=True)
class PairLine:
    """One pair in one sub-domain: its entries as the synthesis table names them."""

    pair: str
    current: list[str]
    desirable: list[str]
    possible: list[str]  # per desirable entry that says
    obstacles: list[str]

    @property
    def answered(self) -> bool:
        return bool(self.current or self.desirable)


@dataclass
class GridStudyDomain:
    number: int
    name: str
    lines: list[PairLine]
    cooperating: int  # pairs with current cooperation
    desiring: int  # pairs naming desirable (further) cooperation
    texts: dict[str, list[Block]] = field(default_factory=dict)


@dataclass(frozen=True)
class Explanation:
    """Why a pair's cell of a factor matrix holds its symbol, as the focus group said."""

    factor: str  # the factor's path
    pair: str
    symbol: str
    text: str


@dataclass
class GridStudyMatrix:
    printed: PrintedMatrix
    explanations: list[Explanation]
    texts: list[Block]  # the coordinator's reading of the matrix


@dataclass(frozen=True)
class AnnexRow:
    """One entry of a pair's synthesis table, as Bijlage 6 prints it."""

    domain: str  # "1. Financiële planning"
    stage: str
    named: str
    way: str
    typology: str
    possible: str
    obstacles: str


@dataclass(frozen=True)
class GridAnnex:
    pair: str
    attitude: str
    status: str
    rows: list[AnnexRow]


@dataclass
class GridStudyReport:
    language: str
    campaign: str
    year: int
    pairs: int
    feedback: list[tuple[str, int]]  # the synthesis tables per feedback state
    entries: dict[str, int]  # entries per stage
    parts: dict[str, list[Block]]  # introduction, method, conclusions, recommendations
    counts: list[PrintedTable]  # the comparison's tables
    domains: list[GridStudyDomain]
    matrices: list[GridStudyMatrix]
    annex: list[GridAnnex]
    with_annex: bool
    made_on: date
    is_grid: bool = True  # the templates tell the two kinds of report apart


def _label(entry) -> str:
    return entry.label or (
        _("No (further) cooperation") if entry.is_none else _("(component not named)")
    )


def _named(entry) -> str:
    """The entry as the synthesis table names it, with the catalogue's components after where
    they say something the name does not."""
    label = _label(entry)
    components = ", ".join(c.short_label for c in entry.components.all())
    if entry.is_none or not components or components.casefold() == label.casefold():
        return label
    return f"{label} ({components})"


def _explanations(campaign, readable, language: str) -> dict[int, list[Explanation]]:
    """Matrix id → the explanations of its readable cells, in the matrix's row and column order."""
    found = defaultdict(list)
    values = (
        FactorValue.objects.filter(
            row__matrix__campaign=campaign,
            column__participation__pair__in=readable.values("pk"),
        )
        .exclude(explanation="")
        .select_related(
            "row__factor__parent__parent", "column__participation__pair__municipality__region"
        )
        .order_by("row__matrix_id", "row__order", "column__order")
    )
    for value in values:
        path, factor = [], value.row.factor
        while factor is not None:
            path.insert(0, factor)
            factor = factor.parent
        found[value.row.matrix_id].append(
            Explanation(
                factor=factor_path(path, language),
                pair=pair_name(value.column.participation.pair),
                symbol=value.symbol,
                text=value.explanation,
            )
        )
    return found


def _typology(entry) -> str:
    return "; ".join(
        f"{SHORT_DIMENSIONS[d]}{colon()} {getattr(entry, d).name}"
        for d in GridEntry.TYPOLOGY
        if getattr(entry, d) is not None
    )


def _annex_rows(blocks: list[DomainBlock]) -> list[AnnexRow]:
    return [
        AnnexRow(
            domain=f"{block.domain.number}. {block.domain.name}",
            stage=entry.get_stage_display(),
            named=_named(entry),
            way=entry.way,
            typology=_typology(entry),
            possible=entry.get_possible_display(),
            obstacles="\n".join(obstacle_text(o) for o in entry.obstacles.all())
            or entry.get_obstacle_answer_display(),
        )
        for block in blocks
        for entry in (*block.current, *block.desirable)
    ]


def _pair_lines(domain, by_pair: dict, names: dict[int, str]) -> list[PairLine]:
    lines = []
    for pk, name in sorted(names.items(), key=lambda item: name_sort_key(item[1])):
        block: DomainBlock = by_pair[pk].get(domain.pk) or DomainBlock(domain)
        desirable = [e for e in block.desirable if not e.is_none]
        lines.append(
            PairLine(
                pair=name,
                current=[_named(e) for e in block.current],
                desirable=[_named(e) for e in block.desirable],
                possible=[e.get_possible_display() for e in desirable if e.possible],
                obstacles=[obstacle_text(o) for e in desirable for o in e.obstacles.all()],
            )
        )
    return lines


def assemble_grid(
    campaign: Campaign, language: str, user: Actor, *, annex: bool = True
) -> GridStudyReport:
    """The report as `user` may read it (the campaign's coordinators: every pair); call inside
    translation.override(language)."""
    readable = readable_pairs(user, campaign)
    texts: dict[tuple[int | None, int | None, str], list[Block]] = {
        (t.domain_id, t.focus_id, t.part): text_blocks(t.text)
        for t in StudyText.objects.filter(campaign=campaign, language=language)
        if t.text
    }
    domains = domains_of(campaign.framework_id)
    tables = {
        t.participation.pair_id: t
        for t in SynthesisTable.objects.filter(
            participation__campaign=campaign, participation__pair__in=readable.values("pk")
        ).select_related("participation__pair__municipality__region")
    }
    # Every readable pair has its line, a pair without a table too ("not answered").
    names = {p.pk: pair_name(p) for p in readable.select_related("municipality__region")}
    by_pair: dict[int, dict[int, DomainBlock]] = {pk: {} for pk in names}
    # Every entry of the readable pairs, once: per pair and sub-domain, current then desirable.
    entries = entries_of(
        GridEntry.objects.filter(table__in=[t.pk for t in tables.values()]).select_related(
            "table__participation"
        )
    )
    stages: dict[str, int] = defaultdict(int)
    domain_of = {d.pk: d for d in domains}
    for entry in entries:
        blocks = by_pair[entry.table.participation.pair_id]
        block = blocks.setdefault(entry.domain_id, DomainBlock(domain_of[entry.domain_id]))
        getattr(block, entry.stage).append(entry)
        if not entry.is_none:
            stages[entry.stage] += 1
    result = comparison(campaign, readable, None, GridEntry.Stage.CURRENT)
    counts = result.stage_counts
    study_domains = [
        GridStudyDomain(
            number=d.number,
            name=d.name,
            lines=_pair_lines(d, by_pair, names),
            cooperating=counts[d.pk]["current"].cooperating,
            desiring=counts[d.pk]["desirable"].cooperating,
            texts={p: texts.get((d.pk, None, p), []) for p in StudyText.GRID_DOMAIN_PARTS},
        )
        for d in domains
    ]
    explained = _explanations(campaign, readable, language)
    matrices = [
        GridStudyMatrix(
            printed,
            explained.get(printed.matrix.pk, []),
            texts.get((None, printed.matrix.focus_id, "factors"), []),
        )
        for printed in campaign_matrices(campaign, readable)
    ]
    states: dict[str, int] = defaultdict(int)
    for table in tables.values():
        states[table.status] += 1
    annexes = []
    if annex:
        for pk, table in sorted(tables.items(), key=lambda item: name_sort_key(names[item[0]])):
            blocks = [by_pair[pk].get(d.pk) or DomainBlock(d) for d in domains]
            annexes.append(
                GridAnnex(
                    pair=names[pk],
                    attitude=table.get_attitude_display() or _("not recorded"),
                    status=table.get_status_display(),
                    rows=_annex_rows(blocks),
                )
            )
    return GridStudyReport(
        language=language,
        campaign=campaign.name,
        year=campaign.year,
        pairs=len(names),
        feedback=[(label, states.get(value, 0)) for value, label in SynthesisTable.Status.choices],
        entries={
            "current": stages.get(GridEntry.Stage.CURRENT, 0),
            "desirable": stages.get(GridEntry.Stage.DESIRABLE, 0),
        },
        parts={p: texts.get((None, None, p), []) for p in StudyText.STUDY_PARTS},
        counts=[printable(t) for t in comparison_tables(result)],
        domains=study_domains,
        matrices=matrices,
        annex=annexes,
        with_annex=annex,
        made_on=timezone.localdate(),
    )

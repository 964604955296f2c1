"""Everything the annual report says, read from the register once, as plain data that the HTML,
PDF and DOCX renderers lay out. Activate the report's language before calling `assemble`."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tandem.catalogue.models import SynergyDomain
from tandem.formats.belgian import format_date
from tandem.places.models import Pair
from tandem.reports.blocks import Block, text_blocks
from tandem.synergies.models import (
    ApprovedReport,
    Measure,
    Meeting,
    RegisterDocument,
    ReportEdition,
    Synergy,
)
from tandem.synergies.savings import FIGURES, SavingsLine, savings_table
from tandem.trajectory.pages import dossier_lines
from tandem.trajectory.queries import trajectory_of

from .texts import LegalBasis, legal_basis

LISTED_STATUSES = (Synergy.Status.EXISTING, Synergy.Status.IN_PROGRESS, Synergy.Status.REALISED)


@dataclass(frozen=True)
class Written:
    """A text as the pair wrote it, with its language: a French report may show a line that
    exists only in Dutch, and says so (lang attribute, DOCX language)."""

    text: str
    lang: str


@dataclass
class Line:
    title: Written
    description: Written | None = None
    new: bool = False  # started in the reviewed year: italics
    note: str = ""  # partners, or the year a later measure starts


@dataclass
class Group:
    name: str  # a sub-theme's name, or "" for the domain's own lines
    lines: list[Line] = field(default_factory=list)


@dataclass
class DomainSection:
    number: str
    name: str
    groups: list[Group] = field(default_factory=list)

    @property
    def lines(self):
        return [line for group in self.groups for line in group.lines]


@dataclass
class MeetingEntry:
    heading: str
    kind: str
    day: date
    lang: str
    participants: str
    agenda: list[Block]
    decisions: list[Block]
    minutes: list[str]


@dataclass
class Approval:
    body: str
    decision_date: str
    reference: str
    number: int


@dataclass(frozen=True)
class DossierEntry:
    """One product dossier of "samenwerken, tenzij…" (issue 18.5) as the report lists it."""

    name: str
    cooperates: bool
    motivation: str
    decided_on: str


@dataclass
class SynergyReport:
    language: str
    year: int
    reviewed_year: int
    refnis: str
    pair_name: str
    municipality_name: str
    basis: LegalBasis
    introduction: list[Block]
    introduction_lang: str
    period: tuple[date, date]
    steering_dates: list[str]
    coordination: list[tuple[str, str]]  # (heading, its language)
    meetings: list[MeetingEntry]
    synergies: list[DomainSection]
    savings: list[SavingsLine]
    savings_total: SavingsLine
    measures: list[DomainSection]
    annex: list[tuple[str, str, list[str]]]  # (meeting heading, its language, file names)
    approval: Approval | None = None
    # The trajectory's "we cooperate, unless…" decisions; the section is left out without any.
    dossiers: list[DossierEntry] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.basis.title

    @property
    def subtitle(self) -> str:
        return _("%(pair)s — attached to the budget %(year)s") % {
            "pair": self.pair_name,
            "year": self.year,
        }

    @property
    def synergy_count(self) -> int:
        return sum(len(section.lines) for section in self.synergies)


def meeting_period(pair: Pair, year: int, edition: ReportEdition | None) -> tuple[date, date]:
    """By default from 1 April of the reviewed year to 31 March of the budget year, so that
    consecutive reports follow each other without gap or overlap; an edition may set either end."""
    start = (edition and edition.meetings_from) or date(year - 1, 4, 1)
    end = (edition and edition.meetings_until) or date(year, 3, 31)
    return start, end


def _written(record, name: str, language: str) -> Written | None:
    text, lang = record.text(name, language)
    return Written(text, lang) if text else None


def _sections(records, make_line, number_prefix: int) -> list[DomainSection]:
    """Group lines by report domain (a sub-theme under its parent), in the catalogue's order."""
    by_domain: dict[int, tuple[SynergyDomain, dict[int, tuple[SynergyDomain, list]]]] = {}
    for record in records:
        heading = record.domain.heading
        _, groups = by_domain.setdefault(heading.pk, (heading, {}))
        theme = record.domain if record.domain.parent_id else None
        key = theme.order if theme else 0
        groups.setdefault(key, (theme, []))[1].append(make_line(record))
    sections = []
    ordered = sorted(by_domain.values(), key=lambda entry: entry[0].order)
    for index, (heading, groups) in enumerate(ordered, start=1):
        section = DomainSection(f"{number_prefix}.{index}", heading.name)
        for key in sorted(groups):
            theme, lines = groups[key]
            section.groups.append(Group(theme.name if theme else "", lines))
        sections.append(section)
    return sections


def _meeting_heading(meeting: Meeting, language: str) -> tuple[str, str]:
    title, lang = meeting.text("title", language)
    return f"{title}, {format_date(meeting.date)}", lang


def assemble(pair: Pair, year: int, language: str, approval: Approval | None = None):
    """The report of `pair` for budget `year` (it reviews year - 1) in `language`."""
    reviewed = year - 1
    edition = ReportEdition.objects.filter(pair=pair, year=year).first()
    start, end = meeting_period(pair, year, edition)
    municipality = pair.municipality
    meetings = list(Meeting.objects.filter(pair=pair, date__range=(start, end)).order_by("date"))
    minutes: dict[int, list[str]] = {}
    for document in RegisterDocument.objects.filter(meeting__in=meetings).order_by("uploaded_at"):
        minutes.setdefault(document.meeting_id, []).append(document.original_name)

    entries = []
    for meeting in meetings:
        heading, lang = _meeting_heading(meeting, language)
        decisions = _written(meeting, "decisions", language)
        agenda = _written(meeting, "agenda", language)
        entries.append(
            MeetingEntry(
                heading=heading,
                kind=meeting.kind,
                day=meeting.date,
                lang=lang,
                participants=meeting.participants,
                agenda=text_blocks(agenda.text) if agenda else [],
                decisions=text_blocks(decisions.text) if decisions else [],
                minutes=minutes.get(meeting.pk, []),
            )
        )

    synergies = (
        Synergy.objects.filter(pair=pair, status__in=LISTED_STATUSES)
        .exclude(start_year__gt=reviewed)
        .select_related("domain__parent")
        .order_by("domain__order", "order", "pk")
    )
    synergies = list(synergies)

    def synergy_line(synergy: Synergy) -> Line:
        return Line(
            title=_written(synergy, "title", language),
            description=_written(synergy, "description", language),
            new=synergy.start_year == reviewed,
        )

    measures = (
        Measure.objects.filter(pair=pair, year__gte=year)
        .exclude(status=Measure.Status.DROPPED)
        .select_related("domain__parent")
        .order_by("domain__order", "order", "pk")
    )

    def measure_line(measure: Measure) -> Line:
        note = ""
        if measure.year > year:
            note = _("from %(year)s") % {"year": measure.year}
        if measure.deadline:
            deadline = _("deadline %(date)s") % {"date": format_date(measure.deadline)}
            note = f"{note}, {deadline}" if note else deadline
        return Line(
            title=_written(measure, "title", language),
            description=_written(measure, "description", language),
            note=note,
        )

    savings_rows = [
        (s.domain.heading.name, {name: getattr(s, name) for name in FIGURES}) for s in synergies
    ]
    savings, total = savings_table(savings_rows, pgettext("savings", "Total"))
    introduction = _written(edition, "introduction", language) if edition else None
    return SynergyReport(
        language=language,
        year=year,
        reviewed_year=reviewed,
        refnis=municipality.refnis,
        pair_name=_("Municipality and OCMW of %(name)s") % {"name": municipality.name},
        municipality_name=municipality.name,
        basis=legal_basis(municipality.region.refnis),
        introduction=text_blocks(introduction.text) if introduction else [],
        introduction_lang=introduction.lang if introduction else language,
        period=(start, end),
        steering_dates=[
            format_date(m.date) for m in meetings if m.kind == Meeting.Kind.STEERING_GROUP
        ],
        coordination=[
            _meeting_heading(m, language) for m in meetings if m.kind == Meeting.Kind.COORDINATION
        ],
        meetings=entries,
        synergies=_sections(synergies, synergy_line, 3),
        savings=savings,
        savings_total=total,
        measures=_sections(list(measures), measure_line, 5),
        annex=[(entry.heading, entry.lang, entry.minutes) for entry in entries],
        approval=approval,
        dossiers=_dossiers(pair),
    )


def _dossiers(pair: Pair) -> list[DossierEntry]:
    """Every product dossier once the pair recorded a decision on one: the listed dossiers
    without a decision cooperate by default."""
    trajectory = trajectory_of(pair)
    if trajectory is None or not trajectory.dossiers.exists():
        return []
    return [
        DossierEntry(
            name=line.name,
            cooperates=line.decision.cooperates if line.decision else True,
            motivation=line.decision.motivation if line.decision else "",
            decided_on=format_date(line.decision.decided_on) if line.decision else "",
        )
        for line in dossier_lines(trajectory, timezone.localdate())
    ]


def approval_of(report: ApprovedReport) -> Approval:
    return Approval(
        body=report.get_body_display(),
        decision_date=format_date(report.decision_date),
        reference=report.decision_reference,
        number=report.number,
    )

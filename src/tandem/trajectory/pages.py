"""What Tandem already knows of a pair when its organisation scan starts (issue 18.1): per domain
of its latest readable inventory the degree, the wishes and the obstacles; per sub-domain of its
latest readable grid the current and desirable cooperation and the obstacles; its register; its
governance facts. Each only as far as the reader may read it (the same scoping as the pages it
comes from)."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from tandem.accounts.scoping import register_pairs
from tandem.campaigns.findings import domain_answers
from tandem.campaigns.models import Campaign
from tandem.campaigns.scoping import campaign_pairs_for, campaigns_for
from tandem.catalogue.cache import domains_of
from tandem.catalogue.models import ProductDossier
from tandem.grid.models import GridEntry, GridObstacle
from tandem.grid.queries import readable_pairs
from tandem.places.filters import PairFilter
from tandem.places.models import GovernanceStatement, Pair
from tandem.synergies.models import Measure, Synergy

from .models import Action, DossierDecision, Interview, Perspective, Phase, Trajectory


@dataclass(frozen=True)
class InventoryLine:
    domain: str
    answered: int  # aspects with a degree
    cooperating: int  # degree 1 or 2
    formal: int  # degree 2
    wished: int  # (more or formal) cooperation wished
    obstacles: int  # formal cooperation with obstacles named


@dataclass(frozen=True)
class GridLine:
    domain: str
    current: int
    desirable: int
    obstacles: int


@dataclass(frozen=True)
class GovernanceLine:
    question: str
    answer: bool
    valid_from: object


@dataclass
class StartingFacts:
    inventory_campaign: Campaign | None = None
    inventory: list[InventoryLine] = field(default_factory=list)
    grid_campaign: Campaign | None = None
    grid: list[GridLine] = field(default_factory=list)
    reads_register: bool = False
    synergies: list[tuple[str, int]] = field(default_factory=list)  # (status, count)
    measures: int = 0
    governance: list[GovernanceLine] = field(default_factory=list)


def _latest(user, pair: Pair, *, grid: bool) -> Campaign | None:
    campaigns = (
        campaigns_for(user)
        .filter(participations__pair=pair)
        .select_related("framework")
        .order_by("-year", "-pk")
    )
    for campaign in campaigns:
        if campaign.is_grid != grid:
            continue
        readable = readable_pairs(user, campaign) if grid else campaign_pairs_for(user, campaign)
        if readable.filter(pk=pair.pk).exists():
            return campaign
    return None


def _inventory(user, campaign: Campaign, pair: Pair) -> list[InventoryLine]:
    only_the_pair = PairFilter(codes=(pair.municipality.refnis,))
    lines = []
    for domain in domains_of(campaign.framework_id):
        found = domain_answers(
            user=user, campaign=campaign, domain=domain, pair_filter=only_the_pair
        )
        degrees = [a.degree for a in found.answers if a.degree is not None]
        lines.append(
            InventoryLine(
                domain=f"{domain.number}. {domain.name}",
                answered=len(degrees),
                cooperating=sum(1 for d in degrees if d >= 1),
                formal=sum(1 for d in degrees if d == 2),
                wished=sum(
                    1
                    for a in found.answers
                    if (a.degree == 0 and a.desirable) or (a.degree == 1 and a.formal_desirable)
                ),
                obstacles=sum(
                    1
                    for a in found.answers
                    if a.degree == 2 and (a.obstacle_types or a.obstacles.strip())
                ),
            )
        )
    return lines


def _grid(campaign: Campaign, pair: Pair) -> list[GridLine]:
    entries = GridEntry.objects.filter(
        table__participation__campaign=campaign, table__participation__pair=pair, is_none=False
    )
    counts = {
        row["domain_id"]: row
        for row in entries.values("domain_id").annotate(
            current=Count("pk", filter=Q(stage=GridEntry.Stage.CURRENT)),
            desirable=Count("pk", filter=Q(stage=GridEntry.Stage.DESIRABLE)),
        )
    }
    obstacles = dict(
        GridObstacle.objects.filter(entry__in=entries)
        .values("entry__domain_id")
        .annotate(n=Count("pk"))
        .values_list("entry__domain_id", "n")
    )
    return [
        GridLine(
            domain=f"{domain.number}. {domain.name}",
            current=counts.get(domain.pk, {}).get("current", 0),
            desirable=counts.get(domain.pk, {}).get("desirable", 0),
            obstacles=obstacles.get(domain.pk, 0),
        )
        for domain in domains_of(campaign.framework_id)
    ]


def _governance(pair: Pair) -> list[GovernanceLine]:
    """The latest statement per question (the profile of today)."""
    latest: dict[str, GovernanceStatement] = {}
    for statement in pair.governance_statements.order_by("question", "-valid_from"):
        latest.setdefault(statement.question, statement)
    return [
        GovernanceLine(s.get_question_display(), s.answer, s.valid_from) for s in latest.values()
    ]


def starting_facts(*, user, pair: Pair) -> StartingFacts:
    facts = StartingFacts()
    facts.inventory_campaign = _latest(user, pair, grid=False)
    if facts.inventory_campaign is not None:
        facts.inventory = _inventory(user, facts.inventory_campaign, pair)
    facts.grid_campaign = _latest(user, pair, grid=True)
    if facts.grid_campaign is not None:
        facts.grid = _grid(facts.grid_campaign, pair)
    facts.reads_register = register_pairs(user).filter(pk=pair.pk).exists()
    if facts.reads_register:
        by_status = dict(
            Synergy.objects.filter(pair=pair)
            .values("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        facts.synergies = [
            (str(label), by_status[value])
            for value, label in Synergy.Status.choices
            if by_status.get(value)
        ]
        facts.measures = Measure.objects.filter(pair=pair).count()
    facts.governance = _governance(pair)
    return facts


@dataclass(frozen=True)
class PerspectiveScan:
    """One perspective of the scan: the pair's picture and the interviews that speak to it."""

    perspective: Perspective
    label: str
    text: str
    interviews: list[Interview]


def scan_perspectives(trajectory: Trajectory | None) -> list[PerspectiveScan]:
    if trajectory is None:
        return [
            PerspectiveScan(p, str(p.label), "", [])
            for p in Perspective
            if p != Perspective.PATRIMONY
        ]
    pictures = {p.perspective: p.text for p in trajectory.pictures.all()}
    interviews = list(trajectory.interviews.all())
    return [
        PerspectiveScan(
            perspective,
            str(perspective.label),
            pictures.get(perspective.value, ""),
            [i for i in interviews if perspective.value in i.perspectives],
        )
        for perspective in trajectory.perspectives
    ]


@dataclass(frozen=True)
class DossierLine:
    """One product dossier of "samenwerken, tenzij…": its decision, or the default."""

    name: str
    slug: str  # "" for a dossier of the pair's own
    decision: DossierDecision | None
    review_due: bool


def dossier_lines(trajectory: Trajectory | None, today) -> list[DossierLine]:
    """Every listed dossier (cooperating by default until a decision says otherwise), then the
    pair's own dossiers."""
    decisions = list(trajectory.dossiers.select_related("dossier")) if trajectory else []
    by_dossier = {d.dossier_id: d for d in decisions if d.dossier_id is not None}
    lines = [
        DossierLine(
            str(dossier.name),
            dossier.slug,
            by_dossier.get(dossier.pk),
            bool(by_dossier.get(dossier.pk) and by_dossier[dossier.pk].review_due(today)),
        )
        for dossier in ProductDossier.objects.all()
    ]
    lines += [
        DossierLine(d.own_name, "", d, d.review_due(today))
        for d in decisions
        if d.dossier_id is None
    ]
    return lines


@dataclass(frozen=True)
class PlanPhase:
    phase: Phase
    actions: list[Action]


def action_plan(trajectory: Trajectory | None) -> list[PlanPhase]:
    """Step 2's plan: each phase in order with its actions by start date (two queries)."""
    if trajectory is None:
        return []
    phases = list(trajectory.phases.all())
    actions = Action.objects.filter(phase__in=phases).order_by("starts_on", "pk")
    by_phase: dict[int, list[Action]] = {p.pk: [] for p in phases}
    for action in actions:
        by_phase[action.phase_id].append(action)
    return [PlanPhase(p, by_phase[p.pk]) for p in phases]

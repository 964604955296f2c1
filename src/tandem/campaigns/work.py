"""'My work': what a person has to do in Tandem, from their own roles (never everything a
superuser may see): each questionnaire with its round, deadline and progress per domain, the
synthesis tables and synergy registers they keep, the campaigns they coordinate."""

from dataclasses import dataclass, field

from django.db.models import Q

from tandem.accounts.models import CampaignRole, PairRole
from tandem.catalogue.cache import domains_of
from tandem.catalogue.models import Framework
from tandem.places.models import Pair
from tandem.places.naming import pair_name

from .completeness import PairProgress, progress
from .models import Campaign, CampaignPair, Round
from .queries import respondent_for

ANSWERING = (PairRole.Role.RESPONDENT, PairRole.Role.EDITOR)


@dataclass
class Questionnaire:
    participation: CampaignPair
    respondent: str
    round: Round | None
    progress: PairProgress | None
    domains: list = field(default_factory=list)

    @property
    def campaign(self) -> Campaign:
        return self.participation.campaign

    @property
    def pair_name(self) -> str:
        return pair_name(self.participation.pair)

    @property
    def refnis(self) -> str:
        return self.participation.pair.municipality.refnis

    @property
    def deadline(self):
        return (self.round.closes_on if self.round else None) or self.campaign.deadline

    @property
    def states(self) -> list[tuple]:
        """(domain, state) per domain, in questionnaire order."""
        if self.progress is None:
            return []
        return [(d, self.progress.state(d.pk)) for d in self.domains]

    @property
    def complete_domains(self) -> int:
        return sum(state in ("complete", "submitted") for _d, state in self.states)


@dataclass
class Work:
    questionnaires: list[Questionnaire]
    grids: list[CampaignPair]
    registers: list[Pair]
    coordinated: list[Campaign]

    @property
    def is_empty(self) -> bool:
        return not (self.questionnaires or self.grids or self.registers or self.coordinated)


def _participations(roles) -> list[tuple[CampaignPair, PairRole]]:
    """The campaigns each role answers for (one campaign, or all of the pair's), in one query,
    newest first, each with the role that reaches it."""
    if not roles:
        return []
    scope = Q()
    for role in roles:
        one = Q(pair_id=role.pair_id)
        scope |= one & Q(campaign_id=role.campaign_id) if role.campaign_id else one
    found = {}
    participations = CampaignPair.objects.filter(scope).select_related(
        "campaign__framework", "pair__municipality__region"
    )
    for participation in participations.order_by("-campaign__year", "campaign__slug"):
        for role in roles:
            reaches = role.pair_id == participation.pair_id and role.campaign_id in (
                None,
                participation.campaign_id,
            )
            # A pair editor's role wins: it also opens the pair's synthesis tables.
            if reaches and (participation.pk not in found or role.role == PairRole.Role.EDITOR):
                found[participation.pk] = (participation, role)
    return list(found.values())


def _latest_rounds(participations) -> dict[int, Round]:
    """Per campaign the round its pairs answer or last answered: the latest that has opened."""
    rounds = Round.objects.filter(campaign_id__in={p.campaign_id for p in participations}).exclude(
        status=Round.Status.PLANNED
    )
    latest = {}
    for round_ in rounds.order_by("campaign_id", "number"):
        latest[round_.campaign_id] = round_
    return latest


def _questionnaire(participation: CampaignPair, role: PairRole, round_) -> Questionnaire:
    respondent = respondent_for(participation, role.administration)
    domains = domains_of(participation.campaign.framework_id)
    found = None
    if round_ is not None:
        round_.campaign = participation.campaign  # already at hand
        rows = progress(round_, domains=domains, participation=participation)
        found = next((row for row in rows if row.respondent == respondent), None)
    return Questionnaire(participation, respondent, round_, found, domains)


def work_of(user) -> Work:
    """About 7 queries, and 3 more per questionnaire (its aspects, answers and submission)."""
    roles = list(PairRole.objects.filter(user=user, role__in=ANSWERING).order_by("pk"))
    reached = _participations(roles)
    questionnaires = [
        (p, r) for p, r in reached if p.campaign.framework.method == Framework.Method.QUESTIONNAIRE
    ]
    rounds = _latest_rounds([p for p, _r in questionnaires])
    grids = [
        p
        for p, r in reached
        if p.campaign.framework.method == Framework.Method.GRID and r.role == PairRole.Role.EDITOR
    ]
    registers = list(
        Pair.objects.filter(
            roles__user=user,
            roles__campaign__isnull=True,
            roles__role__in=(PairRole.Role.EDITOR, PairRole.Role.READER),
        )
        .select_related("municipality__region")
        .distinct()
    )
    coordinated = list(
        Campaign.objects.filter(
            roles__user=user, roles__role=CampaignRole.Role.COORDINATOR
        ).distinct()
    )
    return Work(
        questionnaires=[_questionnaire(p, r, rounds.get(p.campaign_id)) for p, r in questionnaires],
        grids=grids,
        registers=sorted(registers, key=pair_name),
        coordinated=coordinated,
    )

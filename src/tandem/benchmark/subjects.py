"""One pair's cooperation followed subject by subject across the frameworks (issue 17.7): per
subject of the crosswalk (catalogue Subject, Tandem's proposal), the pair's inventory scores in
each questionnaire campaign, its synthesis-table entries in each grid campaign and the synergies
and measures of its register, each only where the user may read them."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import Http404

from tandem.accounts.scoping import register_pairs
from tandem.campaigns.models import Campaign
from tandem.campaigns.queries import pair_profile
from tandem.campaigns.scoping import campaign_pairs_for, campaigns_for
from tandem.catalogue.models import Domain, Subject, SynergyDomain
from tandem.grid.models import GridEntry
from tandem.grid.queries import readable_pairs
from tandem.places.models import Pair
from tandem.synergies.models import Measure, Synergy


@dataclass(frozen=True)
class InventoryScore:
    """The pair's TOT STAD over a subject's domains in one questionnaire campaign."""

    campaign: Campaign
    domains: list[Domain]
    total: int | None
    cooperating: int  # aspects scored 1 or 2
    answered: int


@dataclass(frozen=True)
class GridCount:
    """The pair's entries (not "no cooperation") in a subject's sub-domains of a grid campaign."""

    campaign: Campaign
    domains: list[Domain]
    current: int
    desirable: int


@dataclass(frozen=True)
class RegisterCount:
    synergy_domains: list[SynergyDomain]
    synergies: int
    measures: int


@dataclass
class SubjectRow:
    subject: Subject
    inventory: list[InventoryScore] = field(default_factory=list)
    grid: list[GridCount] = field(default_factory=list)
    register: RegisterCount | None = None


def _readable_campaigns(user, pair: Pair) -> list[Campaign]:
    """The campaigns the pair takes part in whose answers about it the user may read."""
    campaigns = (
        campaigns_for(user)
        .filter(participations__pair=pair)
        .select_related("framework")
        .order_by("year", "slug")
    )
    readable = []
    for campaign in campaigns:
        pairs = (
            readable_pairs(user, campaign)
            if campaign.is_grid
            else campaign_pairs_for(user, campaign)
        )
        if pairs.filter(pk=pair.pk).exists():
            readable.append(campaign)
    return readable


def _inventory(campaign: Campaign, pair: Pair, subjects: list[SubjectRow]) -> None:
    profile = {part["domain"].pk: part for part in pair_profile(campaign, pair)}
    for row in subjects:
        domains = [d for d in row.subject.domains.all() if d.pk in profile]
        if not domains:
            continue
        cells = [
            cell
            for d in domains
            for part in ("predefined", "other")
            for cell in profile[d.pk][part].rows[0].cells
            if cell is not None
        ]
        row.inventory.append(
            InventoryScore(
                campaign=campaign,
                domains=domains,
                total=sum(cells) if cells else None,
                cooperating=sum(1 for c in cells if c >= 1),
                answered=len(cells),
            )
        )


def _grid(campaign: Campaign, pair: Pair, subjects: list[SubjectRow]) -> None:
    counts = (
        GridEntry.objects.filter(
            table__participation__campaign=campaign, table__participation__pair=pair, is_none=False
        )
        .values("domain_id")
        .annotate(
            current=Count("pk", filter=Q(stage=GridEntry.Stage.CURRENT)),
            desirable=Count("pk", filter=Q(stage=GridEntry.Stage.DESIRABLE)),
        )
    )
    by_domain = {c["domain_id"]: c for c in counts}
    for row in subjects:
        domains = [d for d in row.subject.domains.all() if d.framework_id == campaign.framework_id]
        if not domains:
            continue
        found = [by_domain[d.pk] for d in domains if d.pk in by_domain]
        row.grid.append(
            GridCount(
                campaign=campaign,
                domains=domains,
                current=sum(c["current"] for c in found),
                desirable=sum(c["desirable"] for c in found),
            )
        )


def _register(pair: Pair, subjects: list[SubjectRow]) -> None:
    for row in subjects:
        chosen = list(row.subject.synergy_domains.all())
        if not chosen:
            continue
        # A domain with sub-themes (Maatschappelijk) counts the synergies of its themes too.
        scope = Q(domain__in=chosen) | Q(domain__parent__in=chosen)
        row.register = RegisterCount(
            synergy_domains=chosen,
            synergies=Synergy.objects.filter(scope, pair=pair).count(),
            measures=Measure.objects.filter(scope, pair=pair).count(),
        )


def pair_subjects(*, user, pair: Pair) -> tuple[list[SubjectRow], bool]:
    """The subjects with what the user may read of the pair, and whether the register was read;
    404 when the user may read nothing of the pair."""
    campaigns = _readable_campaigns(user, pair)
    reads_register = register_pairs(user).filter(pk=pair.pk).exists()
    if not campaigns and not reads_register:
        raise Http404("nothing of this pair is readable")
    rows = [
        SubjectRow(subject)
        for subject in Subject.objects.prefetch_related(
            "domains__framework", "synergy_domains"
        ).order_by("order")
    ]
    for campaign in campaigns:
        if campaign.is_grid:
            _grid(campaign, pair, rows)
        else:
            _inventory(campaign, pair, rows)
    if reads_register:
        _register(pair, rows)
    return rows, reads_register

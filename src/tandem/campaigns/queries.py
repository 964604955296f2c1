"""Reads of campaign data shared by the web pages, the CLI and the exports."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypedDict

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils.translation import get_language

from tandem.analysis.matrix import Column, Matrix, RowHeader, build_matrix
from tandem.catalogue.models import Aspect, Domain
from tandem.places.filters import PairFilter
from tandem.places.models import Pair
from tandem.places.naming import PAIR_NAME_COLUMNS, folded, municipality_name, pair_name

from .models import Campaign, CampaignPair, Response, Round, Submission

# Where a framework method's degrees come from when not from answers (framework method →
# function(campaign, {domain id: [aspect ids]}, pair ids or None) → (pair, aspect, degree)):
# the grid app registers its synthesis tables' degrees when it loads; it builds on this app,
# which must not import it.
DegreeSource = Callable[[Campaign, dict[int, list[int]], Any], Iterable[tuple[Any, Any, int]]]
DEGREE_SOURCES: dict[str, DegreeSource] = {}

ASPECT_SETS = ("predefined", "other", "all")


class UnknownChoice(ValueError):
    """A campaign, domain or aspect set that does not exist; the message names the valid choices."""


def matrix_round(campaign: Campaign) -> Round | None:
    """The round whose answers a matrix shows: the latest closed round, else the latest round."""
    rounds = list(campaign.rounds.order_by("-number"))
    closed = [r for r in rounds if r.status == Round.Status.CLOSED]
    candidates = closed or rounds
    return candidates[0] if candidates else None


def domain_for(campaign: Campaign, slug: str) -> Domain:
    domains = list(campaign.framework.domains.order_by("number"))
    for domain in domains:
        if domain.slug == slug:
            return domain
    raise UnknownChoice(
        f"unknown domain '{slug}'; choose one of: {' '.join(d.slug for d in domains)}"
    )


def aspects_for(domain: Domain, aspect_set: str, campaign: Campaign) -> list[Aspect]:
    """A domain's aspects in a campaign: the predefined ones, the 'other' ones the campaign put
    to its pairs in a confirmation round, or both, in questionnaire order."""
    if aspect_set not in ASPECT_SETS:
        raise UnknownChoice(
            f"unknown aspect set '{aspect_set}'; choose one of: {' '.join(ASPECT_SETS)}"
        )
    predefined = Q(origin=Aspect.Origin.PREDEFINED)
    added = Q(campaign_links__campaign=campaign)
    condition = {"predefined": predefined, "other": added, "all": predefined | added}[aspect_set]
    return list(domain.aspects.filter(condition).order_by("order"))


def columns_for(aspects: Iterable[Aspect]) -> list[Column]:
    return [
        Column(key=a.pk, short_label=a.short_label, label=a.label, origin=a.origin, code=a.slug)
        for a in aspects
    ]


def scores(
    round_: Round, aspects: list[Aspect], pairs: "QuerySet[Pair, Any] | list[int] | None" = None
) -> "QuerySet[Response, tuple[int, int, int | None]]":
    """(pair id, aspect id, degree) of the answers a round's matrices count (scored()); `pairs` (a
    queryset, read as a subquery, or a list of ids) limits them to those pairs."""
    query = Response.objects.scored().filter(round=round_, aspect__in=[a.pk for a in aspects])
    if pairs is not None:
        query = query.filter(pair_id__in=pairs)
    # A plain fetch: a few thousand small tuples per domain. .iterator() would open a server-side
    # cursor on PostgreSQL, planned for the first rows and fetched in round trips (3x slower).
    # order_by(): Response's default ordering joins four tables only to sort; callers place cells.
    return query.order_by().values_list("pair_id", "aspect_id", "degree")


# (pair id, aspect id) → (the municipality's degree, the OCMW's degree) where they differ.
Differences = dict[tuple[int, int], tuple[int, int]]


def administration_differences(
    round_: Round, aspects: list[Aspect], pairs: "QuerySet[Pair, Any] | list[int] | None" = None
) -> Differences:
    """The cells where a pair answering per administration submitted two different degrees
    (the matrix counts the higher one and marks the cell)."""
    query = Response.objects.filter(
        round=round_,
        aspect__in=[a.pk for a in aspects],
        status=Response.Status.SUBMITTED,
        respondent__in=[Response.Respondent.MUNICIPALITY, Response.Respondent.WELFARE_CENTRE],
        degree__isnull=False,
    )
    if pairs is not None:
        query = query.filter(pair_id__in=pairs)
    degrees: dict[tuple[int, int], dict[str, int]] = {}
    for pair_id, aspect_id, respondent, degree in query.order_by().values_list(
        "pair_id", "aspect_id", "respondent", "degree"
    ):
        degrees.setdefault((pair_id, aspect_id), {})[respondent] = degree
    municipality, ocmw = Response.Respondent.MUNICIPALITY, Response.Respondent.WELFARE_CENTRE
    return {
        cell: (given[municipality], given[ocmw])
        for cell, given in degrees.items()
        if len(given) == 2 and given[municipality] != given[ocmw]
    }


@dataclass
class DomainMatrix:
    campaign: Campaign
    domain: Domain
    round: Round | None
    aspect_set: str
    aspects: list[Aspect]
    matrix: Matrix
    differences: Differences


def domain_matrix(
    campaign: Campaign,
    domain: Domain,
    aspect_set: str = "predefined",
    pairs: QuerySet[Pair] | None = None,
    language: str | None = None,
) -> DomainMatrix:
    """The score matrix of one domain: the campaign's pairs (or the given subset) × its aspects."""
    aspects = aspects_for(domain, aspect_set, campaign)
    # A round's answers all belong to its campaign's pairs (check-integrity verifies it), so the
    # score query needs the pair filter only for a subset; build_matrix ignores rows it lacks.
    subset = None if pairs is None else pairs.order_by().values("pk")
    if pairs is None:
        pairs = Pair.objects.filter(participations__campaign=campaign)
    # Plain tuples, not model instances: building 565 Pair/Municipality/Region objects would
    # cost more than the whole score query (benchmarks/matrix.py, P3).
    language = (language or get_language() or "nl")[:2]
    rows = [
        RowHeader(key=pk, name=municipality_name(nl, fr, region, language), code=refnis)
        for pk, refnis, nl, fr, region in pairs.order_by().values_list(*PAIR_NAME_COLUMNS)
    ]
    source = DEGREE_SOURCES.get(campaign.framework.method)
    if source is not None:
        degrees = source(campaign, {domain.pk: [a.pk for a in aspects]}, subset)
        matrix = build_matrix(columns_for(aspects), rows, degrees)
        return DomainMatrix(campaign, domain, None, aspect_set, aspects, matrix, {})
    round_ = matrix_round(campaign)
    triples = scores(round_, aspects, subset) if round_ else []
    matrix = build_matrix(columns_for(aspects), rows, triples)
    differences = administration_differences(round_, aspects, subset) if round_ else {}
    return DomainMatrix(campaign, domain, round_, aspect_set, aspects, matrix, differences)


class DomainProfile(TypedDict):
    """A domain of a pair's profile: its predefined and its other aspects as one-row matrices."""

    domain: Domain
    predefined: Matrix
    other: Matrix


def pair_profile(
    campaign: Campaign, pair: Pair, language: str | None = None
) -> list[DomainProfile]:
    """One pair's scores across all domains of a campaign: per domain the predefined and the
    other aspects as one-row matrices, with TOT STAD per domain (three queries in all)."""
    round_ = matrix_round(campaign)
    domains = list(campaign.framework.domains.order_by("number"))
    asked = Aspect.objects.filter(domain__in=domains).filter(
        Q(origin=Aspect.Origin.PREDEFINED) | Q(campaign_links__campaign=campaign)
    )
    aspects_of: dict[int, list[Aspect]] = {d.pk: [] for d in domains}
    for aspect in asked.order_by("domain__number", "order"):
        aspects_of[aspect.domain_id].append(aspect)
    all_aspects = [a for d in domains for a in aspects_of[d.pk]]
    by_key: dict[tuple[int, int], int | None] = {}
    if round_:
        by_key = {(p, a): d for p, a, d in scores(round_, all_aspects, [pair.pk])}
    row = RowHeader(key=pair.pk, name=pair_name(pair, language), code=pair.municipality.refnis)
    profile: list[DomainProfile] = []
    for domain in domains:
        aspects = aspects_of[domain.pk]
        parts: dict[str, Matrix] = {}
        for part, selected in (
            ("predefined", [a for a in aspects if a.origin == Aspect.Origin.PREDEFINED]),
            ("other", [a for a in aspects if a.origin != Aspect.Origin.PREDEFINED]),
        ):
            triples = [
                (pair.pk, a.pk, by_key[(pair.pk, a.pk)])
                for a in selected
                if (pair.pk, a.pk) in by_key
            ]
            parts[part] = build_matrix(columns_for(selected), [row], triples)
        profile.append(
            {"domain": domain, "predefined": parts["predefined"], "other": parts["other"]}
        )
    return profile


def current_round(campaign: Campaign) -> Round | None:
    """The round respondents answer now: the open one (a campaign opens one at a time)."""
    return campaign.rounds.filter(status=Round.Status.OPEN).order_by("-number").first()


def respondent_for(participation: CampaignPair, administration: str) -> str:
    """Whose answers a person writes: the pair's joint answer, or their administration's own
    when the coordinator lets the pair answer separately."""
    if participation.answer_mode == CampaignPair.AnswerMode.SEPARATE and administration:
        return administration
    return Response.Respondent.JOINT


def _asked(round_: Round) -> Q:
    """Predefined aspects, plus those the campaign added before this round."""
    added = Q(
        campaign_links__campaign_id=round_.campaign_id,
        campaign_links__round__number__lt=round_.number,
    )
    return Q(origin=Aspect.Origin.PREDEFINED) | added


def questionnaire_aspects(round_: Round, domain: Domain) -> list[Aspect]:
    """The aspects a round asks in a domain, in questionnaire order."""
    return list(domain.aspects.filter(_asked(round_)).order_by("order"))


def asked_aspect(round_: Round, domain: Domain, aspect_id: int) -> Aspect | None:
    """One aspect of the domain, if the round asks it."""
    return domain.aspects.filter(_asked(round_), pk=aspect_id).order_by().first()


def aspects_by_domain(round_: Round, domains: Iterable[Domain]) -> dict[int, list[Aspect]]:
    """questionnaire_aspects for several domains in one query: {domain id: [aspects]}."""
    found: dict[int, list[Aspect]] = {d.pk: [] for d in domains}
    for aspect in Aspect.objects.filter(_asked(round_), domain__in=domains).order_by(
        "domain_id", "order"
    ):
        found[aspect.domain_id].append(aspect)
    return found


def submission_of(round_: Round, pair: Pair, respondent: str) -> Submission | None:
    return Submission.objects.of_seat(round_, pair, respondent).first()


def is_editable(round_status: str, submission_status: str | None) -> bool:
    """Open round and not submitted; or reopened by a coordinator (even after the round)."""
    if submission_status is not None:
        return submission_status == Submission.Status.REOPENED
    return round_status == Round.Status.OPEN


def may_edit(round_: Round, pair: Pair, respondent: str) -> bool:
    submission = submission_of(round_, pair, respondent)
    return is_editable(round_.status, submission.status if submission else None)


def answering_round(participation: CampaignPair, respondent: str) -> Round | None:
    """The round a pair answers or last answered: the latest that has opened, with the status
    of the respondent's submission in it (`submission_status`, None when not submitted), in one
    query."""
    submission = Submission.objects.filter(
        round=OuterRef("pk"), pair_id=participation.pair_id, respondent=respondent
    ).order_by()
    return (
        Round.objects.filter(campaign_id=participation.campaign_id)
        .exclude(status=Round.Status.PLANNED)
        .annotate(submission_status=Subquery(submission.values("status")[:1]))
        .order_by("-number")
        .first()
    )


PAIRS_SHOWN = 100  # search results listed at once; "add all found" takes the rest too


@dataclass
class PairChoice:
    """The pairs a search finds that a campaign does not have yet, sorted by name in the
    page's language; the first PAIRS_SHOWN of them are listed to tick."""

    found: list[Pair]
    filtered: bool

    @property
    def count(self) -> int:
        return len(self.found)

    @property
    def shown(self) -> list[tuple[str, Pair]]:
        return [(pair_name(p), p) for p in self.found[:PAIRS_SHOWN]]

    @property
    def hidden(self) -> int:
        return max(0, self.count - PAIRS_SHOWN)


def pair_choice(*, campaign: Campaign, pair_filter: PairFilter) -> PairChoice:
    candidates = pair_filter.apply(
        Pair.objects.exclude(participations__campaign=campaign)
    ).select_related("municipality__region", "municipality__province")
    found = sorted(candidates, key=lambda p: folded(pair_name(p)))
    return PairChoice(found=found, filtered=not pair_filter.is_empty)


MAILS_SHOWN = 50


@dataclass
class MailSummary:
    """The campaign's mail: how many are queued, sent and failed, and the latest ones."""

    counts: dict[str, int]
    latest: list

    @property
    def failed(self) -> int:
        return self.counts.get("failed", 0)


def mail_summary(campaign: Campaign) -> MailSummary:
    from django.db.models import Count

    from .models import CampaignMail

    counts = dict(
        campaign.mails.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    latest = (
        list(
            CampaignMail.objects.filter(campaign=campaign)
            .select_related("invitation")
            .order_by("-queued_at", "-pk")[:MAILS_SHOWN]
        )
        if counts
        else []
    )
    return MailSummary(
        counts={status: counts.get(status, 0) for status in CampaignMail.Status.values},
        latest=latest,
    )

"""The findings of one domain of a campaign (issue 17.1) as a reader may see them: the counted
answers (Response.scored(), the matrix round) of the pairs the reader may count, with the texts
of the pairs whose own texts they may read. Coordinators read every pair's texts; a pair's
people read their own pair's; counts of other pairs only where campaign_pairs_for allows it (a
published campaign)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.db.models import F, Q, Value
from django.utils.translation import get_language

from tandem.analysis.findings import Answer, DomainFindings, Quote, domain_findings
from tandem.catalogue.cache import choice_terms
from tandem.catalogue.models import Aspect, Domain
from tandem.places.filters import PairFilter
from tandem.places.naming import PAIR_NAME_COLUMNS, municipality_name, pair_name

from .models import Campaign, ProposedAspect, Response, ResponseDocument, Round
from .queries import matrix_round
from .scoping import campaign_pairs_for, history_pairs


@dataclass(slots=True)
class _Attached:
    """Per response: its reason clusters, obstacle types (names) and document names."""

    clusters: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    obstacles: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    documents: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    instruments: dict[int, str] = field(default_factory=dict)  # id → name


def _attached(ids) -> _Attached:
    """The three lists of every response (`ids`: a subquery of their ids) in one UNION query
    (the page stays within its query budget); the terms' names come from the catalogue cache."""
    found = _Attached()
    number, text = models.IntegerField(), models.CharField()
    through = Response.reason_clusters.through.objects.filter(response_id__in=ids)
    rows = (
        through.annotate(kind=Value("c", text), term=F("reasoncluster_id"), name=Value("", text))
        .order_by()
        .values_list("response_id", "kind", "term", "name")
        .union(
            Response.obstacle_types.through.objects.filter(response_id__in=ids)
            .annotate(kind=Value("o", text), term=F("obstacletype_id"), name=Value("", text))
            .order_by()
            .values_list("response_id", "kind", "term", "name"),
            ResponseDocument.objects.filter(response_id__in=ids)
            .annotate(kind=Value("d", text), term=Value(0, number), name=F("original_name"))
            .order_by()
            .values_list("response_id", "kind", "term", "name"),
            all=True,
        )
    )
    _degrees, clusters, obstacle_types, instruments = choice_terms()
    found.instruments = {i.pk: i.name for i in instruments}
    names = {"c": {c.pk: c.name for c in clusters}, "o": {t.pk: t.name for t in obstacle_types}}
    lists = {"c": found.clusters, "o": found.obstacles, "d": found.documents}
    for response_id, kind, term, name in rows:
        lists[kind][response_id].append(name if kind == "d" else names[kind].get(term, ""))
    return found


# The columns of an answer the findings read, fetched as plain tuples: building thousands of
# Response, Pair and Municipality objects cost more than the query (benchmarks/findings.py).
COLUMNS = (
    "pk",
    "pair_id",
    "aspect_id",
    "degree",
    "reasons",
    "instrument_id",
    "regulation",
    "regulation_link",
    "desirable",
    "desirable_reasons",
    "formal_desirable",
    "formal_desirable_reasons",
    "obstacles",
)


def _answer(row: tuple, names: dict[int, str], quotable: set[int], attached: _Attached) -> Answer:
    (pk, pair, aspect, degree, reasons, instrument, regulation, link) = row[:8]
    desirable, desirable_reasons, formal, formal_reasons, obstacles = row[8:]
    quote = pair in quotable
    return Answer(
        pair=names[pair],
        aspect=aspect or 0,
        degree=degree,
        reasons=reasons if quote else "",
        clusters=tuple(attached.clusters[pk]),
        instrument=attached.instruments.get(instrument, "") if instrument else "",
        regulation=regulation if quote else "",
        link=link if quote else "",
        documents=tuple(sorted(attached.documents[pk])) if quote else (),
        desirable=desirable,
        desirable_reasons=desirable_reasons if quote else "",
        formal_desirable=formal,
        formal_desirable_reasons=formal_reasons if quote else "",
        obstacles=obstacles if quote else "",
        obstacle_types=tuple(attached.obstacles[pk]),
        quotable=quote,
    )


@dataclass(slots=True)
class DomainAnswers:
    """One domain's counted answers as a reader may see them, with what names them."""

    round: Round | None
    aspects: list[tuple[int, str]]  # (id, label) in questionnaire order
    answers: list[Answer]
    other: list[Quote]  # the 'other' aspects named by the pairs whose texts the reader may read


def domain_answers(
    *, user, campaign: Campaign, domain: Domain, pair_filter: PairFilter | None = None
) -> DomainAnswers:
    """The counted answers of the round the matrix reads, for `user`: the findings count them
    and the study report's annex lists them per pair."""
    round_ = matrix_round(campaign)
    counted = campaign_pairs_for(user, campaign)
    if pair_filter is not None:
        counted = pair_filter.apply(counted)
    quotable = set(history_pairs(user, campaign).values_list("pk", flat=True))
    aspects = list(
        domain.aspects.filter(
            Q(origin=Aspect.Origin.PREDEFINED) | Q(campaign_links__campaign=campaign)
        ).order_by("order")
    )
    rows: list[tuple] = []
    attached = _Attached()
    if round_ is not None:
        answered = (
            Response.objects.scored()
            .filter(round=round_, aspect__in=aspects, pair__in=counted.order_by().values("pk"))
            .order_by()
        )
        rows = list(answered.values_list(*COLUMNS))
        attached = _attached(answered.values("pk"))
    names = {
        pk: municipality_name(nl, fr, region, get_language())
        for pk, _refnis, nl, fr, region in counted.order_by().values_list(*PAIR_NAME_COLUMNS)
    }
    other = [
        Quote(pair_name(p.pair), p.domain.name, p.label)
        for p in ProposedAspect.objects.filter(
            campaign=campaign, domain=domain, pair__in=counted.order_by().values("pk")
        )
        .filter(pair_id__in=quotable)
        .select_related("pair__municipality__region", "domain")
    ]
    return DomainAnswers(
        round=round_,
        aspects=[(a.pk, a.label) for a in aspects],
        answers=[_answer(row, names, quotable, attached) for row in rows],
        other=other,
    )


def findings_for(
    *, user, campaign: Campaign, domain: Domain, pair_filter: PairFilter | None = None
) -> tuple[Round | None, DomainFindings]:
    """The round the findings read (the matrix's) and the domain's findings for `user`."""
    found = domain_answers(user=user, campaign=campaign, domain=domain, pair_filter=pair_filter)
    return found.round, domain_findings(found.answers, found.aspects, found.other)

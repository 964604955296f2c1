"""What is left to do: the answers that stop a submit, and each pair's progress in a round."""

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils.translation import gettext as _

from tandem.catalogue.models import Domain

from .models import INFORMAL, NONE, CampaignPair, Response, Round, Submission
from .queries import aspects_by_domain


class Missing(NamedTuple):
    """One thing that stops a submit: in which domain and row (`key`: 'a<aspect id>' or
    'o<own row's proposal id>'), what to do, and the field to go to."""

    domain: Domain
    label: str
    message: str
    key: str
    field: str

    @property
    def anchor(self) -> str:
        """The id of the field to go to on the domain page (a radio group's first option)."""
        radio = self.field in ("degree", "desirable", "formal_desirable")
        return f"id_{self.key}-{self.field}" + ("_0" if radio else "")


def missing_in(degree, desirable, formal_desirable, previous_degree, change_reason):
    """What one answer still lacks, as (message, field) pairs; an answer with none is complete.
    Only the degree and the yes/no follow-up of its degree are required (seed 001's flow);
    in a confirmation round a changed degree needs a reason."""
    if degree is None:
        return [(_("choose no, informal or formal cooperation"), "degree")]
    found = []
    if degree == NONE and desirable is None:
        found.append((_("say whether cooperation is desirable"), "desirable"))
    if degree == INFORMAL and formal_desirable is None:
        found.append((_("say whether formal cooperation is desirable"), "formal_desirable"))
    if previous_degree is not None and previous_degree != degree and not change_reason.strip():
        found.append((_("give a short reason for the change"), "change_reason"))
    return found


def _answer_problems(domain, label, key, response) -> list[Missing]:
    if response is None:
        values = (None, None, None, None, "")
    else:
        previous = response.previous.degree if response.previous_id else None
        values = (
            response.degree,
            response.desirable,
            response.formal_desirable,
            previous,
            response.change_reason,
        )
    return [Missing(domain, label, message, key, field) for message, field in missing_in(*values)]


def problems_of(round_: Round, pair, respondent: str, domains=None) -> list[Missing]:
    """Everything that stops a submit, per domain and row, in questionnaire order."""
    if domains is None:
        domains = list(round_.campaign.framework.domains.order_by("number"))
    asked = aspects_by_domain(round_, domains)
    responses = list(
        Response.objects.of_seat(round_, pair, respondent)
        .select_related("previous", "proposal")
        .order_by("proposal__created_at", "pk")
    )
    answers = {r.aspect_id: r for r in responses if r.aspect_id}
    problems = []
    for domain in domains:
        for aspect in asked[domain.pk]:
            problems += _answer_problems(
                domain, aspect.label, f"a{aspect.pk}", answers.get(aspect.pk)
            )
        for response in responses:
            if response.aspect_id is None and response.proposal.domain_id == domain.pk:
                problems += _answer_problems(
                    domain, response.proposal.label, f"o{response.proposal_id}", response
                )
    return problems


ANSWER_STATE = (
    "pair_id",
    "respondent",
    "aspect_id",
    "aspect__domain_id",
    "proposal__domain_id",
    "degree",
    "desirable",
    "formal_desirable",
    "previous__degree",
    "change_reason",
)


@dataclass
class PairProgress:
    """A pair's state in a round, per domain: 'not started', 'in progress', 'complete' (nothing
    required is missing, own rows included) or 'submitted'. The catalogue's aspects and the
    pair's own 'other' rows are counted apart, so a domain never reads '8 / 7'."""

    participation: CampaignPair
    respondent: str
    submission: Submission | None
    answered: dict  # domain id -> asked aspects with a degree
    asked: dict  # domain id -> number of aspects asked
    complete: dict = field(default_factory=dict)  # domain id -> asked aspects lacking nothing
    own: dict = field(default_factory=dict)  # domain id -> the pair's own rows
    own_complete: dict = field(default_factory=dict)  # domain id -> own rows lacking nothing

    def missing(self, domain_id) -> int:
        """Rows of the domain that still lack something required."""
        return (self.asked.get(domain_id, 0) - self.complete.get(domain_id, 0)) + (
            self.own.get(domain_id, 0) - self.own_complete.get(domain_id, 0)
        )

    def state(self, domain_id) -> str:
        if self.submission is not None and self.submission.is_submitted:
            return "submitted"
        if not self.missing(domain_id):
            return "complete"
        started = self.answered.get(domain_id) or self.own.get(domain_id)
        return "in_progress" if started else "not_started"

    @property
    def is_submitted(self) -> bool:
        return self.submission is not None and self.submission.is_submitted


def progress(round_: Round, pair=None, domains=None, participation=None) -> list[PairProgress]:
    """Every participating pair's progress in a round (one row per answering administration
    when the pair answers separately), or one pair's (`participation`, when already at hand,
    spares its query). Five queries whatever the number of pairs: completeness is judged from
    the answers' degree and follow-up columns (missing_in)."""
    campaign = round_.campaign
    if domains is None:
        domains = list(campaign.framework.domains.order_by("number"))
    asked_aspects = aspects_by_domain(round_, domains)
    asked = {pk: len(aspects) for pk, aspects in asked_aspects.items()}
    asked_ids = {a.pk for aspects in asked_aspects.values() for a in aspects}
    answered, complete, own, own_complete = Counter(), Counter(), Counter(), Counter()
    answers = Response.objects.filter(round=round_).order_by()
    submissions = round_.submissions.all()
    participations = campaign.participations.select_related("pair__municipality__region")
    if participation is not None:
        pair, participations = participation.pair, [participation]
    if pair is not None:
        answers = answers.filter(pair=pair)
        submissions = submissions.filter(pair=pair)
        if participation is None:
            participations = participations.filter(pair=pair)
    for pair_id, respondent, aspect_id, domain_id, own_domain_id, *values in answers.values_list(
        *ANSWER_STATE
    ):
        lacking = missing_in(*values)
        if aspect_id is None:
            key = (pair_id, respondent, own_domain_id)
            own[key] += 1
            own_complete[key] += not lacking
        elif aspect_id in asked_ids:
            key = (pair_id, respondent, domain_id)
            answered[key] += values[0] is not None
            complete[key] += not lacking
    submissions = {(s.pair_id, s.respondent): s for s in submissions}
    rows = []
    for participation in sorted(participations, key=lambda p: p.pair.municipality.name_nl):
        respondents = (
            [Response.Respondent.MUNICIPALITY, Response.Respondent.WELFARE_CENTRE]
            if participation.answer_mode == CampaignPair.AnswerMode.SEPARATE
            else [Response.Respondent.JOINT]
        )
        for respondent in respondents:
            key = (participation.pair_id, respondent)
            rows.append(
                PairProgress(
                    participation=participation,
                    respondent=respondent,
                    submission=submissions.get(key),
                    answered={d.pk: answered[(*key, d.pk)] for d in domains},
                    asked=asked,
                    complete={d.pk: complete[(*key, d.pk)] for d in domains},
                    own={d.pk: own[(*key, d.pk)] for d in domains},
                    own_complete={d.pk: own_complete[(*key, d.pk)] for d in domains},
                )
            )
    return rows


@dataclass(frozen=True)
class RoundSummary:
    """How far a round's questionnaires are (one per pair, or per administration when a pair
    answers separately): what closing it would leave behind, in numbers."""

    questionnaires: int
    submitted: int
    in_progress: int
    not_started: int
    pairs: int


def round_summary(round_: Round) -> RoundSummary:
    rows = progress(round_)
    submitted = sum(row.is_submitted for row in rows)
    started = sum(
        not row.is_submitted and (any(row.answered.values()) or any(row.own.values()))
        for row in rows
    )
    return RoundSummary(
        questionnaires=len(rows),
        submitted=submitted,
        in_progress=started,
        not_started=len(rows) - submitted - started,
        pairs=round_.campaign.participations.count(),
    )

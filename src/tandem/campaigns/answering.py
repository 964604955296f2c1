"""Answering a questionnaire: which aspects a round asks, saving an answer, submitting a round.

Every write goes through these functions, transactional and version-checked, so the web pages,
the CLI and the tests share one set of rules (seed 001's flow, S001:636-1154):

- per aspect a degree (0 geen / 1 informele / 2 formele samenwerking) and reasons;
- with cooperation (1, 2): how it is regulated (instrument, text, link, documents);
- then by degree: 0 → is cooperation desirable and why; 1 → is formal cooperation desirable and
  why; 2 → obstacles to formalising. Follow-up answers that do not belong to the chosen degree
  are cleared on save (the history keeps them).
"""

from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Q, Subquery, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.catalogue.models import Aspect, Domain
from tandem.core.versioning import EditConflict

from .models import Campaign, CampaignPair, ProposedAspect, Response, Round, Submission

NONE, INFORMAL, FORMAL = 0, 1, 2

# The answer fields a respondent may write, and the degrees each one belongs to.
FOLLOW_UP_FIELDS = {
    "regulation": (INFORMAL, FORMAL),
    "instrument": (INFORMAL, FORMAL),
    "regulation_link": (INFORMAL, FORMAL),
    "desirable": (NONE,),
    "desirable_reasons": (NONE,),
    "formal_desirable": (INFORMAL,),
    "formal_desirable_reasons": (INFORMAL,),
    "obstacles": (FORMAL,),
}
ANSWER_FIELDS = ("degree", "reasons", "change_reason", "confirmed", *FOLLOW_UP_FIELDS)
M2M_FIELDS = {"reason_clusters": None, "obstacle_types": (FORMAL,)}


class QuestionnaireClosed(Exception):
    """The round is not open for this pair, or the pair already submitted it."""


@dataclass
class Incomplete(Exception):
    """What is missing before a round can be submitted (Missing items, in questionnaire order)."""

    problems: list = field(default_factory=list)  # of Missing

    def __str__(self):
        return "; ".join(f"{p.domain.name} · {p.label}: {p.message}" for p in self.problems)


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


def aspects_by_domain(round_: Round, domains) -> dict:
    """questionnaire_aspects for several domains in one query: {domain id: [aspects]}."""
    found = {d.pk: [] for d in domains}
    for aspect in Aspect.objects.filter(_asked(round_), domain__in=domains).order_by(
        "domain_id", "order"
    ):
        found[aspect.domain_id].append(aspect)
    return found


def submission_of(round_: Round, pair, respondent: str) -> Submission | None:
    return Submission.objects.filter(round=round_, pair=pair, respondent=respondent).first()


def is_editable(round_status: str, submission_status: str | None) -> bool:
    """Open round and not submitted; or reopened by a coordinator (even after the round)."""
    if submission_status is not None:
        return submission_status == Submission.Status.REOPENED
    return round_status == Round.Status.OPEN


def may_edit(round_: Round, pair, respondent: str) -> bool:
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


def _lock_participation(round_: Round, pair, respondent: str) -> str | None:
    """Lock the pair's participation in the campaign for the transaction; return the status of
    the respondent's submission of the round (None: not submitted). Saves and submits of a pair
    take this lock first, so a save waiting behind a submit sees the submission and is refused
    instead of turning a submitted answer back into a draft."""
    submission = (
        Submission.objects.filter(round=round_, pair=pair, respondent=respondent)
        .order_by()
        .values("status")[:1]
    )
    participation = (
        CampaignPair.objects.select_for_update(of=("self",))
        .filter(campaign_id=round_.campaign_id, pair=pair)
        .annotate(submission_status=Subquery(submission))
        .order_by()
        .values("submission_status")
        .first()
    )
    if participation is None:
        raise QuestionnaireClosed(_("This pair does not take part in the campaign."))
    return participation["submission_status"]


def _lock_questionnaire(round_: Round, pair, respondent: str) -> None:
    """Lock the pair's participation and check the questionnaire may be edited."""
    if not is_editable(round_.status, _lock_participation(round_, pair, respondent)):
        raise QuestionnaireClosed(_("This questionnaire is submitted or closed."))


def _locked_response(round_, pair, respondent, aspect=None, proposal=None) -> Response | None:
    # No ordering: Response's default ordering joins the nullable aspect, and PostgreSQL
    # refuses FOR UPDATE on the nullable side of an outer join.
    query = (
        Response.objects.select_for_update(of=("self",))
        .filter(round=round_, pair=pair, respondent=respondent)
        .order_by()
    )
    if aspect is not None:
        return query.filter(aspect=aspect).first()
    return query.filter(proposal=proposal, aspect__isnull=True).first()


def _own_last_save(response: Response, user) -> bool:
    """A newer version saved by the same person (an autosave racing their Save button, a second
    tab) is not a conflict between two people: their latest save wins."""
    return user is not None and user.pk is not None and response.updated_by_id == user.pk


def _clear_what_does_not_belong(response: Response) -> None:
    for name, degrees in FOLLOW_UP_FIELDS.items():
        if response.degree not in degrees:
            blank = None if name in ("desirable", "formal_desirable", "instrument") else ""
            setattr(response, name, blank)


def kept_related(values: dict, degree: int | None) -> dict[str, set[int]]:
    """The catalogue terms (ids per many-to-many field) an answer keeps after a save with
    `values`: those chosen, emptied where the degree does not ask the question; a field left
    out of `values` and still asked is not in the result (it keeps what is stored)."""
    kept = {}
    for name, degrees in M2M_FIELDS.items():
        asked = degrees is None or degree in degrees
        if name in values:
            kept[name] = {term.pk for term in values[name]} if asked else set()
        elif not asked:
            kept[name] = set()
    return kept


def _through(name: str):
    field = Response._meta.get_field(name)
    return field.remote_field.through, field.m2m_reverse_field_name()


def _stored_related(response: Response, names) -> dict[str, set[int]]:
    """The terms stored for an answer, for several many-to-many fields in one query."""
    stored = {name: set() for name in names}
    if response.pk is None or not stored:
        return stored
    queries = []
    for name in stored:
        through, target = _through(name)
        queries.append(
            through.objects.filter(response_id=response.pk)
            .annotate(field=Value(name))
            .values_list("field", f"{target}_id")
            .order_by()
        )
    for name, term_id in queries[0].union(*queries[1:], all=True):
        stored[name].add(term_id)
    return stored


def _write_related(response: Response, kept: dict[str, set[int]]) -> bool:
    """Bring the stored terms to `kept` through the link tables directly (no m2m signals), so
    the answer's one history record of this save holds them. True when something changed."""
    stored = _stored_related(response, kept)
    changed = False
    for name, wanted in kept.items():
        through, target = _through(name)
        removed, added = stored[name] - wanted, wanted - stored[name]
        if removed:
            through.objects.filter(
                response_id=response.pk, **{f"{target}_id__in": removed}
            ).delete()
        if added:
            through.objects.bulk_create(
                [through(response_id=response.pk, **{f"{target}_id": pk}) for pk in added]
            )
        changed = changed or bool(removed or added)
    return changed


def save_answer(
    *,
    round_: Round,
    pair,
    respondent: str,
    values: dict,
    expected_version: int,
    user,
    aspect: Aspect | None = None,
    proposal: ProposedAspect | None = None,
    documents=(),
) -> Response:
    """Store one aspect's answer as a draft, if nobody saved it since `expected_version`, with
    the uploaded `documents` (validated by content beforehand) in the same transaction; the
    answer's `stored_documents` lists them.

    `values` holds ANSWER_FIELDS and M2M_FIELDS (lists of objects); a field left out keeps its
    stored value. A new answer is expected at version 0. Raises EditConflict with the stored
    answer when someone else saved it since (R5), QuestionnaireClosed when the pair may not
    edit. Each save writes one history record, with the chosen terms as saved (a new answer
    saved with terms at once: two, its creation and then its terms).
    """
    if (aspect is None) == (proposal is None):
        raise ValueError("an answer is for either an aspect or an own row")
    try:
        with transaction.atomic():
            _lock_questionnaire(round_, pair, respondent)
            response = _locked_response(round_, pair, respondent, aspect, proposal)
            if response is None:
                if expected_version != 0:
                    raise EditConflict(None)
                response = Response(
                    round=round_,
                    pair=pair,
                    respondent=respondent,
                    aspect=aspect,
                    proposal=proposal,
                    version=0,
                )
            elif response.version != expected_version and not _own_last_save(response, user):
                raise EditConflict(response)
            for name in ANSWER_FIELDS:
                if name in values:
                    setattr(response, name, values[name])
            if response.previous_id and response.degree != response.previous.degree:
                response.confirmed = False  # a changed answer is not a confirmed one
            _clear_what_does_not_belong(response)
            response.version += 1
            response.status = Response.Status.DRAFT
            response.updated_by = user
            response._history_user = user
            kept = kept_related(values, response.degree)
            if response.pk is None and any(kept.values()):
                # The terms need the answer's row: a new answer with terms is created first
                # (its creation record), then saved with them (a second record).
                response.save()
            _write_related(response, kept)
            response.save()
            response.stored_documents = [_store(response, upload, user) for upload in documents]
            return response
    except IntegrityError:
        # Two first saves of the same answer at once: the other one won.
        current = Response.objects.filter(
            round=round_, pair=pair, respondent=respondent, aspect=aspect, proposal=proposal
        ).first()
        raise EditConflict(current) from None


def add_own_row(*, round_: Round, pair, respondent: str, domain: Domain, label: str, user):
    """An 'Andere (specifieer)' row: an aspect the pair names itself, answered like the others."""
    label = " ".join(label.split())
    if not label:
        raise ValueError(_("Name the aspect."))
    with transaction.atomic():
        _lock_questionnaire(round_, pair, respondent)
        proposal = ProposedAspect.objects.create(
            campaign_id=round_.campaign_id,
            round=round_,
            pair=pair,
            domain=domain,
            label=label,
            created_by=user,
        )
        response = Response(
            round=round_, pair=pair, respondent=respondent, proposal=proposal, updated_by=user
        )
        response._history_user = user
        response.save()
        return response


def remove_own_row(response: Response, user) -> None:
    """Withdraw an own row while the questionnaire is a draft (its history stays)."""
    with transaction.atomic():
        _lock_questionnaire(response.round, response.pair, response.respondent)
        proposal = response.proposal
        response._history_user = user
        response.delete()
        if proposal is not None and not proposal.responses.exists():
            proposal._history_user = user
            proposal.delete()


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
        Response.objects.filter(round=round_, pair=pair, respondent=respondent)
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


def submit(*, round_: Round, pair, respondent: str, user) -> tuple[Submission, bool]:
    """Submit a pair's round at once: all answers or none. Idempotent: a second submit (double
    click, back and resubmit) returns the existing submission and False."""
    with transaction.atomic():
        _lock_participation(round_, pair, respondent)
        submission = (
            Submission.objects.select_for_update(of=("self",))
            .filter(round=round_, pair=pair, respondent=respondent)
            .order_by("pk")
            .first()
        )
        if submission is not None and submission.is_submitted:
            return submission, False
        if submission is None and round_.status != Round.Status.OPEN:
            raise QuestionnaireClosed(_("This round is closed."))
        problems = problems_of(round_, pair, respondent)
        if problems:
            raise Incomplete(problems)
        now = timezone.now()
        for response in Response.objects.filter(round=round_, pair=pair, respondent=respondent):
            if response.status != Response.Status.SUBMITTED:
                response.status = Response.Status.SUBMITTED
                response._history_user = user
                response.save(update_fields=["status", "updated_at"])
        if submission is None:
            submission = Submission(round=round_, pair=pair, respondent=respondent)
        submission.status = Submission.Status.SUBMITTED
        submission.submitted_at, submission.submitted_by = now, user
        submission._history_user = user
        submission.save()
        return submission, True


def reopen(submission: Submission, *, user, reason: str) -> Submission:
    """A coordinator reopens a submitted questionnaire; the reason stays in the history. Its
    answers become drafts again and leave the matrices until the pair submits anew."""
    reason = reason.strip()
    if not reason:
        raise ValueError(_("Give the reason for reopening."))
    with transaction.atomic():
        submission = Submission.objects.select_for_update(of=("self",)).get(pk=submission.pk)
        for response in Response.objects.filter(
            round=submission.round, pair=submission.pair, respondent=submission.respondent
        ):
            response.status = Response.Status.DRAFT
            response._history_user = user
            response.save(update_fields=["status", "updated_at"])
        submission.status = Submission.Status.REOPENED
        submission.reopened_at, submission.reopened_by = timezone.now(), user
        submission.reopen_reason = reason
        submission._history_user = user
        submission.save()
        return submission


def _store(response: Response, upload, user):
    from tandem.core.uploads import store

    from .models import ResponseDocument

    return store(ResponseDocument(response=response), upload, user)

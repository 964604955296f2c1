"""Answering a questionnaire: which aspects a round asks, saving an answer, submitting a round.

Every write goes through these functions, transactional and version-checked, so the web pages,
the CLI and the tests share one set of rules (seed 001's flow, S001:636-1154):

- per aspect a degree (0 geen / 1 informele / 2 formele samenwerking) and reasons;
- with cooperation (1, 2): how it is regulated (instrument, text, link, documents);
- then by degree: 0 → is cooperation desirable and why; 1 → is formal cooperation desirable and
  why; 2 → obstacles to formalising. Follow-up answers that do not belong to the chosen degree
  are cleared on save (the history keeps them).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.files.base import File
from django.db import IntegrityError, models, transaction
from django.db.models import Value
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.catalogue.models import Aspect, Domain
from tandem.core.history import Actor, record_actor
from tandem.core.versioning import EditConflict
from tandem.places.models import Pair

from ..completeness import Missing, problems_of
from ..models import (
    FORMAL,
    INFORMAL,
    NONE,
    CampaignPair,
    ProposedAspect,
    Response,
    Round,
    Submission,
)
from ..queries import is_editable

if TYPE_CHECKING:
    from ..models import ResponseDocument

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

    problems: list[Missing] = field(default_factory=list)

    def __str__(self) -> str:
        return "; ".join(f"{p.domain.name} · {p.label}: {p.message}" for p in self.problems)


def _lock_participation(round_: Round, pair: Pair, respondent: str) -> str | None:
    """Lock the pair's participation in the campaign for the transaction; return the status of
    the respondent's submission of the round (None: not submitted). Saves and submits of a pair
    take this lock first, so a save waiting behind a submit sees the submission and is refused
    instead of turning a submitted answer back into a draft."""
    locked = (
        CampaignPair.objects.select_for_update(of=("self",))
        .filter(campaign_id=round_.campaign_id, pair=pair)
        .order_by()
        .values_list("pk", flat=True)
        .first()
    )
    if locked is None:
        raise QuestionnaireClosed(_("This pair does not take part in the campaign."))
    # A second statement, after the lock is held: on PostgreSQL a statement that waited for the
    # lock still reads everything else as it was when it started, so a subquery in the locking
    # statement would miss the submit it waited for (tests/campaigns/test_submit_race.py).
    status: str | None = (
        Submission.objects.of_seat(round_, pair, respondent)
        .order_by()
        .values_list("status", flat=True)
        .first()
    )
    return status


def _lock_questionnaire(round_: Round, pair: Pair, respondent: str) -> None:
    """Lock the pair's participation and check the questionnaire may be edited."""
    if not is_editable(round_.status, _lock_participation(round_, pair, respondent)):
        raise QuestionnaireClosed(_("This questionnaire is submitted or closed."))


def _locked_response(
    round_: Round,
    pair: Pair,
    respondent: str,
    aspect: Aspect | None = None,
    proposal: ProposedAspect | None = None,
) -> Response | None:
    # No ordering: Response's default ordering joins the nullable aspect, and PostgreSQL
    # refuses FOR UPDATE on the nullable side of an outer join.
    query = (
        Response.objects.select_for_update(of=("self",))
        .of_seat(round_, pair, respondent)
        .order_by()
    )
    if aspect is not None:
        return query.filter(aspect=aspect).first()
    return query.filter(proposal=proposal, aspect__isnull=True).first()


def _same_page_saved_last(response: Response, user: Actor, form_token: str) -> bool:
    """A newer version saved by the same opening of the page (its autosave racing its Save
    button) is not a conflict. It cannot hide anyone else's save: that page's own save would
    have met the other save's version first. Another tab, even of the same person, has
    another token, and a save without one (a script) never skips the check."""
    return (
        bool(form_token)
        and response.saved_by_form == form_token
        and user is not None
        and response.updated_by_id == user.pk
    )


def _clear_what_does_not_belong(response: Response) -> None:
    for name, degrees in FOLLOW_UP_FIELDS.items():
        if response.degree not in degrees:
            blank = None if name in ("desirable", "formal_desirable", "instrument") else ""
            setattr(response, name, blank)


def kept_related(values: Mapping[str, Any], degree: int | None) -> dict[str, set[int]]:
    """The catalogue terms (ids per many-to-many field) an answer keeps after a save with
    `values`: those chosen, emptied where the degree does not ask the question; a field left
    out of `values` and still asked is not in the result (it keeps what is stored)."""
    kept: dict[str, set[int]] = {}
    for name, degrees in M2M_FIELDS.items():
        asked = degrees is None or degree in degrees
        if name in values:
            kept[name] = {term.pk for term in values[name]} if asked else set()
        elif not asked:
            kept[name] = set()
    return kept


def _through(name: str) -> tuple[type[models.Model], str]:
    field = Response._meta.get_field(name)
    if not isinstance(field, models.ManyToManyField) or field.remote_field.through is None:
        raise TypeError(f"Response.{name} is not a many-to-many field")
    return field.remote_field.through, field.m2m_reverse_field_name()


def _stored_related(response: Response, names: Iterable[str]) -> dict[str, set[int]]:
    """The terms stored for an answer, for several many-to-many fields in one query."""
    stored: dict[str, set[int]] = {name: set() for name in names}
    if response.pk is None or not stored:
        return stored
    queries = []
    for name in stored:
        through, target = _through(name)
        queries.append(
            through._default_manager.filter(response_id=response.pk)
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
            through._default_manager.filter(
                response_id=response.pk, **{f"{target}_id__in": removed}
            ).delete()
        if added:
            through._default_manager.bulk_create(
                [through(response_id=response.pk, **{f"{target}_id": pk}) for pk in added]
            )
        changed = changed or bool(removed or added)
    return changed


def save_answer(
    *,
    round_: Round,
    pair: Pair,
    respondent: str,
    values: Mapping[str, Any],
    expected_version: int,
    user: Actor,
    aspect: Aspect | None = None,
    proposal: ProposedAspect | None = None,
    documents: "Iterable[File[bytes]]" = (),
    form_token: str = "",
) -> Response:
    """Store one aspect's answer as a draft, if nobody saved it since `expected_version`, with
    the uploaded `documents` (validated by content beforehand) in the same transaction; the
    answer's `stored_documents` lists them.

    `values` holds ANSWER_FIELDS and M2M_FIELDS (lists of objects); a field left out keeps its
    stored value. A new answer is expected at version 0. Raises EditConflict with the stored
    answer when another page (someone else's, or another tab) saved it since (R5),
    QuestionnaireClosed when the pair may not edit. Each save writes one history record, with
    the chosen terms as saved (a new answer saved with terms at once: two, its creation and then
    its terms).
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
            elif response.version != expected_version and not _same_page_saved_last(
                response, user, form_token
            ):
                raise EditConflict(response)
            for name in ANSWER_FIELDS:
                if name in values:
                    setattr(response, name, values[name])
            previous = response.previous if response.previous_id else None
            if previous is not None and response.degree != previous.degree:
                response.confirmed = False  # a changed answer is not a confirmed one
            _clear_what_does_not_belong(response)
            response.version += 1
            response.status = Response.Status.DRAFT
            response.updated_by = user
            response.saved_by_form = form_token
            record_actor(response, user)
            kept = kept_related(values, response.degree)
            if response.pk is None and any(kept.values()):
                # The terms need the answer's row: a new answer with terms is created first
                # (its creation record), then saved with them (a second record).
                response.save()
            _write_related(response, kept)
            response.save()
            # The documents of this save, for the page that answers it (not a field).
            response.stored_documents = [  # type: ignore[attr-defined]
                _store(response, upload, user) for upload in documents
            ]
            return response
    except IntegrityError:
        # Two first saves of the same answer at once: the other one won.
        current = Response.objects.filter(
            round=round_, pair=pair, respondent=respondent, aspect=aspect, proposal=proposal
        ).first()
        raise EditConflict(current) from None


def add_own_row(
    *, round_: Round, pair: Pair, respondent: str, domain: Domain, label: str, user: Actor
) -> Response:
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
        record_actor(response, user)
        response.save()
        return response


def remove_own_row(*, response: Response, user: Actor) -> None:
    """Withdraw an own row while the questionnaire is a draft (its history stays)."""
    with transaction.atomic():
        _lock_questionnaire(response.round, response.pair, response.respondent)
        proposal = response.proposal
        record_actor(response, user)
        response.delete()
        if proposal is not None and not proposal.responses.exists():
            record_actor(proposal, user)
            proposal.delete()


def submit(*, round_: Round, pair: Pair, respondent: str, user: Actor) -> tuple[Submission, bool]:
    """Submit a pair's round at once: all answers or none. Idempotent: a second submit (double
    click, back and resubmit) returns the existing submission and False."""
    with transaction.atomic():
        _lock_participation(round_, pair, respondent)
        submission = (
            Submission.objects.select_for_update(of=("self",))
            .of_seat(round_, pair, respondent)
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
        for response in Response.objects.of_seat(round_, pair, respondent):
            if response.status != Response.Status.SUBMITTED:
                response.status = Response.Status.SUBMITTED
                record_actor(response, user)
                response.save(update_fields=["status", "updated_at"])
        if submission is None:
            submission = Submission(round=round_, pair=pair, respondent=respondent)
        submission.status = Submission.Status.SUBMITTED
        submission.submitted_at, submission.submitted_by = now, user
        record_actor(submission, user)
        submission.save()
        return submission, True


def reopen(*, submission: Submission, user: Actor, reason: str) -> Submission:
    """A coordinator reopens a submitted questionnaire; the reason stays in the history. Its
    answers become drafts again and leave the matrices until the pair submits anew."""
    reason = reason.strip()
    if not reason:
        raise ValueError(_("Give the reason for reopening."))
    with transaction.atomic():
        submission = Submission.objects.select_for_update(of=("self",)).get(pk=submission.pk)
        for response in Response.objects.of_seat(
            submission.round, submission.pair, submission.respondent
        ):
            response.status = Response.Status.DRAFT
            record_actor(response, user)
            response.save(update_fields=["status", "updated_at"])
        submission.status = Submission.Status.REOPENED
        submission.reopened_at, submission.reopened_by = timezone.now(), user
        submission.reopen_reason = reason
        record_actor(submission, user)
        submission.save()
        return submission


def _store(response: Response, upload: "File[bytes]", user: Actor) -> "ResponseDocument":
    from tandem.core.uploads import store

    from ..models import ResponseDocument

    return store(ResponseDocument(response=response), upload, user)

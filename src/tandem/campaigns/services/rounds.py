"""A campaign's rounds: opening, closing, and the confirmation round that starts from the answers
of the round before."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from tandem.core.history import Actor
from tandem.formats.belgian import format_date

from ..models import Campaign, CampaignPair, ProposedAspect, Response, ResponseDocument, Round
from .coordination import CoordinationError


def _refuse_past(deadline: date | None) -> None:
    if deadline is not None and deadline < timezone.localdate():
        raise CoordinationError(
            _("The deadline %(date)s has passed: choose today or a later day.")
            % {"date": format_date(deadline)}
        )


@transaction.atomic
def open_round(*, round_: Round, closes_on: date | None = None) -> Round:
    """Open a planned round until `closes_on` (else its own closing day); a deadline that has
    passed is refused, so nobody is invited to a questionnaire that is already late."""
    closes_on = closes_on or round_.closes_on
    _refuse_past(closes_on)
    if round_.status != Round.Status.PLANNED:
        raise CoordinationError(_("Only a planned round can be opened."))
    if round_.campaign.rounds.filter(status=Round.Status.OPEN).exists():
        raise CoordinationError(_("Another round of this campaign is open."))
    if not round_.campaign.participations.exists():
        raise CoordinationError(_("Choose the pairs before opening the round."))
    round_.status = Round.Status.OPEN
    round_.opens_on = round_.opens_on or timezone.localdate()
    round_.closes_on = closes_on
    round_.save(update_fields=["status", "opens_on", "closes_on"])
    campaign = round_.campaign
    if campaign.status == Campaign.Status.DRAFT:
        campaign.status = Campaign.Status.OPEN
        campaign.save(update_fields=["status"])
    return round_


@transaction.atomic
def close_round(*, round_: Round) -> Round:
    """Close a round: its submitted answers become what the matrices show."""
    if round_.status != Round.Status.OPEN:
        raise CoordinationError(_("Only an open round can be closed."))
    round_.status = Round.Status.CLOSED
    round_.closes_on = timezone.localdate()
    round_.save(update_fields=["status", "closes_on"])
    return round_


@transaction.atomic
def extend_deadline(
    *, participation: CampaignPair, until: date, reason: str, round_: Round
) -> None:
    """Give one pair until `until` (after the open round's deadline, not in the past); its
    questionnaire and reminders follow the new date."""
    _refuse_past(until)
    if round_.status != Round.Status.OPEN:
        raise CoordinationError(_("Extend a deadline while the round is open."))
    deadline = round_.closes_on or round_.campaign.deadline
    if deadline is not None and until <= deadline:
        raise CoordinationError(
            _("The round closes on %(date)s: an extension ends later.")
            % {"date": format_date(deadline)}
        )
    participation.extended_until, participation.extension_reason = until, reason
    participation.save(update_fields=["extended_until", "extension_reason"])


@transaction.atomic
def reopen_round(*, round_: Round, reason: str, closes_on: date, user: Actor) -> Round:
    """Open a closed round again until `closes_on`, with the reason kept in the round's note:
    questionnaires not submitted can be answered again; submitted ones stay submitted and keep
    counting. Only the campaign's last round, and only while no other round is open."""
    _refuse_past(closes_on)
    if round_.status != Round.Status.CLOSED:
        raise CoordinationError(_("Only a closed round can be reopened."))
    if round_.campaign.rounds.filter(number__gt=round_.number).exists():
        raise CoordinationError(_("A later round exists: reopen only the campaign's last round."))
    if round_.campaign.rounds.filter(status=Round.Status.OPEN).exists():
        raise CoordinationError(_("Another round of this campaign is open."))
    who = (user.get_full_name() or user.username) if user is not None else "—"
    line = _("Reopened on %(date)s by %(who)s: %(reason)s") % {
        "date": format_date(timezone.localdate()),
        "who": who,
        "reason": reason,
    }
    round_.note = f"{round_.note}\n{line}".strip()
    round_.status, round_.closes_on = Round.Status.OPEN, closes_on
    round_.save(update_fields=["status", "closes_on", "note"])
    return round_


@transaction.atomic
def start_confirmation_round(
    *, campaign: Campaign, user: Actor, closes_on: date | None = None, base_url: str = ""
) -> Round:
    """Open the next round as a confirmation round: every pair finds its answers of the round
    before prefilled (as drafts, each linked to the answer it copies) and the promoted aspects.
    With `base_url`, everyone who answers for a pair gets a round notice by mail."""
    _refuse_past(closes_on)
    previous = campaign.rounds.order_by("-number").first()
    if previous is None or previous.status != Round.Status.CLOSED:
        raise CoordinationError(_("Close the current round first."))
    if campaign.proposals.filter(round=previous, status=ProposedAspect.Status.PROPOSED).exists():
        raise CoordinationError(
            _("Review the 'other' aspects first: promote, merge or keep each one.")
        )
    round_ = Round.objects.create(
        campaign=campaign,
        number=previous.number + 1,
        kind=Round.Kind.CONFIRMATION,
        status=Round.Status.OPEN,
        opens_on=timezone.localdate(),
        closes_on=closes_on,
    )
    _prefill(previous, round_, user)
    if base_url:
        from .. import mails

        mails.queue_round_notices(round_=round_, base_url=base_url)
    return round_


def _prefill(previous: Round, round_: Round, user: Actor) -> None:
    originals = list(
        Response.objects.filter(round=previous, status=Response.Status.SUBMITTED).prefetch_related(
            "reason_clusters", "obstacle_types"
        )
    )
    copies = [
        Response(
            round=round_,
            pair_id=r.pair_id,
            aspect_id=r.aspect_id,
            proposal_id=r.proposal_id,
            respondent=r.respondent,
            degree=r.degree,
            reasons=r.reasons,
            regulation=r.regulation,
            instrument_id=r.instrument_id,
            regulation_link=r.regulation_link,
            desirable=r.desirable,
            desirable_reasons=r.desirable_reasons,
            formal_desirable=r.formal_desirable,
            formal_desirable_reasons=r.formal_desirable_reasons,
            obstacles=r.obstacles,
            previous_id=r.pk,
            status=Response.Status.DRAFT,
            version=1,
            updated_by=user,
        )
        for r in originals
    ]
    created = bulk_create_with_history(copies, Response, batch_size=500, default_user=user)
    by_previous = {c.previous_id: c for c in created}
    if any(c.pk is None for c in created):  # backends that do not return ids
        by_previous = {
            r.previous_id: r for r in Response.objects.filter(round=round_).only("pk", "previous")
        }
    clusters = Response.reason_clusters.through
    obstacles = Response.obstacle_types.through
    clusters.objects.bulk_create(
        clusters(response_id=by_previous[r.pk].pk, reasoncluster_id=c.pk)
        for r in originals
        for c in r.reason_clusters.all()
    )
    obstacles.objects.bulk_create(
        obstacles(response_id=by_previous[r.pk].pk, obstacletype_id=o.pk)
        for r in originals
        for o in r.obstacle_types.all()
    )
    _carry_documents(originals, by_previous, user)


def _carry_documents(
    originals: list[Response], by_previous: dict[int | None, Response], user: Actor
) -> None:
    """The documents of the round before stay with the prefilled answers: a record of its own per
    round pointing at the same stored file (stored files are never deleted)."""
    documents = ResponseDocument.objects.filter(response__in=[r.pk for r in originals])
    bulk_create_with_history(
        [
            ResponseDocument(
                response_id=by_previous[d.response_id].pk,
                file=d.file.name,
                original_name=d.original_name,
                content_type=d.content_type,
                size=d.size,
                sha256=d.sha256,
                uploaded_by_id=d.uploaded_by_id,
            )
            for d in documents
        ],
        ResponseDocument,
        batch_size=500,
        default_user=user,
    )

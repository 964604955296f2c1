"""Seed 000's two feedback loops (S000 §4, 1b-1c; SEEDS.md §4.2): a pair's synthesis table goes
to its participants (draft → sent), who confirm it as it stands or correct it (→ confirmed /
corrected); an answered table changes no more until a coordinator reopens it. Then the campaign's
answered tables are shared with every participating pair, who may add forms of cooperation they
had not named (marked as added after sharing). Every step leaves a history row naming the actor."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.campaigns.models import Campaign, CampaignPair
from tandem.core.history import Actor, record_actor

from .locks import FeedbackError, is_shared
from .mails import queue_table_notice
from .models import GridEntry, GridObstacle, SynthesisTable, TableSharing
from .services import table_for

Status = SynthesisTable.Status


def _locked(table: SynthesisTable) -> SynthesisTable:
    return SynthesisTable.objects.select_for_update().get(pk=table.pk)


def _step(table: SynthesisTable, user: Actor, **changes) -> SynthesisTable:
    for field, value in changes.items():
        setattr(table, field, value)
    table.version += 1
    record_actor(table, user)
    table.save()
    return table


@transaction.atomic
def send_table(*, participation: CampaignPair, user: Actor, base_url: str) -> int:
    """Send a draft table to the pair's participants (an empty pair gets its empty table) and
    queue the mail that tells them; returns how many people get it."""
    table = _locked(table_for(participation=participation, user=user))
    if table.status != Status.DRAFT:
        raise FeedbackError(
            _("This synthesis table is not a draft: it is %(status)s.")
            % {"status": table.get_status_display()}
        )
    _step(table, user, status=Status.SENT, sent_at=timezone.now(), answer_note="")
    return queue_table_notice(table=table, base_url=base_url)


def changes_since_sent(table: SynthesisTable) -> int:
    """The entries added, changed or removed since the table was sent (an obstacle's change
    counts for its entry)."""
    if table.sent_at is None:
        return 0
    since = table.sent_at
    entries = GridEntry.history.filter(table_id=table.pk)
    changed = set(entries.filter(history_date__gt=since).values_list("id", flat=True))
    obstacles = GridObstacle.history.filter(
        entry_id__in=entries.values("id"), history_date__gt=since
    )
    return len(changed | set(obstacles.values_list("entry_id", flat=True)))


@transaction.atomic
def answer_table(*, table: SynthesisTable, user: Actor, note: str = "") -> tuple[str, int]:
    """The participants' answer to a sent table: confirmed when nothing changed since it was
    sent, corrected when they changed it meanwhile. Returns the status and the number of
    entries changed."""
    table = _locked(table)
    if table.status != Status.SENT:
        raise FeedbackError(
            _("This synthesis table is not waiting for an answer: it is %(status)s.")
            % {"status": table.get_status_display()}
        )
    changes = changes_since_sent(table)
    status = Status.CORRECTED if changes else Status.CONFIRMED
    _step(table, user, status=status, answered_at=timezone.now(), answer_note=note.strip())
    return status, changes


@transaction.atomic
def reopen_table(*, table: SynthesisTable, user: Actor) -> SynthesisTable:
    """Back to draft, so the table can change (the history keeps the answer it had)."""
    table = _locked(table)
    if table.status == Status.DRAFT:
        raise FeedbackError(_("This synthesis table is already a draft."))
    return _step(table, user, status=Status.DRAFT)


@transaction.atomic
def share_tables(*, campaign: Campaign, user: Actor) -> TableSharing:
    """Share the campaign's answered tables with all its participating pairs, once."""
    Campaign.objects.select_for_update().get(pk=campaign.pk)
    if is_shared(campaign):
        raise FeedbackError(_("The synthesis tables of this campaign are already shared."))
    answered = SynthesisTable.objects.filter(
        participation__campaign=campaign, status__in=SynthesisTable.ANSWERED
    ).count()
    actor = user if getattr(user, "pk", None) else None
    return TableSharing.objects.create(campaign=campaign, shared_by=actor, tables=answered)

"""What a synthesis table's feedback state allows (S000 §4, 1b-1c): an answered table changes no
more until a coordinator reopens it, except for the forms of cooperation a pair adds once the
tables are shared. services.py checks these before every write; feedback.py takes the steps."""

from django.utils.translation import gettext as _

from tandem.campaigns.models import Campaign

from .models import GridEntry, SynthesisTable, TableSharing


class FeedbackError(Exception):
    """A step that does not apply to the table as it is now (someone else took a step first);
    the message says what the table's state is."""


class TableLocked(FeedbackError):
    """A change to a table its participants confirmed or corrected."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "The participants have answered this synthesis table, so it no longer changes. "
                "A coordinator can reopen it."
            )
        )


def is_shared(campaign: Campaign) -> bool:
    return TableSharing.objects.filter(campaign=campaign).exists()


def entry_may_change(*, locked: bool, shared: bool, entry: GridEntry) -> bool:
    """An entry of an unanswered table may change; of an answered (`locked`) table only one the
    pair adds, or added, after the tables were shared."""
    if not locked:
        return True
    return shared and (entry.pk is None or entry.added_after_sharing)


def check_entry_change(*, entry: GridEntry) -> None:
    """Raise TableLocked unless `entry` may be saved or deleted; mark a new entry of an answered
    table as added after sharing."""
    table = SynthesisTable.objects.select_for_update().get(pk=entry.table_id)
    shared = is_shared(table.participation.campaign)
    if not entry_may_change(locked=table.is_answered, shared=shared, entry=entry):
        raise TableLocked()
    if entry.pk is None and table.is_answered:
        entry.added_after_sharing = True


def check_table_change(*, table: SynthesisTable) -> None:
    if table.pk and SynthesisTable.objects.filter(pk=table.pk, status__in=SynthesisTable.ANSWERED):
        raise TableLocked()

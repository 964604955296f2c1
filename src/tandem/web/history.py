"""Reading django-simple-history tables as a list of changes (R6): who, when, which record, and
each field's old and new value, newest first. The registers and the grid show these."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

SKIPPED = {"id", "pair", "version", "created_at", "updated_at", "history_id"}


@dataclass
class Change:
    moment: datetime
    actor: str
    record: str
    action: str  # "+" created, "~" changed, "-" deleted (simple_history's codes)
    action_label: str
    fields: list[tuple[str, object, object]]


def _label(model, field):
    try:
        return str(model._meta.get_field(field).verbose_name)
    except Exception:  # a field only the history has
        return field


def changes_from(
    sources: Iterable[tuple], limit: int = 300, skipped: set[str] = SKIPPED
) -> list[Change]:
    """Changes from (model, history queryset[, describe]) sources; `describe(record)` names the
    record (default: the model's name and the record as a string)."""
    changes: list[Change] = []
    for source in sources:
        model, history = source[0], source[1]
        describe: Callable = source[2] if len(source) > 2 else (lambda r: str(r.instance))
        records = history.select_related("history_user").order_by("history_date", "history_id")
        last_of: dict[int, object] = {}  # the record before, per object: no query per row
        for record in records:
            previous = last_of.get(record.id)
            last_of[record.id] = record
            fields = []
            if record.history_type == "~" and previous is not None:
                delta = record.diff_against(previous)
                fields = [
                    (_label(model, c.field), c.old, c.new)
                    for c in delta.changes
                    if c.field not in skipped
                ]
            changes.append(
                Change(
                    moment=record.history_date,
                    actor=str(record.history_user or _("system")),
                    record=f"{model._meta.verbose_name}: {describe(record)}",
                    action=record.history_type,
                    action_label={"+": _("created"), "~": _("changed"), "-": _("deleted")}[
                        record.history_type
                    ],
                    fields=fields,
                )
            )
    changes.sort(key=lambda change: change.moment, reverse=True)
    return changes[:limit]

"""Every change to a pair's register (R6): who, when, which record, and each field's old and new
value, newest first, read from the history tables of django-simple-history."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from .models import (
    ApprovedReport,
    FocusGroup,
    FocusGroupSession,
    Measure,
    Meeting,
    RegisterDocument,
    ReportEdition,
    Synergy,
)

PAIR_MODELS = (
    Synergy,
    Meeting,
    Measure,
    FocusGroup,
    RegisterDocument,
    ReportEdition,
    ApprovedReport,
)

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


def register_history(pair, limit: int = 300) -> list[Change]:
    changes: list[Change] = []
    sources = [(model, model.history.filter(pair_id=pair.pk)) for model in PAIR_MODELS]
    sessions = FocusGroupSession.history.filter(focus_group__pair=pair)
    for model, history in [*sources, (FocusGroupSession, sessions)]:
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
                    if c.field not in SKIPPED
                ]
            changes.append(
                Change(
                    moment=record.history_date,
                    actor=str(record.history_user or _("system")),
                    record=f"{model._meta.verbose_name}: {record.instance}",
                    action=record.history_type,
                    action_label={"+": _("created"), "~": _("changed"), "-": _("deleted")}[
                        record.history_type
                    ],
                    fields=fields,
                )
            )
    changes.sort(key=lambda change: change.moment, reverse=True)
    return changes[:limit]

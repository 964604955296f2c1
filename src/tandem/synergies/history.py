"""Every change to a pair's register (R6): who, when, which record, and each field's old and new
value, newest first, read from the history tables of django-simple-history."""

from tandem.web.history import Change, changes_from

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


def register_history(pair, limit: int = 300) -> list[Change]:
    sources = [(model, model.history.filter(pair_id=pair.pk)) for model in PAIR_MODELS]
    sessions = FocusGroupSession.history.filter(focus_group__pair=pair)
    return changes_from([*sources, (FocusGroupSession, sessions)], limit)

"""Every change to a pair's synthesis table and factor values (R6), newest first."""

from tandem.web.history import Change, changes_from

from .models import FactorValue, GridEntry, GridObstacle, SynthesisTable


def grid_history(participation, limit: int = 300) -> list[Change]:
    tables = SynthesisTable.history.filter(participation_id=participation.pk)
    table_ids = set(tables.values_list("id", flat=True))
    entries = GridEntry.history.filter(table_id__in=table_ids)
    entry_ids = set(entries.values_list("id", flat=True))
    return changes_from(
        [
            (SynthesisTable, tables, lambda r: str(participation.pair)),
            (GridEntry, entries, lambda r: r.label or "—"),
            (
                GridObstacle,
                GridObstacle.history.filter(entry_id__in=entry_ids),
                lambda r: r.label or r.text[:60] or "—",
            ),
            (
                FactorValue,
                FactorValue.history.filter(column__participation=participation),
                lambda r: r.symbol or "—",
            ),
        ],
        limit,
    )

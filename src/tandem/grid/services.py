"""Every write to a pair's synthesis table: an entry with its components and obstacles, the
table's intake and attitude, a deletion. Each is transactional, checks the version the user
opened (R5) and leaves history rows naming the actor (R6); none uses QuerySet.update()."""

from collections.abc import Iterable

from django.db import transaction

from tandem.campaigns.models import CampaignPair
from tandem.catalogue.models import Aspect
from tandem.core.history import Actor, record_actor
from tandem.core.versioning import EditConflict, save_versioned

from .locks import TableLocked, check_entry_change, check_table_change
from .models import (
    FactorColumn,
    FactorMatrix,
    FactorRow,
    FactorValue,
    GridEntry,
    GridObstacle,
    PracticeNote,
    SynthesisTable,
)

__all__ = [
    "EditConflict",
    "TableLocked",
    "delete_entry",
    "delete_note",
    "save_entry",
    "save_factor_values",
    "save_note",
    "save_table",
    "table_for",
]


@transaction.atomic
def table_for(*, participation: CampaignPair, user: Actor) -> SynthesisTable:
    """The pair's synthesis table, created on the first write (never on a read: S5)."""
    table = SynthesisTable.objects.filter(participation=participation).first()
    if table is None:
        table = SynthesisTable(participation=participation)
        record_actor(table, user)
        table.save()
    return table


@transaction.atomic
def save_table(*, table: SynthesisTable, opened_version: int | None, user: Actor) -> SynthesisTable:
    check_table_change(table=table)
    return save_versioned(record=table, opened_version=opened_version, user=user)


@transaction.atomic
def save_entry(
    *,
    entry: GridEntry,
    opened_version: int | None,
    user: Actor,
    components: Iterable[Aspect],
    obstacles: list[dict],
) -> GridEntry:
    """Save an entry with its components and its obstacles (each a dict with `label`, `text`
    and `types`; the list replaces the stored ones). Current cooperation has no obstacles and
    no possibility; "no cooperation" has no components and no typology. An answered table
    refuses the change (TableLocked) unless the tables are shared and the entry is the pair's
    addition since."""
    check_entry_change(entry=entry)
    if entry.stage == GridEntry.Stage.CURRENT:
        entry.possible, entry.obstacle_answer, obstacles = "", "", []
    if entry.is_none:
        components = []
        for dimension in GridEntry.TYPOLOGY:
            setattr(entry, dimension, None)
    if obstacles and not entry.obstacle_answer:
        entry.obstacle_answer = GridEntry.ObstacleAnswer.LISTED
    if entry.pk is None and not entry.order:
        siblings = GridEntry.objects.filter(
            table=entry.table, domain=entry.domain, stage=entry.stage
        )
        entry.order = max([e.order for e in siblings] or [0]) + 1
    save_versioned(
        record=entry, opened_version=opened_version, user=user, m2m={"components": components}
    )
    _replace_obstacles(entry, obstacles, user)
    return entry


def _replace_obstacles(entry: GridEntry, obstacles: list[dict], user: Actor) -> None:
    stored = list(entry.obstacles.order_by("order", "pk"))
    for position, wanted in enumerate(obstacles, start=1):
        obstacle = stored[position - 1] if position <= len(stored) else GridObstacle(entry=entry)
        changed = obstacle.pk is None or any(
            getattr(obstacle, f) != wanted[f] for f in ("label", "text")
        )
        obstacle.label, obstacle.text, obstacle.order = wanted["label"], wanted["text"], position
        if changed or obstacle.order != position:
            record_actor(obstacle, user)
            obstacle.save()
        if {t.pk for t in obstacle.types.all()} != {t.pk for t in wanted["types"]}:
            obstacle.types.set(wanted["types"])
    for extra in stored[len(obstacles) :]:
        record_actor(extra, user)
        extra.delete()


@transaction.atomic
def delete_entry(*, entry: GridEntry, opened_version: int | None, user: Actor) -> None:
    stored = GridEntry.objects.select_for_update().get(pk=entry.pk)
    check_entry_change(entry=stored)
    if opened_version is not None and opened_version != stored.version:
        raise EditConflict(stored)
    for obstacle in stored.obstacles.all():
        record_actor(obstacle, user)
        obstacle.delete()
    record_actor(stored, user)
    stored.delete()


@transaction.atomic
def save_factor_values(
    *,
    matrix: FactorMatrix,
    participation: CampaignPair,
    wanted: list[tuple[int, str, str, int | None]],
    user: Actor,
) -> list[FactorValue]:
    """Save a pair's values in a factor matrix: `wanted` holds (factor id, symbol, explanation,
    opened version) per row. The pair becomes a column when it is not one yet. Nothing is
    saved when any value changed since it was opened: the stale ones are returned."""
    column = FactorColumn.objects.filter(matrix=matrix, participation=participation).first()
    if column is None:
        last = FactorColumn.objects.filter(matrix=matrix).order_by("-order").first()
        column = FactorColumn.objects.create(
            matrix=matrix, participation=participation, order=(last.order + 1) if last else 1
        )
    rows = {r.factor_id: r for r in FactorRow.objects.filter(matrix=matrix)}
    stored = {
        v.row.factor_id: v
        for v in FactorValue.objects.select_for_update().filter(column=column).select_related("row")
    }
    stale = [
        stored[factor]
        for factor, _symbol, _text, opened in wanted
        if factor in stored and opened is not None and opened != stored[factor].version
    ]
    if stale:
        transaction.set_rollback(True)
        return stale
    for factor, symbol, text, _opened in wanted:
        value = stored.get(factor) or FactorValue(row=rows[factor], column=column)
        if value.pk and value.symbol == symbol and value.explanation == text:
            continue
        if value.pk:
            value.version += 1
        value.symbol, value.explanation = symbol, text
        record_actor(value, user)
        value.save()
    return []


@transaction.atomic
def save_note(
    *, note: PracticeNote, opened_version: int | None, user: Actor, components: Iterable[Aspect]
) -> PracticeNote:
    """Save a good-practice note with its components (a stale save raises EditConflict)."""
    return save_versioned(
        record=note, opened_version=opened_version, user=user, m2m={"components": components}
    )


@transaction.atomic
def delete_note(*, note: PracticeNote, user: Actor) -> None:
    stored = PracticeNote.objects.select_for_update().get(pk=note.pk)
    record_actor(stored, user)
    stored.delete()

"""The idempotent sync of data files: rows found again by a natural key, created when missing."""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Generic, NamedTuple, TypeVar

from django.db import models

from .versioning import Versioned

M = TypeVar("M", bound=models.Model)


class Outcome(Enum):
    """What a sync did to one record."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass
class SyncCounts:
    """How many records of one kind a sync created, updated and left alone."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, outcome: Outcome) -> None:
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


class SyncResult(NamedTuple, Generic[M]):
    """`records`: every stored record by its key, those the rows no longer name included."""

    records: dict[Any, M]
    counts: SyncCounts


def _save_changes(record: models.Model, values: Mapping[str, Any]) -> Outcome:
    # Only the fields that differ are written, so a second run writes nothing and, through
    # save() (never QuerySet.update(), which history cannot see), leaves no history rows.
    changed = [name for name, value in values.items() if getattr(record, name) != value]
    if not changed:
        return Outcome.UNCHANGED
    for name in changed:
        setattr(record, name, values[name])
    if isinstance(record, Versioned):
        # A page opened before the data file changed the record must meet an edit conflict (R5).
        record.version += 1
        changed += ["version", "updated_at"]
    record.save(update_fields=changed)
    return Outcome.UPDATED


def sync_row(
    *, model: type[M], key: Mapping[str, Any], values: Mapping[str, Any]
) -> tuple[M, Outcome]:
    """The record of `model` found by `key` (field: value), created with `values` when missing,
    otherwise given those of `values` that differ."""
    record = model._default_manager.filter(**key).first()
    if record is None:
        return model._default_manager.create(**key, **values), Outcome.CREATED
    return record, _save_changes(record, values)


def sync_rows(
    *, model: type[M], key_field: str, rows: Iterable[Mapping[str, Any]]
) -> SyncResult[M]:
    """sync_row for many rows whose natural key is the one field `key_field` (each row holds it),
    reading the stored records in one query. Records the rows do not name are kept."""
    records = {getattr(record, key_field): record for record in model._default_manager.all()}
    counts = SyncCounts()
    for row in rows:
        record = records.get(row[key_field])
        if record is None:
            records[row[key_field]] = model._default_manager.create(**row)
            counts.add(Outcome.CREATED)
        else:
            counts.add(_save_changes(record, row))
    return SyncResult(records=records, counts=counts)


def sync_m2m(*, manager: Any, wanted: Iterable[models.Model]) -> bool:
    """Set a many-to-many relation to exactly `wanted`, writing only when it differs; True when
    it changed."""
    wanted = list(wanted)
    if {record.pk for record in manager.all()} == {record.pk for record in wanted}:
        return False
    manager.set(wanted)
    return True


def delete_absent(*, records: models.QuerySet[Any], kept: Collection[Any]) -> int:
    """Delete those of `records` whose pk is not in `kept` (the ones the data file no longer
    names), one by one so that history sees each; returns how many."""
    deleted = 0
    for record in records.exclude(pk__in=kept):
        record.delete()
        deleted += 1
    return deleted

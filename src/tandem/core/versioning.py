"""Edit conflicts (R5): a record carries the version it was last saved at; a save names the
version the person opened, and a save over a newer version is refused with what is stored now,
so the page can show both and nothing is overwritten silently."""

from collections.abc import Iterable, Mapping
from typing import TypeVar

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from .history import Actor, record_actor


class Versioned(models.Model):
    """A version for edit conflicts, and timestamps."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class EditConflict(Exception):
    """Someone saved the record after it was opened; `current` is what is stored now (None: it
    was created or removed meanwhile)."""

    def __init__(self, current: models.Model | None) -> None:
        super().__init__("the record changed since it was opened")
        self.current = current


Record = TypeVar("Record", bound=Versioned)


@transaction.atomic
def save_versioned(
    *,
    record: Record,
    opened_version: int | None,
    user: Actor,
    m2m: Mapping[str, Iterable[models.Model]] | None = None,
) -> Record:
    """Save a new or changed record with one history record naming `user`. An existing record is
    saved only while it still has the version the person opened; otherwise EditConflict carries
    the stored record. `m2m`: {field: objects} set after the save."""
    if record.pk is not None:
        stored = type(record)._default_manager.select_for_update().get(pk=record.pk)
        if opened_version != stored.version:
            raise EditConflict(stored)
        record.version = stored.version + 1
    record_actor(record, user)
    record.save()
    for name, values in (m2m or {}).items():
        getattr(record, name).set(values)
    return record

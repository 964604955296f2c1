"""Edit conflicts (R5): a record carries the version it was last saved at; a save names the
version the person opened, and a save over a newer version is refused with what is stored now,
so the page can show both and nothing is overwritten silently."""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


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

    def __init__(self, current):
        super().__init__("the record changed since it was opened")
        self.current = current


@transaction.atomic
def save_versioned(*, record, opened_version: int | None, user, m2m: dict | None = None):
    """Save a new or changed record with one history record naming `user`. An existing record is
    saved only while it still has the version the person opened; otherwise EditConflict carries
    the stored record. `m2m`: {field: objects} set after the save."""
    if record.pk is not None:
        stored = type(record).objects.select_for_update().get(pk=record.pk)
        if opened_version != stored.version:
            raise EditConflict(stored)
        record.version = stored.version + 1
    record._history_user = user
    record.save()
    for name, values in (m2m or {}).items():
        getattr(record, name).set(values)
    return record

"""Who made a change: the user django-simple-history names in the history record of a save (R6)."""

from typing import TYPE_CHECKING, TypeAlias

from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The person acting, or None when no one does (a data load, a script, a test).
Actor: TypeAlias = "User | None"


def record_actor(record: models.Model, user: Actor) -> None:
    """Name `user` in the history record that the next save or delete of `record` writes."""
    # simple-history's documented hook: an attribute it reads from the instance, not a field.
    record._history_user = user  # type: ignore[attr-defined]

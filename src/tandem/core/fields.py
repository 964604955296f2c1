"""The audit columns that name who did something (created, submitted, uploaded, reopened...)."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django_stubs_ext import StrOrPromise


def actor_field(
    verbose_name: "StrOrPromise", related_name: str = "+"
) -> "models.ForeignKey[User | None, User | None]":
    """A nullable link to the user who acted; kept when the account is deleted (SET_NULL)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )

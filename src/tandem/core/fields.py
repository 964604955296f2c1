"""The audit columns that name who did something (created, submitted, uploaded, reopened...)."""

from django.conf import settings
from django.db import models


def actor_field(verbose_name, related_name="+"):
    """A nullable link to the user who acted; kept when the account is deleted (SET_NULL)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )

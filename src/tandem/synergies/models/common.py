"""What every register record shares: its pair, a version for edit conflicts (R5), timestamps,
and texts kept in Dutch and/or French (a Brussels pair writes in either or both)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.core.bilingual import LANGUAGES, either_language, text_in
from tandem.core.versioning import Versioned
from tandem.places.models import Pair

__all__ = ["LANGUAGES", "PairRecord", "either_language"]


class PairRecord(Versioned):
    pair = models.ForeignKey(
        Pair, on_delete=models.CASCADE, related_name="+", verbose_name=_("pair")
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Where the entry comes from, for example the pages of an earlier report."),
    )

    class Meta(Versioned.Meta):
        abstract = True

    def text(self, field: str, language: str) -> tuple[str, str]:
        """(text, its language): the text in the asked language, else in the other one."""
        return text_in(self, field, language)

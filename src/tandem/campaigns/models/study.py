"""The coordinator's own text of a campaign's study report (issue 17.4; seed 001's structure,
S001:95-634): per domain a reading of its score tables and a synthesis of how the pairs
cooperate, why, whether more is wished and what stands in the way; for the whole study its
introduction, method, conclusions and recommendations. One text per part and language (the
report is written in Dutch or French)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tandem.catalogue.models import Domain
from tandem.core.fields import actor_field
from tandem.core.versioning import Versioned

from .campaign import Campaign


class StudyText(Versioned):
    class Part(models.TextChoices):
        INTRODUCTION = "introduction", _("introduction")
        METHOD = "method", _("method")
        SCORES = "scores", _("what the score tables show")
        HOW = "how", _("how the pairs cooperate")
        WHY = "why", _("why")
        WISHES = "wishes", _("is more cooperation wished")
        OBSTACLES = "obstacles", _("obstacles")
        CONCLUSIONS = "conclusions", _("conclusions")
        RECOMMENDATIONS = "recommendations", _("recommendations")

    DOMAIN_PARTS = (Part.SCORES, Part.HOW, Part.WHY, Part.WISHES, Part.OBSTACLES)
    STUDY_PARTS = (Part.INTRODUCTION, Part.METHOD, Part.CONCLUSIONS, Part.RECOMMENDATIONS)

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="study_texts", verbose_name=_("campaign")
    )
    domain = models.ForeignKey(
        Domain,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("domain"),
        help_text=_("Empty: a part of the whole study."),
    )
    part = models.CharField(_("part"), max_length=16, choices=Part.choices)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    text = models.TextField(_("text"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)  # seed lines, for demo text
    updated_by = actor_field(_("updated by"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign", "domain__number", "part"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "domain", "part", "language"],
                condition=Q(domain__isnull=False),
                name="one_study_text_per_domain_part_and_language",
            ),
            models.UniqueConstraint(
                fields=["campaign", "part", "language"],
                condition=Q(domain__isnull=True),
                name="one_study_text_per_part_and_language",
            ),
            # A domain's synthesis belongs to a domain; the study's own parts to none.
            models.CheckConstraint(
                condition=(
                    Q(
                        domain__isnull=False,
                        part__in=["scores", "how", "why", "wishes", "obstacles"],
                    )
                    | Q(
                        domain__isnull=True,
                        part__in=["introduction", "method", "conclusions", "recommendations"],
                    )
                ),
                name="study_text_part_fits_its_scope",
            ),
        ]
        verbose_name = _("study text")
        verbose_name_plural = _("study texts")

    def __str__(self):
        return f"{self.campaign} · {self.domain or '—'} · {self.part} · {self.language}"

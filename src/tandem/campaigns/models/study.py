"""The coordinator's own text of a campaign's study report (issue 17.4; seed 001's structure,
S001:95-634): per domain a reading of its score tables and a synthesis of how the pairs
cooperate, why, whether more is wished and what stands in the way; for the whole study its
introduction, method, conclusions and recommendations. A grid campaign (seed 000, issue 17.6)
reads its sub-domains as current, desired and possible cooperation with their factors and a
recommendation (S000 §5.1, §6.2.1), and each focus group's factor matrix (S000 §5.2). One text
per part and language (the report is written in Dutch or French)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tandem.catalogue.models import CooperationFocus, Domain
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
        FACTORS = "factors", _("what the explanatory factors show")

    DOMAIN_PARTS = (Part.SCORES, Part.HOW, Part.WHY, Part.WISHES, Part.OBSTACLES)
    # A grid sub-domain, in seed 000's order: finding, current, desired, possible, factors and
    # the "Doorsteek naar aanbevelingen" (S000:6400-6958).
    GRID_DOMAIN_PARTS = (
        Part.SCORES,
        Part.HOW,
        Part.WISHES,
        Part.OBSTACLES,
        Part.WHY,
        Part.RECOMMENDATIONS,
    )
    FOCUS_PARTS = (Part.FACTORS,)
    STUDY_PARTS = (Part.INTRODUCTION, Part.METHOD, Part.CONCLUSIONS, Part.RECOMMENDATIONS)
    # What a grid sub-domain's parts hold (the model's labels name the inventory's).
    GRID_LABELS = {
        Part.SCORES: _("summary of the findings"),
        Part.HOW: _("current cooperation"),
        Part.WISHES: _("desirable cooperation"),
        Part.OBSTACLES: _("possible cooperation and obstacles"),
        Part.WHY: _("explanatory factors"),
        Part.RECOMMENDATIONS: _("towards recommendations"),
    }

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
    focus = models.ForeignKey(
        CooperationFocus,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("focus"),
        help_text=_("A grid campaign's reading of the factor matrix of this focus group."),
    )
    part = models.CharField(_("part"), max_length=16, choices=Part.choices)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    text = models.TextField(_("text"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)  # seed lines, for demo text
    updated_by = actor_field(_("updated by"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign", "domain__number", "focus__order", "part"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "domain", "part", "language"],
                condition=Q(domain__isnull=False),
                name="one_study_text_per_domain_part_and_language",
            ),
            models.UniqueConstraint(
                fields=["campaign", "focus", "part", "language"],
                condition=Q(focus__isnull=False),
                name="one_study_text_per_focus_part_and_language",
            ),
            models.UniqueConstraint(
                fields=["campaign", "part", "language"],
                condition=Q(domain__isnull=True, focus__isnull=True),
                name="one_study_text_per_part_and_language",
            ),
            # A domain's synthesis belongs to a domain, a matrix's reading to a focus; the
            # study's own parts to neither.
            models.CheckConstraint(
                condition=(
                    Q(
                        domain__isnull=False,
                        focus__isnull=True,
                        part__in=["scores", "how", "why", "wishes", "obstacles", "recommendations"],
                    )
                    | Q(domain__isnull=True, focus__isnull=False, part="factors")
                    | Q(
                        domain__isnull=True,
                        focus__isnull=True,
                        part__in=["introduction", "method", "conclusions", "recommendations"],
                    )
                ),
                name="study_text_part_fits_its_scope",
            ),
        ]
        verbose_name = _("study text")
        verbose_name_plural = _("study texts")

    def __str__(self):
        scope = self.domain or self.focus or "—"
        return f"{self.campaign} · {scope} · {self.part} · {self.language}"

    @classmethod
    def domain_parts(cls, campaign: Campaign) -> tuple:
        return cls.GRID_DOMAIN_PARTS if campaign.is_grid else cls.DOMAIN_PARTS

    @classmethod
    def label(cls, part: str, *, grid_domain: bool = False) -> str:
        """A part's name as a heading or a field's label: a grid sub-domain's parts say what
        they hold there."""
        names = cls.GRID_LABELS if grid_domain else {}
        label = str(names.get(part, cls.Part(part).label))
        return label[:1].upper() + label[1:]

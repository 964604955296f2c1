"""Measures proposed for the coming years, per domain (seed 004 §4), on a timeline."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tandem.catalogue.models import SynergyDomain

from .common import PairRecord, either_language
from .register import YEAR_VALIDATORS


class Measure(PairRecord):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    OPEN = (Status.PROPOSED, Status.PLANNED, Status.IN_PROGRESS)

    domain = models.ForeignKey(
        SynergyDomain, on_delete=models.PROTECT, related_name="measures", verbose_name=_("domain")
    )
    title_nl = models.CharField(_("title in Dutch"), max_length=500, blank=True)
    title_fr = models.CharField(_("title in French"), max_length=500, blank=True)
    description_nl = models.TextField(_("description in Dutch"), blank=True)
    description_fr = models.TextField(_("description in French"), blank=True)
    year = models.PositiveSmallIntegerField(
        _("proposed for the year"),
        validators=YEAR_VALIDATORS,
        help_text=_("The first budget year whose report lists the measure."),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    owner = models.CharField(_("owner"), max_length=150, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["domain__order", "order", "pk"]
        constraints = [either_language("title", "measure_title_in_a_language")]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self):
        return self.text("title", "nl")[0]

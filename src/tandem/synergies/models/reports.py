"""The annual synergy report of a pair: the settings of a year's edition, and the approved
versions, frozen as the files that were approved (R7)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tandem.core.fields import actor_field

from .common import PairRecord
from .register import YEAR_VALIDATORS


class ReportEdition(PairRecord):
    """What an editor sets for one budget year's report: the pair's own introduction and, when
    the defaults do not fit, which meetings it covers."""

    year = models.PositiveSmallIntegerField(_("budget year"), validators=YEAR_VALIDATORS)
    introduction_nl = models.TextField(_("introduction in Dutch"), blank=True)
    introduction_fr = models.TextField(_("introduction in French"), blank=True)
    meetings_from = models.DateField(
        _("meetings from"),
        null=True,
        blank=True,
        help_text=_("Empty: 1 April of the year before the budget year."),
    )
    meetings_until = models.DateField(
        _("meetings until"),
        null=True,
        blank=True,
        help_text=_("Empty: 31 March of the budget year."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["pair", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["pair", "year"], name="one_report_edition_per_year")
        ]
        verbose_name = _("report edition")
        verbose_name_plural = _("report editions")

    def __str__(self):
        return f"{self.pair} {self.year}"


def approved_report_path(instance, filename):
    return f"reports/{uuid.uuid4().hex}"


class FrozenReportError(Exception):
    """An approved report is never changed; a new draft and a new approval follow instead."""


class ApprovedReport(models.Model):
    """A report as approved: the PDF, DOCX and HTML generated at approval, with their SHA-256.
    Later changes to the register never touch these files."""

    class Body(models.TextChoices):
        CONSULTATION_COMMITTEE = (
            "consultation_committee",
            _("consultation committee (overlegcomité / comité de concertation)"),
        )
        COLLEGE_AND_BUREAU = (
            "college_and_bureau",
            _("college of mayor and aldermen and permanent bureau"),
        )
        COUNCILS = "councils", _("municipal council and OCMW council")
        JOINT_MEETING = "joint_meeting", _("joint public meeting of both councils")
        STEERING_GROUP = "steering_group", _("steering group")

    class Language(models.TextChoices):
        DUTCH = "nl", _("Dutch")
        FRENCH = "fr", _("French")

    pair = models.ForeignKey(
        "places.Pair", on_delete=models.PROTECT, related_name="+", verbose_name=_("pair")
    )
    year = models.PositiveSmallIntegerField(_("budget year"), validators=YEAR_VALIDATORS)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    number = models.PositiveSmallIntegerField(_("approved version"))
    body = models.CharField(_("approved by"), max_length=30, choices=Body.choices)
    decision_date = models.DateField(_("date of the decision"))
    decision_reference = models.CharField(
        _("reference of the decision"), max_length=200, blank=True
    )
    approved_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    approved_by = actor_field(_("recorded by"))
    pdf = models.FileField(_("PDF"), upload_to=approved_report_path, max_length=200)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64)
    docx = models.FileField(_("DOCX"), upload_to=approved_report_path, max_length=200)
    docx_sha256 = models.CharField(_("SHA-256 of the DOCX"), max_length=64)
    html = models.FileField(_("HTML"), upload_to=approved_report_path, max_length=200)
    html_sha256 = models.CharField(_("SHA-256 of the HTML"), max_length=64)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pair", "-year", "language", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["pair", "year", "language", "number"], name="one_approved_report_number"
            )
        ]
        verbose_name = _("approved report")
        verbose_name_plural = _("approved reports")

    def __str__(self):
        return f"{self.pair} {self.year} {self.language} v{self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise FrozenReportError(f"approved report {self.pk} is frozen")
        super().save(*args, **kwargs)

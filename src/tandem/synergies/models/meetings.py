"""The steering group (stuurgroep / comité de concertation), the other coordination meetings and
the focus groups per service (seed 004 §1-2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tandem.catalogue.models import SynergyDomain

from .common import PairRecord, either_language


class Meeting(PairRecord):
    """A meeting with its decisions; the report lists those held since the previous report."""

    class Kind(models.TextChoices):
        STEERING_GROUP = "steering_group", _("steering group")
        COORDINATION = "coordination", _("other coordination meeting")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    date = models.DateField(_("date"))
    title_nl = models.CharField(_("title in Dutch"), max_length=200, blank=True)
    title_fr = models.CharField(_("title in French"), max_length=200, blank=True)
    participants = models.TextField(_("participants"), blank=True)
    agenda_nl = models.TextField(_("agenda in Dutch"), blank=True)
    agenda_fr = models.TextField(_("agenda in French"), blank=True)
    decisions_nl = models.TextField(
        _("decisions in Dutch"),
        blank=True,
        help_text=_("Paragraphs separated by a blank line; lines starting with '- ' form a list."),
    )
    decisions_fr = models.TextField(_("decisions in French"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        constraints = [either_language("title", "meeting_title_in_a_language")]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return f"{self.text('title', 'nl')[0]} {self.date:%d/%m/%Y}"


class FocusGroup(PairRecord):
    """A working group for one service, with a contact person in each administration, that
    analyses how structures can be standardised and resources pooled (S004:139-147)."""

    service = models.CharField(_("service"), max_length=150)
    domain = models.ForeignKey(
        SynergyDomain,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="focus_groups",
        verbose_name=_("domain"),
    )
    contact_municipality = models.CharField(
        _("contact person at the municipality"), max_length=150, blank=True
    )
    contact_ocmw = models.CharField(_("contact person at the OCMW"), max_length=150, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["service", "pk"]
        verbose_name = _("focus group")
        verbose_name_plural = _("focus groups")

    def __str__(self):
        return self.service


class FocusGroupSession(models.Model):
    """A session of a focus group: its date and what it found."""

    focus_group = models.ForeignKey(
        FocusGroup, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("focus group")
    )
    date = models.DateField(_("date"))
    findings = models.TextField(_("findings"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("focus group session")
        verbose_name_plural = _("focus group sessions")

    def __str__(self):
        return f"{self.focus_group} {self.date:%d/%m/%Y}"

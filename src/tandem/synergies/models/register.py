"""The synergy register: what a municipality and its OCMW do together, per domain (seed 004 §3),
with the documents that regulate it."""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tandem.catalogue.models import Aspect, Instrument, SynergyDomain
from tandem.core.uploads import StoredDocument

from .common import PairRecord, either_language

YEAR_VALIDATORS = [MinValueValidator(1976), MaxValueValidator(2100)]


class Synergy(PairRecord):
    """One cooperation, economy of scale or removed overlap (synergie / schaalvoordeel)."""

    class Status(models.TextChoices):
        EXISTING = "existing", _("existing")
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        REALISED = "realised", _("realised")
        STOPPED = "stopped", _("stopped")

    class Partners(models.TextChoices):
        MUNICIPALITY_OCMW = "municipality_ocmw", _("municipality and OCMW")
        OTHER_OCMWS = "other_ocmws", _("other OCMWs")
        REGIONAL = "regional", _("regional level")

    domain = models.ForeignKey(
        SynergyDomain, on_delete=models.PROTECT, related_name="synergies", verbose_name=_("domain")
    )
    title_nl = models.CharField(_("title in Dutch"), max_length=500, blank=True)
    title_fr = models.CharField(_("title in French"), max_length=500, blank=True)
    description_nl = models.TextField(_("description in Dutch"), blank=True)
    description_fr = models.TextField(_("description in French"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.EXISTING
    )
    start_year = models.PositiveSmallIntegerField(
        _("year started"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("The report shows the synergies started in the year it reviews in italics."),
    )
    partners = models.CharField(
        _("partners"), max_length=20, choices=Partners.choices, default=Partners.MUNICIPALITY_OCMW
    )
    partner_names = models.CharField(
        _("partner organisations"),
        max_length=300,
        blank=True,
        help_text=_("Other OCMWs, regional bodies or associations involved."),
    )
    instrument = models.ForeignKey(
        Instrument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="synergies",
        verbose_name=_("instrument"),
    )
    instrument_reference = models.CharField(
        _("reference of the instrument"),
        max_length=300,
        blank=True,
        help_text=_("For example: agreement of 12/3/2021, council decision of 20/4/2021."),
    )
    expected_savings = models.DecimalField(
        _("expected savings per year (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    realised_savings = models.DecimalField(
        _("realised savings per year (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    expected_fte = models.DecimalField(
        _("expected savings per year (FTE)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
    )
    realised_fte = models.DecimalField(
        _("realised savings per year (FTE)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
    )
    savings_basis = models.TextField(_("how the savings were estimated"), blank=True)
    qualitative_gains = models.TextField(_("qualitative gains"), blank=True)
    owner_municipality = models.CharField(
        _("owner at the municipality"), max_length=150, blank=True
    )
    owner_ocmw = models.CharField(_("owner at the OCMW"), max_length=150, blank=True)
    aspects = models.ManyToManyField(
        Aspect,
        blank=True,
        related_name="synergies",
        verbose_name=_("inventory aspects"),
        help_text=_("The aspects of the pair's inventory campaigns this synergy answers to."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords(m2m_fields=[aspects])

    class Meta:
        ordering = ["domain__order", "order", "pk"]
        constraints = [either_language("title", "synergy_title_in_a_language")]
        verbose_name = _("synergy")
        verbose_name_plural = _("synergies")

    def __str__(self):
        return self.text("title", "nl")[0]


def register_document_path(instance, filename):
    """A generated name: the uploader's file name is kept in the database, never on disk."""
    return f"register/{uuid.uuid4().hex}"


class RegisterDocument(StoredDocument):
    """A document of the register: the agreement or council decision behind a synergy, or the
    minutes (pv) of a meeting. Stored under a generated name, served only as a download."""

    class Kind(models.TextChoices):
        AGREEMENT = "agreement", _("agreement")
        DECISION = "decision", _("council or college decision")
        MINUTES = "minutes", _("minutes")
        OTHER = "other", _("other document")

    pair = models.ForeignKey(
        "places.Pair", on_delete=models.CASCADE, related_name="+", verbose_name=_("pair")
    )
    synergy = models.ForeignKey(
        Synergy,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("synergy"),
    )
    meeting = models.ForeignKey(
        "synergies.Meeting",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("meeting"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=register_document_path, max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(synergy__isnull=False, meeting__isnull=True)
                | models.Q(synergy__isnull=True, meeting__isnull=False),
                name="register_document_has_one_owner",
            )
        ]
        verbose_name = _("register document")
        verbose_name_plural = _("register documents")

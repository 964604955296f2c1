"""Campaigns run a framework over a set of pairs in rounds; responses hold each pair's answers."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tandem.catalogue.models import (
    Aspect,
    ContactDomain,
    Framework,
    Instrument,
    ObstacleType,
    ReasonCluster,
)
from tandem.places.models import Administration, Pair


class Campaign(models.Model):
    """An inventory run by a coordinator: one framework, a set of pairs, one or more rounds."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)  # translated
    description = models.TextField(_("description"), blank=True)  # translated
    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("framework")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    is_public = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Published campaigns and their matrices are visible to everyone."),
    )
    pairs = models.ManyToManyField(
        Pair, through="CampaignPair", related_name="campaigns", verbose_name=_("pairs")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "slug"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self):
        return self.name


class CampaignPair(models.Model):
    """A pair taking part in a campaign, with the language of its questionnaire."""

    class Language(models.TextChoices):
        DUTCH = "nl", _("Dutch")
        FRENCH = "fr", _("French")

    class AnswerMode(models.TextChoices):
        JOINT = "joint", _("one answer for the municipality and the OCMW together")
        SEPARATE = "separate", _("separate answers per administration")

    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("campaign"),
    )
    pair = models.ForeignKey(
        Pair, on_delete=models.PROTECT, related_name="participations", verbose_name=_("pair")
    )
    language = models.CharField(
        _("questionnaire language"), max_length=2, choices=Language.choices, default=Language.DUTCH
    )
    answer_mode = models.CharField(
        _("answer mode"), max_length=10, choices=AnswerMode.choices, default=AnswerMode.JOINT
    )
    source_label = models.CharField(
        _("name in the source"),
        max_length=100,
        blank=True,
        help_text=_("How the source document spelled this pair, kept for traceability."),
    )

    class Meta:
        ordering = ["campaign", "pair__municipality__name_nl"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "pair"], name="pair_once_per_campaign"),
        ]
        verbose_name = _("participating pair")
        verbose_name_plural = _("participating pairs")

    def __str__(self):
        return f"{self.campaign} · {self.pair}"


class Round(models.Model):
    """A survey round (bevragingsronde): the first inventory or a confirmation round."""

    class Kind(models.TextChoices):
        INVENTORY = "inventory", _("inventory")
        CONFIRMATION = "confirmation", _("confirmation")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("campaign")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices, default=Kind.INVENTORY)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["campaign", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "number"], name="round_number_per_campaign"
            ),
        ]
        verbose_name = _("round")
        verbose_name_plural = _("rounds")

    def __str__(self):
        return f"{self.campaign} · {self.get_kind_display()} {self.number}"


class Response(models.Model):
    """A pair's answer for one aspect in one round (seed 001's questionnaire, per aspect).

    `degree` is None while unanswered, which is not the same as 0 (no cooperation). The follow-up
    questions depend on the degree: none → is cooperation desirable; informal → is formal
    cooperation desirable; formal → obstacles to formalising. The database refuses a follow-up
    answer that does not belong to the degree.
    """

    class Respondent(models.TextChoices):
        JOINT = "joint", _("municipality and OCMW together")
        MUNICIPALITY = Administration.Kind.MUNICIPALITY.value, _("municipality")
        WELFARE_CENTRE = Administration.Kind.WELFARE_CENTRE.value, _("OCMW")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="responses", verbose_name=_("round")
    )
    pair = models.ForeignKey(
        Pair, on_delete=models.PROTECT, related_name="responses", verbose_name=_("pair")
    )
    aspect = models.ForeignKey(
        Aspect, on_delete=models.PROTECT, related_name="responses", verbose_name=_("aspect")
    )
    respondent = models.CharField(
        _("answered by"), max_length=10, choices=Respondent.choices, default=Respondent.JOINT
    )
    degree = models.PositiveSmallIntegerField(
        _("degree of cooperation"), null=True, blank=True, validators=[MaxValueValidator(2)]
    )
    reasons = models.TextField(_("reasons"), blank=True)
    reason_clusters = models.ManyToManyField(
        ReasonCluster, blank=True, related_name="responses", verbose_name=_("reason clusters")
    )
    regulation = models.TextField(_("how the cooperation is regulated"), blank=True)
    instrument = models.ForeignKey(
        Instrument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responses",
        verbose_name=_("instrument"),
    )
    regulation_link = models.URLField(_("link to the regulating document"), blank=True)
    desirable = models.BooleanField(_("cooperation desirable"), null=True, blank=True)
    desirable_reasons = models.TextField(_("why cooperation is (not) desirable"), blank=True)
    formal_desirable = models.BooleanField(_("formal cooperation desirable"), null=True, blank=True)
    formal_desirable_reasons = models.TextField(
        _("why formal cooperation is (not) desirable"), blank=True
    )
    obstacles = models.TextField(_("obstacles to formalising"), blank=True)
    obstacle_types = models.ManyToManyField(
        ObstacleType, blank=True, related_name="responses", verbose_name=_("obstacle types")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    source_note = models.CharField(_("source"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    history = HistoricalRecords(m2m_fields=[reason_clusters, obstacle_types])

    class Meta:
        ordering = ["round", "pair__municipality__name_nl", "aspect__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "pair", "aspect", "respondent"],
                name="one_response_per_aspect_and_respondent",
            ),
            models.CheckConstraint(
                condition=Q(degree__isnull=True) | Q(degree__lte=2), name="degree_is_0_1_or_2"
            ),
            models.CheckConstraint(
                condition=Q(desirable__isnull=True) | Q(degree=0),
                name="desirable_only_without_cooperation",
            ),
            models.CheckConstraint(
                condition=Q(formal_desirable__isnull=True) | Q(degree=1),
                name="formal_desirable_only_when_informal",
            ),
            models.CheckConstraint(
                condition=Q(obstacles="") | Q(degree=2), name="obstacles_only_when_formal"
            ),
        ]
        indexes = [
            # The matrix read (a round's answers for a domain's aspects) as an index-only scan on
            # PostgreSQL: the included columns spare a heap visit per cell (P3). SQLite ignores
            # `include` and uses the index as a plain one.
            models.Index(
                fields=["round", "aspect"],
                include=["pair", "degree", "respondent", "status"],
                name="response_matrix_read",
            )
        ]
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self):
        return f"{self.pair} · {self.aspect} · {self.degree if self.degree is not None else '—'}"


class ContactPerson(models.Model):
    """A contact person of a pair for a contact domain and one administration (seed 001)."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("campaign")
    )
    pair = models.ForeignKey(
        Pair, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("pair")
    )
    contact_domain = models.ForeignKey(
        ContactDomain, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("domain")
    )
    administration = models.CharField(
        _("administration"), max_length=10, choices=Administration.Kind.choices
    )
    name = models.CharField(_("name"), max_length=150)
    function = models.CharField(_("function"), max_length=150, blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = [
            "campaign",
            "pair__municipality__name_nl",
            "contact_domain__order",
            "administration",
        ]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self):
        return f"{self.name} ({self.pair}, {self.contact_domain})"

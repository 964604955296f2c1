"""Campaigns, the pairs taking part, their rounds and the aspects a campaign added."""

from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tandem.catalogue.models import Aspect, Framework
from tandem.core.fields import actor_field
from tandem.places.models import Pair


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
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    # Reminders sent by `tandem remind` (daily) to everyone invited whose questionnaire is not
    # submitted: so many days before the open round's deadline, and on the day itself.
    reminder_days = models.CharField(
        _("reminders, days before the deadline"),
        max_length=40,
        blank=True,
        default="7,2",
        validators=[
            RegexValidator(
                r"^\s*$|^\s*\d{1,2}(\s*,\s*\d{1,2})*\s*$",
                _("Write whole numbers of days separated by commas, for example 7, 2."),
            )
        ],
        help_text=_("Days before the deadline, separated by commas; empty: none before it."),
    )
    remind_on_deadline = models.BooleanField(_("remind on the deadline itself"), default=True)
    max_reminders = models.PositiveSmallIntegerField(
        _("at most so many reminders per person"),
        default=3,
        validators=[MaxValueValidator(10)],
    )
    # The coordinator's own subject and opening paragraph of the mails, per language
    # (translated fields); empty: Tandem's text in that language.
    invitation_subject = models.CharField(_("invitation: subject"), max_length=200, blank=True)
    invitation_opening = models.TextField(
        _("invitation: opening paragraph"), max_length=2000, blank=True
    )
    reminder_subject = models.CharField(_("reminder: subject"), max_length=200, blank=True)
    reminder_opening = models.TextField(
        _("reminder: opening paragraph"), max_length=2000, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = actor_field(_("created by"))

    class Meta:
        ordering = ["-year", "slug"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self):
        return self.name

    @property
    def is_grid(self) -> bool:
        """Seed 000's method: synthesis tables and factor matrices, not a questionnaire."""
        return self.framework.method == Framework.Method.GRID

    @property
    def days_before(self) -> list[int]:
        """The reminder days before a deadline, largest first, each once."""
        days = {int(part) for part in self.reminder_days.split(",") if part.strip()}
        return sorted(days, reverse=True)


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
    # A later deadline for this pair alone (the coordinator's extension): its questionnaire and
    # its reminders follow it; the round closes for everyone when the coordinator closes it.
    extended_until = models.DateField(_("deadline extended until"), null=True, blank=True)
    extension_reason = models.CharField(_("reason for the extension"), max_length=300, blank=True)

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

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class CampaignAspect(models.Model):
    """An aspect a campaign put to all its pairs in a confirmation round ('other' aspects).

    Some pairs named it in `round` ('Andere (specifieer)'); every later round of the campaign
    asks it of all pairs. The 'other' matrices show the aspects the campaign added; other
    campaigns on the same framework are not affected.
    """

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="added_aspects", verbose_name=_("campaign")
    )
    aspect = models.ForeignKey(
        Aspect, on_delete=models.PROTECT, related_name="campaign_links", verbose_name=_("aspect")
    )
    round = models.ForeignKey(
        Round,
        on_delete=models.CASCADE,
        related_name="added_aspects",
        verbose_name=_("named in round"),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "aspect"], name="aspect_once_per_campaign"),
        ]
        verbose_name = _("aspect added by a campaign")
        verbose_name_plural = _("aspects added by campaigns")

    def __str__(self):
        return f"{self.campaign} · {self.aspect}"


class ProposedAspect(models.Model):
    """An aspect a pair typed in an 'Andere (specifieer)' row of a round.

    The coordinator reviews them when the round closes: merges duplicates into one, promotes
    chosen ones into the framework (then every pair answers them in the confirmation round), or
    leaves them as the pair's own.
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        MERGED = "merged", _("merged into another proposal")
        PROMOTED = "promoted", _("promoted to an aspect")
        KEPT = "kept", _("kept as the pair's own")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("campaign")
    )
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("round")
    )
    pair = models.ForeignKey(
        Pair, on_delete=models.PROTECT, related_name="proposed_aspects", verbose_name=_("pair")
    )
    domain = models.ForeignKey(
        "catalogue.Domain",
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("domain"),
    )
    label = models.CharField(_("aspect named by the pair"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("merged into"),
    )
    aspect = models.ForeignKey(
        Aspect,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("promoted to aspect"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = actor_field(_("created by"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["domain__number", "label"]
        verbose_name = _("proposed aspect")
        verbose_name_plural = _("proposed aspects")

    def __str__(self):
        return f"{self.label} ({self.pair}, {self.domain})"

"""Seed 000's analysis grid: a pair's synthesis table (Bijlage 6) in a grid campaign, and the
focus groups' explanatory-factor matrices (§5.2)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tandem.campaigns.models import Campaign, CampaignPair
from tandem.catalogue.models import (
    Aspect,
    CooperationFocus,
    Domain,
    Factor,
    ObstacleType,
    TypologyValue,
)
from tandem.core.bilingual import either_language, text_in
from tandem.core.versioning import Versioned

Dimension = TypologyValue.Dimension


class SynthesisTable(Versioned):
    """A pair's synthesis table in a grid campaign, with what the intake interview recorded about
    the pair as a whole: who took part, and the pair's attitude (S000:3478-3496)."""

    class Attitude(models.TextChoices):
        PROACTIVE = "proactive", _("working towards more cooperation")
        RETICENT = "reticent", _("reticent: no more cooperation wanted")
        NOT_CONSIDERED = "not_considered", _("not yet considered")

    class Status(models.TextChoices):
        """Seed 000's first feedback loop (S000 §4, 1b): the table goes to the pair's
        participants, who confirm it as it stands or correct it."""

        DRAFT = "draft", _("draft")
        SENT = "sent", _("sent to the participants")
        CONFIRMED = "confirmed", _("confirmed by the participants")
        CORRECTED = "corrected", _("corrected by the participants")

    ANSWERED = (Status.CONFIRMED, Status.CORRECTED)

    participation = models.OneToOneField(
        CampaignPair,
        on_delete=models.CASCADE,
        related_name="synthesis_table",
        verbose_name=_("participating pair"),
    )
    attitude = models.CharField(
        _("attitude towards cooperation"), max_length=15, choices=Attitude.choices, blank=True
    )
    intake_on = models.DateField(_("date of the intake interview"), null=True, blank=True)
    intake_participants = models.TextField(_("participants in the intake interview"), blank=True)
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    status = models.CharField(
        _("feedback status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    sent_at = models.DateTimeField(_("sent to the participants at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer_note = models.TextField(_("the participants' remarks"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("synthesis table")
        verbose_name_plural = _("synthesis tables")

    def __str__(self):
        return str(self.participation)

    @property
    def is_answered(self) -> bool:
        """Confirmed or corrected: it changes no more until a coordinator reopens it."""
        return self.status in self.ANSWERED


class TableSharing(models.Model):
    """Seed 000's second feedback loop (S000 §4, 1c): the campaign's answered synthesis tables
    shared with every participating pair, who may then add forms of cooperation they had not
    named. Once shared, they stay shared."""

    campaign = models.OneToOneField(
        Campaign, on_delete=models.CASCADE, related_name="table_sharing", verbose_name=_("campaign")
    )
    shared_at = models.DateTimeField(_("shared at"), auto_now_add=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("shared by"),
    )
    tables = models.PositiveIntegerField(_("answered tables when shared"), default=0)

    class Meta:
        verbose_name = _("sharing of the synthesis tables")
        verbose_name_plural = _("sharings of the synthesis tables")

    def __str__(self):
        return str(self.campaign)


def typology_field(dimension: str, label) -> models.ForeignKey:
    """An entry's value on one typology dimension; empty when the description does not tell."""
    return models.ForeignKey(
        TypologyValue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"dimension": dimension},
        verbose_name=label,
    )


class GridEntry(Versioned):
    """A row of a synthesis table: for one sub-domain, a component on which the pair cooperates
    now (current) or on which (more) cooperation is desirable, with the way of cooperating and
    its typology; on the desirable side also whether it is possible and what stands in the way.

    "Geen (verdere) samenwerking (wenselijk)" is an entry of its own (`is_none`), so "no
    cooperation" is an answer, distinct from a sub-domain nobody filled in."""

    class Stage(models.TextChoices):
        CURRENT = "current", _("current cooperation")
        DESIRABLE = "desirable", _("desirable cooperation")

    class Possible(models.TextChoices):
        YES = "yes", _("possible")
        OBSTRUCTED = "obstructed", _("possible once the obstacles are removed")
        NO = "no", _("not possible")

    class ObstacleAnswer(models.TextChoices):
        LISTED = "listed", _("obstacles named")
        NONE = "none", _("no obstacles")
        NOT_APPLICABLE = "not_applicable", _("not applicable")

    table = models.ForeignKey(
        SynthesisTable,
        on_delete=models.CASCADE,
        related_name="entries",
        verbose_name=_("synthesis table"),
    )
    domain = models.ForeignKey(
        Domain, on_delete=models.PROTECT, related_name="+", verbose_name=_("sub-domain")
    )
    stage = models.CharField(_("current or desirable"), max_length=10, choices=Stage.choices)
    is_none = models.BooleanField(
        _("no (further) cooperation"),
        default=False,
        help_text=_("The answer 'Geen (verdere) samenwerking (wenselijk)'."),
    )
    components = models.ManyToManyField(
        Aspect, blank=True, related_name="grid_entries", verbose_name=_("components")
    )
    label = models.CharField(_("component as named"), max_length=300, blank=True)
    way = models.TextField(_("way of cooperating"), blank=True)
    level = typology_field(Dimension.LEVEL, _("level in the policy and management cycle"))
    place = typology_field(Dimension.PLACE, _("place in the organogram"))
    scale = typology_field(Dimension.SCALE, _("administrative scale"))
    formalisation = typology_field(Dimension.FORMALISATION, _("formalisation"))
    finality = typology_field(Dimension.FINALITY, _("finality"))
    possible = models.CharField(_("possible?"), max_length=10, choices=Possible.choices, blank=True)
    obstacle_answer = models.CharField(
        _("obstacles"), max_length=15, choices=ObstacleAnswer.choices, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    added_after_sharing = models.BooleanField(
        _("added after the tables were shared"),
        default=False,
        help_text=_("A form of cooperation the pair named once it had read the others' tables."),
    )
    history = HistoricalRecords(m2m_fields=[components])

    TYPOLOGY = ("level", "place", "scale", "formalisation", "finality")

    class Meta:
        ordering = ["domain__number", "stage", "order", "pk"]
        constraints = [
            # Possibility and obstacles are asked of desirable cooperation only.
            models.CheckConstraint(
                condition=Q(stage="desirable") | (Q(possible="") & Q(obstacle_answer="")),
                name="grid_current_has_no_obstacles",
            ),
            # "No cooperation" has no typology.
            models.CheckConstraint(
                condition=Q(is_none=False)
                | Q(
                    level__isnull=True,
                    place__isnull=True,
                    scale__isnull=True,
                    formalisation__isnull=True,
                    finality__isnull=True,
                ),
                name="grid_none_has_no_typology",
            ),
        ]
        verbose_name = _("grid entry")
        verbose_name_plural = _("grid entries")

    def __str__(self):
        return f"{self.domain.number} · {self.get_stage_display()} · {self.label}"


class GridObstacle(models.Model):
    """An obstacle to a desirable form of cooperation, with its type(s) and the text."""

    entry = models.ForeignKey(
        GridEntry, on_delete=models.CASCADE, related_name="obstacles", verbose_name=_("entry")
    )
    types = models.ManyToManyField(
        ObstacleType, blank=True, related_name="grid_obstacles", verbose_name=_("types")
    )
    label = models.CharField(_("type as named"), max_length=150, blank=True)
    text = models.TextField(_("obstacle"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    source = models.CharField(_("source"), max_length=200, blank=True)
    history = HistoricalRecords(m2m_fields=[types])

    class Meta:
        ordering = ["entry", "order", "pk"]
        verbose_name = _("obstacle")
        verbose_name_plural = _("obstacles")

    def __str__(self):
        return self.label or self.text[:60]


class FactorMatrix(models.Model):
    """A focus group's table of explanatory factors (S000 §5.2): factors × cities, + / - / ?."""

    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.CASCADE,
        related_name="factor_matrices",
        verbose_name=_("campaign"),
    )
    focus = models.ForeignKey(
        CooperationFocus, on_delete=models.PROTECT, related_name="+", verbose_name=_("focus")
    )
    title = models.CharField(_("theme of the focus group"), max_length=300, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign", "focus__order"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "focus"], name="factor_matrix_per_focus"),
        ]
        verbose_name = _("factor matrix")
        verbose_name_plural = _("factor matrices")

    def __str__(self):
        return f"{self.campaign} · {self.focus}"


class FactorColumn(models.Model):
    """A pair (city) as a column of a factor matrix, in the seed's column order."""

    matrix = models.ForeignKey(
        FactorMatrix, on_delete=models.CASCADE, related_name="columns", verbose_name=_("matrix")
    )
    participation = models.ForeignKey(
        CampaignPair, on_delete=models.CASCADE, related_name="+", verbose_name=_("pair")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    printed = models.CharField(_("heading as printed"), max_length=100, blank=True)

    class Meta:
        ordering = ["matrix", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["matrix", "participation"], name="pair_once_per_matrix"
            ),
        ]
        verbose_name = _("matrix column")
        verbose_name_plural = _("matrix columns")

    def __str__(self):
        return self.printed or str(self.participation.pair)


class FactorRow(models.Model):
    """A factor as a row of a factor matrix, in the seed's row order."""

    matrix = models.ForeignKey(
        FactorMatrix, on_delete=models.CASCADE, related_name="rows", verbose_name=_("matrix")
    )
    factor = models.ForeignKey(
        Factor, on_delete=models.PROTECT, related_name="+", verbose_name=_("factor")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    printed = models.CharField(_("label as printed"), max_length=150, blank=True)

    class Meta:
        ordering = ["matrix", "order"]
        constraints = [
            models.UniqueConstraint(fields=["matrix", "factor"], name="factor_once_per_matrix"),
        ]
        verbose_name = _("matrix row")
        verbose_name_plural = _("matrix rows")

    def __str__(self):
        return self.printed or str(self.factor)


class FactorValue(Versioned):
    """A cell: whether a factor played for a pair (+ present, - known absent, ? not reported,
    +/- mixed; empty where the seed gives no value), with an optional explanation."""

    class Symbol(models.TextChoices):
        PRESENT = "+", _("present")
        ABSENT = "-", _("absent")
        NOT_REPORTED = "?", _("not reported")
        MIXED = "+/-", _("mixed")

    row = models.ForeignKey(
        FactorRow, on_delete=models.CASCADE, related_name="values", verbose_name=_("factor")
    )
    column = models.ForeignKey(
        FactorColumn, on_delete=models.CASCADE, related_name="values", verbose_name=_("pair")
    )
    symbol = models.CharField(_("value"), max_length=3, choices=Symbol.choices, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["row", "column"], name="one_value_per_cell"),
        ]
        verbose_name = _("factor value")
        verbose_name_plural = _("factor values")

    def __str__(self):
        return f"{self.row} · {self.column}: {self.symbol or '—'}"


class PracticeNote(Versioned):
    """A good-practice note a pair or a coordinator attaches to a sub-domain of the pair's
    synthesis table, with the components it concerns (issue 17.6): seed 000's case boxes
    («Kader», SEEDS.md §5.8.4) are such notes. Shown in the other pairs' peer practice. Kept
    in Dutch, in French or in both."""

    participation = models.ForeignKey(
        CampaignPair,
        on_delete=models.CASCADE,
        related_name="practice_notes",
        verbose_name=_("pair"),
    )
    domain = models.ForeignKey(
        Domain, on_delete=models.PROTECT, related_name="+", verbose_name=_("sub-domain")
    )
    components = models.ManyToManyField(
        Aspect, blank=True, related_name="practice_notes", verbose_name=_("components")
    )
    stage = models.CharField(
        _("current or desirable"),
        max_length=10,
        choices=GridEntry.Stage.choices,
        default=GridEntry.Stage.CURRENT,
    )
    title_nl = models.CharField(_("title in Dutch"), max_length=300, blank=True)
    title_fr = models.CharField(_("title in French"), max_length=300, blank=True)
    text_nl = models.TextField(_("text in Dutch"), blank=True)
    text_fr = models.TextField(_("text in French"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    history = HistoricalRecords(m2m_fields=[components])

    class Meta:
        ordering = ["domain__number", "pk"]
        constraints = [
            either_language("title", "practice_note_title_in_a_language"),
            either_language("text", "practice_note_text_in_a_language"),
        ]
        verbose_name = _("good-practice note")
        verbose_name_plural = _("good-practice notes")

    def __str__(self):
        return self.title_nl or self.title_fr

    def text(self, field: str, language: str) -> tuple[str, str]:
        return text_in(self, field, language)

"""The integration trajectory of a pair (seed 003, "Tandem rijden voor gevorderden"; S003:17-65):
step 1, the organisation scan, holds the interviews with privileged witnesses about the starting
situation (the seed's five questions) and the scan's picture of it per perspective (strategic,
financial, organisation and management, optionally patrimony); "samenwerken, tenzij…" holds the
pair's decision per product dossier (seed 000 §6). Every record is versioned for
edit conflicts (R5) and keeps its history (R6)."""

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tandem.catalogue.models import ProductDossier
from tandem.core.versioning import Versioned
from tandem.places.models import Pair


class Perspective(models.TextChoices):
    """The three perspectives of the trajectory and the optional fourth (S003:53-65)."""

    STRATEGIC = "strategic", _("strategic")
    FINANCIAL = "financial", _("financial")
    ORGANISATION = "organisation", _("organisation and management")
    PATRIMONY = "patrimony", _("patrimony")


# The five questions of the organisation scan, in the seed's order (S003:19-23); each is a field
# of an interview.
SCAN_QUESTIONS = (
    ("strengths", _("What are the strengths of each administration?")),
    ("support", _("Is there support for cooperation?")),
    ("direction", _("Which direction do we want to take?")),
    ("working_methods", _("How different are the working methods and processes?")),
    ("housing", _("How is each administration housed?")),
)


class Trajectory(Versioned):
    """A pair's trajectory; one per pair, made when its first record is saved."""

    pair = models.OneToOneField(
        Pair, on_delete=models.CASCADE, related_name="trajectory", verbose_name=_("pair")
    )
    with_patrimony = models.BooleanField(
        _("with the patrimony perspective"),
        default=False,
        help_text=_("The method offers patrimony as an optional fourth perspective."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("integration trajectory")
        verbose_name_plural = _("integration trajectories")

    def __str__(self):
        return str(self.pair)

    @property
    def perspectives(self) -> list[Perspective]:
        return [p for p in Perspective if self.with_patrimony or p != Perspective.PATRIMONY]


class Interview(Versioned):
    """One conversation with a privileged witness about the starting situation (S003:19-23)."""

    class Administration(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        WELFARE_CENTRE = "welfare_centre", _("OCMW/CPAS")
        BOTH = "both", _("both administrations")
        OUTSIDE = "outside", _("outside both administrations")

    trajectory = models.ForeignKey(
        Trajectory,
        on_delete=models.CASCADE,
        related_name="interviews",
        verbose_name=_("integration trajectory"),
    )
    held_on = models.DateField(_("date of the interview"))
    witness = models.CharField(_("who was interviewed"), max_length=150)
    administration = models.CharField(
        _("administration"), max_length=16, choices=Administration.choices
    )
    role = models.CharField(
        _("role"),
        max_length=150,
        help_text=_("For example: general director, financial director, OCMW chair."),
    )
    perspectives = models.JSONField(
        _("perspectives"), default=list, help_text=_("The perspectives the interview speaks to.")
    )
    strengths = models.TextField(SCAN_QUESTIONS[0][1], blank=True)
    support = models.TextField(SCAN_QUESTIONS[1][1], blank=True)
    direction = models.TextField(SCAN_QUESTIONS[2][1], blank=True)
    working_methods = models.TextField(SCAN_QUESTIONS[3][1], blank=True)
    housing = models.TextField(SCAN_QUESTIONS[4][1], blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")

    def __str__(self):
        return f"{self.witness} ({self.held_on:%d/%m/%Y})"

    def perspective_labels(self) -> list[str]:
        """The perspectives it speaks to, named in the page's language, in the method's order."""
        return [str(p.label) for p in Perspective if p.value in self.perspectives]

    def answers(self) -> list[tuple[str, str]]:
        """(question, answer) for the questions answered, in the seed's order."""
        return [
            (str(label), text)
            for name, label in SCAN_QUESTIONS
            if (text := getattr(self, name).strip())
        ]


class ScanPicture(Versioned):
    """The scan's picture of the starting situation from one perspective: what the interviews
    and what Tandem already knows of the pair say, in the pair's own words."""

    trajectory = models.ForeignKey(
        Trajectory,
        on_delete=models.CASCADE,
        related_name="pictures",
        verbose_name=_("integration trajectory"),
    )
    perspective = models.CharField(_("perspective"), max_length=16, choices=Perspective.choices)
    text = models.TextField(
        _("the starting situation"),
        blank=True,
        help_text=_("Paragraphs separated by a blank line; lines starting with '- ' form a list."),
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "perspective"], name="one_scan_picture_per_perspective"
            )
        ]
        verbose_name = _("scan picture")
        verbose_name_plural = _("scan pictures")

    def __str__(self):
        return f"{self.trajectory} · {self.get_perspective_display()}"


class DossierDecision(Versioned):
    """ "Samenwerken, tenzij…" (comply or explain, issue 18.5; S000:7316-7345): for a product
    dossier of the catalogue, or one the pair adds, the pair cooperates unless it records why
    not; the decision is reviewed each year."""

    trajectory = models.ForeignKey(
        Trajectory,
        on_delete=models.CASCADE,
        related_name="dossiers",
        verbose_name=_("integration trajectory"),
    )
    dossier = models.ForeignKey(
        ProductDossier,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("product dossier"),
    )
    own_name = models.CharField(
        _("dossier of the pair's own"),
        max_length=150,
        blank=True,
        help_text=_("Only for a dossier that is not in the list."),
    )
    cooperates = models.BooleanField(_("the two administrations cooperate on it"), default=True)
    motivation = models.TextField(
        _("motivation"),
        blank=True,
        help_text=_("Why the administrations do not cooperate on this dossier (required then)."),
    )
    decided_on = models.DateField(_("decided or last reviewed on"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["dossier__order", "own_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cooperates=True) | ~Q(motivation=""),
                name="an_exception_is_motivated",
            ),
            models.CheckConstraint(
                condition=(Q(dossier__isnull=False) & Q(own_name=""))
                | (Q(dossier__isnull=True) & ~Q(own_name="")),
                name="a_listed_or_an_own_dossier",
            ),
            models.UniqueConstraint(
                fields=["trajectory", "dossier"],
                condition=Q(dossier__isnull=False),
                name="one_decision_per_listed_dossier",
            ),
        ]
        verbose_name = _("dossier decision")
        verbose_name_plural = _("dossier decisions")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.dossier.name if self.dossier_id else self.own_name

    def review_due(self, today: date) -> bool:
        """A decision is looked at again a year after it was taken or last reviewed."""
        try:
            due = self.decided_on.replace(year=self.decided_on.year + 1)
        except ValueError:  # 29 February
            due = self.decided_on.replace(year=self.decided_on.year + 1, day=28)
        return today >= due


class TargetPicture(Versioned):
    """Step 2's target picture (S003:25-31): with the protagonists, the joint ambition — the
    intended results of the cooperation, the people and services involved, the time frame."""

    trajectory = models.OneToOneField(
        Trajectory,
        on_delete=models.CASCADE,
        related_name="target",
        verbose_name=_("integration trajectory"),
    )
    results = models.TextField(_("intended results of the cooperation"), blank=True)
    people_and_services = models.TextField(_("people and services involved"), blank=True)
    time_frame = models.TextField(_("time frame"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target picture")
        verbose_name_plural = _("target pictures")

    def __str__(self):
        return f"{self.trajectory} · {self._meta.verbose_name}"


class Phase(Versioned):
    """A phase of step 2's action plan, "gefaseerde uitvoering" (S003:31-35)."""

    trajectory = models.ForeignKey(
        Trajectory,
        on_delete=models.CASCADE,
        related_name="phases",
        verbose_name=_("integration trajectory"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=150)
    history = HistoricalRecords()

    class Meta:
        ordering = ["number", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "number"], name="one_phase_per_number")
        ]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    def __str__(self):
        return f"{self.number}. {self.name}"


class Action(Versioned):
    """An action of the plan (S003:31-35: actions, timing, project structure, change management,
    communication, follow-up), with who carries it and how it is going."""

    class Owner(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        WELFARE_CENTRE = "welfare_centre", _("OCMW/CPAS")
        JOINT = "joint", _("jointly")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        STOPPED = "stopped", _("stopped")

    class Health(models.TextChoices):
        ON_TRACK = "on_track", _("on track")
        AT_RISK = "at_risk", _("at risk")
        BLOCKED = "blocked", _("blocked")

    phase = models.ForeignKey(
        Phase, on_delete=models.PROTECT, related_name="actions", verbose_name=_("phase")
    )
    title = models.CharField(_("action"), max_length=200)
    owner = models.CharField(_("carried by"), max_length=16, choices=Owner.choices)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    health = models.CharField(
        _("health"), max_length=16, choices=Health.choices, default=Health.ON_TRACK
    )
    health_reason = models.TextField(
        _("why at risk or blocked"), blank=True, help_text=_("Required when at risk or blocked.")
    )
    project_structure = models.TextField(_("project structure"), blank=True)
    change_management = models.TextField(_("change management"), blank=True)
    communication = models.TextField(_("communication"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["phase__number", "starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="an_action_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(health="on_track") | ~Q(health_reason=""),
                name="a_risk_or_block_has_a_reason",
            ),
        ]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self):
        return self.title

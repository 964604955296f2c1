"""A pair's answers: responses per aspect, documents, submissions and contact persons."""

import uuid

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tandem.catalogue.models import Aspect, ContactDomain, Instrument, ObstacleType, ReasonCluster
from tandem.core.fields import actor_field
from tandem.core.uploads import StoredDocument
from tandem.places.models import Administration, Pair

from .campaign import Campaign, ProposedAspect, Round

# The degree scale's stored scores (seed 001: geen / informele / formele samenwerking).
NONE, INFORMAL, FORMAL = 0, 1, 2


class SeatQuerySet(models.QuerySet):
    """Rows kept per seat: one round of one pair, answered by one respondent."""

    def of_seat(self, round_, pair, respondent: str) -> "SeatQuerySet":
        return self.filter(round=round_, pair=pair, respondent=respondent)


class ResponseQuerySet(SeatQuerySet):
    def scored(self) -> "ResponseQuerySet":
        """The answers the matrices count: submitted, one per pair, round and aspect.

        A pair answering jointly has one answer per aspect. A pair answering per administration
        counts with the higher of the degrees its municipality and OCMW submitted (issue 15.8,
        stated on the matrix page): a submitted answer is left out when another submitted answer
        of the same pair to the same aspect has a higher degree, an equal degree and a lower id,
        or a degree where it has none. Aggregates over this set count every cell once."""
        submitted = self.filter(status=Response.Status.SUBMITTED)
        others = Response.objects.filter(
            round=OuterRef("round"),
            pair=OuterRef("pair"),
            aspect=OuterRef("aspect"),
            status=Response.Status.SUBMITTED,
        ).exclude(pk=OuterRef("pk"))
        beaten_answer = others.filter(
            Q(degree__gt=OuterRef("degree")) | Q(degree=OuterRef("degree"), pk__lt=OuterRef("pk"))
        )
        beaten_blank = others.filter(Q(degree__isnull=False) | Q(pk__lt=OuterRef("pk")))
        return submitted.filter(
            Q(degree__isnull=False) & ~Exists(beaten_answer)
            | Q(degree__isnull=True) & ~Exists(beaten_blank)
        )


class Response(models.Model):
    """A pair's answer for one aspect in one round (seed 001's questionnaire, per aspect).

    `degree` is None while unanswered, which is not the same as 0 (no cooperation). The follow-up
    questions depend on the degree: none → is cooperation desirable; informal → is formal
    cooperation desirable; formal → obstacles to formalising. The database refuses a follow-up
    answer that does not belong to the degree.

    A response answers either a catalogue aspect or a pair's own 'Andere (specifieer)' row
    (`proposal`); when the coordinator promotes that proposal, the response points at the new
    aspect too. In a confirmation round a response starts as a copy of the pair's answer in the
    round before (`previous`) and is confirmed or changed with a reason.
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
        Aspect,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responses",
        verbose_name=_("aspect"),
    )
    proposal = models.ForeignKey(
        ProposedAspect,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="responses",
        verbose_name=_("own aspect ('other')"),
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
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answer in the previous round"),
    )
    confirmed = models.BooleanField(_("confirmed unchanged"), default=False)
    change_reason = models.TextField(_("reason for the change"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    source_note = models.CharField(_("source"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = actor_field(_("updated by"))
    # The page (one opening of the questionnaire) that saved the latest version: its own
    # autosave racing its Save button is no conflict; another tab of the same person is.
    saved_by_form = models.CharField(_("saved by page"), max_length=32, blank=True, editable=False)
    history = HistoricalRecords(m2m_fields=[reason_clusters, obstacle_types])

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["round", "pair__municipality__name_nl", "aspect__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "pair", "aspect", "respondent"],
                name="one_response_per_aspect_and_respondent",
            ),
            models.UniqueConstraint(
                fields=["round", "pair", "proposal", "respondent"],
                condition=Q(aspect__isnull=True),
                name="one_response_per_own_row_and_respondent",
            ),
            models.CheckConstraint(
                condition=Q(aspect__isnull=False) | Q(proposal__isnull=False),
                name="response_answers_an_aspect_or_own_row",
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
        subject = self.aspect or self.proposal
        return f"{self.pair} · {subject} · {self.degree if self.degree is not None else '—'}"

    @property
    def subject_label(self) -> str:
        """The aspect's questionnaire label, or what the pair typed in its 'other' row."""
        return self.aspect.label if self.aspect_id else self.proposal.label


def document_path(instance, filename):
    """A generated name: the uploader's file name is kept in the database, never on disk."""
    return f"responses/{uuid.uuid4().hex}"


class ResponseDocument(StoredDocument):
    """A document that regulates the cooperation (agreement, council decision), attached to an
    answer. Stored under a generated name outside the static files and served as a download
    only to those who may see the answer."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="documents", verbose_name=_("response")
    )
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["response", "uploaded_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")


class Submission(models.Model):
    """A pair's (or one administration's) submitted questionnaire in a round.

    Submitting makes the answers count in the matrices and read-only; a coordinator may reopen
    it with a reason, which the history keeps.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        REOPENED = "reopened", _("reopened")

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("round")
    )
    pair = models.ForeignKey(
        Pair, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("pair")
    )
    respondent = models.CharField(
        _("answered by"),
        max_length=10,
        choices=Response.Respondent.choices,
        default=Response.Respondent.JOINT,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = actor_field(_("submitted by"))
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopened_by = actor_field(_("reopened by"))
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)
    history = HistoricalRecords()

    objects = SeatQuerySet.as_manager()

    class Meta:
        ordering = ["round", "pair__municipality__name_nl", "respondent"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "pair", "respondent"], name="one_submission_per_respondent"
            ),
        ]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self):
        return f"{self.round} · {self.pair} · {self.get_status_display()}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


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
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
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

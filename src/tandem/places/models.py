"""Regions, provinces, municipalities with their REFNIS code history, administrations and pairs."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .naming import BRUSSELS, folded, municipality_name

BRUSSELS_ARRONDISSEMENT = "21"  # REFNIS codes 21001-21019: the 19 Brussels municipalities


class Region(models.Model):
    """Vlaams / Waals / Brussels Hoofdstedelijk Gewest, by REFNIS code ('02000', '03000', …)."""

    refnis = models.CharField(_("REFNIS code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100)  # translated: name_nl, name_fr, name_en

    class Meta:
        ordering = ["refnis"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


class Province(models.Model):
    """One of the ten provinces. The Brussels-Capital Region has none."""

    refnis = models.CharField(_("REFNIS code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="provinces", verbose_name=_("region")
    )

    class Meta:
        ordering = ["refnis"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name


class MunicipalityQuerySet(models.QuerySet):
    def current(self):
        return self.filter(valid_to__isnull=True)

    def by_code(self, code: str):
        """The municipality of today for a REFNIS code, current or former (see MunicipalityCode)."""
        return self.filter(Q(refnis=code) | Q(former_codes__code=code)).distinct()


class Municipality(models.Model):
    """A municipality as Statbel lists it today (gemeente / commune)."""

    refnis = models.CharField(_("REFNIS code"), max_length=5, unique=True)
    name_nl = models.CharField(_("Dutch name"), max_length=100)
    name_fr = models.CharField(_("French name"), max_length=100)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("region")
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="municipalities",
        verbose_name=_("province"),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    # Both names folded (naming.folded), kept on save: the pair search matches on it in the
    # database, on SQLite as on PostgreSQL, without an accent-folding extension.
    search_names = models.CharField(max_length=210, blank=True, editable=False)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name_nl"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_names = folded(f"{self.name_nl} {self.name_fr}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"name_nl", "name_fr"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_names"}
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        """The name in the active language (places.naming: both names in Brussels). The region
        is read only in English, where it decides which name is official: a Brussels
        municipality is known by its code (arrondissement 21), so lists need no join."""
        if self.refnis.startswith(BRUSSELS_ARRONDISSEMENT):
            region = BRUSSELS
        elif (get_language() or "nl")[:2] == "en":
            region = self.region.refnis
        else:
            region = ""
        return municipality_name(self.name_nl, self.name_fr, region)


class MunicipalityCode(models.Model):
    """A REFNIS code a municipality of today carried before a merger or recoding.

    Data gathered under a former code (Hasselt was 71022 in 2010) attaches to today's
    municipality (71072 since the 2025 merger with Kortessem), and the old code stays findable.
    """

    class Change(models.TextChoices):
        MERGED = "merged", _("merged into a new municipality")
        ABSORBED = "absorbed", _("absorbed by an existing municipality")
        RECODED = "recoded", _("given a new code")

    code = models.CharField(_("former REFNIS code"), max_length=5, unique=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="former_codes",
        verbose_name=_("municipality today"),
    )
    name_nl = models.CharField(_("former Dutch name"), max_length=100)
    name_fr = models.CharField(_("former French name"), max_length=100)
    change = models.CharField(_("change"), max_length=10, choices=Change.choices)
    valid_to = models.DateField(_("last day valid"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("former REFNIS code")
        verbose_name_plural = _("former REFNIS codes")

    def __str__(self):
        return f"{self.code} {self.name_nl} → {self.municipality.refnis}"


class Administration(models.Model):
    """One of a municipality's two administrations: the gemeente / commune or the OCMW / CPAS."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "gemeente", _("municipality")
        WELFARE_CENTRE = "ocmw", _("public social welfare centre (OCMW/CPAS)")

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="administrations",
        verbose_name=_("municipality"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)

    class Meta:
        ordering = ["municipality__name_nl", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind"], name="one_administration_per_kind"
            ),
        ]
        verbose_name = _("administration")
        verbose_name_plural = _("administrations")

    def __str__(self):
        return f"{self.get_kind_display()} {self.municipality.name}"


class PairQuerySet(models.QuerySet):
    def matching(self, text: str):
        """Pairs whose municipality a search text names: part of its Dutch or French name (any
        capitals or accents), the start of its REFNIS code, or a former code or name."""
        key = folded(text)
        if not key:
            return self
        if key.isdigit():
            return self.filter(
                Q(municipality__refnis__startswith=key)
                | Q(municipality__former_codes__code__startswith=key)
            ).distinct()
        return self.filter(
            Q(municipality__search_names__contains=key)
            | Q(municipality__former_codes__name_nl__icontains=text.strip())
            | Q(municipality__former_codes__name_fr__icontains=text.strip())
        ).distinct()


class Pair(models.Model):
    """A municipality with its OCMW: the unit most data hangs from (bestuurspaar)."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.PROTECT, related_name="pair", verbose_name=_("municipality")
    )

    objects = PairQuerySet.as_manager()

    class Meta:
        ordering = ["municipality__name_nl"]
        verbose_name = _("pair")
        verbose_name_plural = _("pairs")

    def __str__(self):
        return self.municipality.name

    @property
    def refnis(self) -> str:
        return self.municipality.refnis


class PeerGroup(models.Model):
    """A saved group of pairs to compare with each other (the 13 centrumsteden, a custom list)."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=150)  # translated
    description = models.TextField(_("description"), blank=True)  # translated
    pairs = models.ManyToManyField(Pair, related_name="peer_groups", verbose_name=_("pairs"))

    class Meta:
        ordering = ["slug"]
        verbose_name = _("peer group")
        verbose_name_plural = _("peer groups")

    def __str__(self):
        return self.name


class GovernanceStatement(models.Model):
    """One answer to a governance question for a pair, valid from a date (seed 002).

    Kept as dated statements, not overwritten flags, so the integration monitor can show how a
    pair moved over time; the profile of a day is the latest statement per question.
    """

    class Question(models.TextChoices):
        SHARED_SECRETARY = (
            "shared_secretary",
            _("Same person as municipal and OCMW secretary (algemeen directeur)"),
        )
        SHARED_FINANCIAL_MANAGER = (
            "shared_financial_manager",
            _("Same person as municipal and OCMW financial manager"),
        )
        CHAIR_IN_COLLEGE = (
            "chair_in_college",
            _("OCMW chair sits in the college as alderman for welfare"),
        )

    pair = models.ForeignKey(
        Pair, on_delete=models.CASCADE, related_name="governance_statements", verbose_name=_("pair")
    )
    question = models.CharField(_("question"), max_length=40, choices=Question.choices)
    answer = models.BooleanField(_("answer"))
    valid_from = models.DateField(_("valid from"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["pair__municipality__name_nl", "question", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["pair", "question", "valid_from"], name="one_governance_answer_per_day"
            ),
        ]
        verbose_name = _("governance statement")
        verbose_name_plural = _("governance statements")

    def __str__(self):
        return f"{self.pair} · {self.get_question_display()} · {self.answer} ({self.valid_from})"

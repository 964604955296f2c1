"""The cooperation catalogue: frameworks, domains, aspects, the degree scale and the vocabularies
of reasons, obstacles and instruments. Content is shipped as data files (catalogue/data/*.yaml)
and loaded by `tandem load-catalogue`; coordinators edit it in the admin."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB."))


class Framework(models.Model):
    """A versioned set of domains and aspects that campaigns survey (e.g. management 2010).

    Its method says how a campaign records cooperation: a questionnaire scores every aspect 0, 1
    or 2 (seed 001); an analysis grid records, per domain, the components on which a pair
    cooperates and wishes to, with their typology and obstacles (seed 000)."""

    class Method(models.TextChoices):
        QUESTIONNAIRE = "questionnaire", _("questionnaire with degrees of cooperation")
        GRID = "grid", _("analysis grid (synthesis tables)")

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=200)  # translated
    description = models.TextField(_("description"), blank=True)  # translated
    source = models.CharField(_("source"), max_length=300, blank=True)
    method = models.CharField(
        _("method"), max_length=15, choices=Method.choices, default=Method.QUESTIONNAIRE
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")

    def __str__(self):
        return f"{self.name} (v{self.version})"


class Domain(models.Model):
    """A management domain of a framework (questionnaire 'Cluster'), e.g. financieel management."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="domains", verbose_name=_("framework")
    )
    slug = models.SlugField(_("code"), max_length=40)
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=150)  # translated
    questionnaire_heading = models.CharField(_("questionnaire heading"), max_length=200, blank=True)
    field_phrase = models.CharField(
        _("field phrase"),
        max_length=150,
        blank=True,
        help_text=_("Completes 'Is cooperation desirable in …?' for this domain."),
    )  # translated
    definition = models.TextField(_("definition"), blank=True)  # translated
    definition_source = models.CharField(_("source of the definition"), max_length=200, blank=True)

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "slug"], name="domain_slug_per_framework"),
            models.UniqueConstraint(
                fields=["framework", "number"], name="domain_number_per_framework"
            ),
        ]
        verbose_name = _("domain")
        verbose_name_plural = _("domains")

    def __str__(self):
        return self.name


class ExampleActivity(models.Model):
    """An example activity of a domain, shown where a component is chosen: seed 000 Bijlage 2
    "Voorbeelden activiteiten bij resultaatsgebieden ontvanger" for the financial sub-domains."""

    domain = models.ForeignKey(
        Domain, on_delete=models.CASCADE, related_name="examples", verbose_name=_("domain")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("activity"))  # translated
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["domain", "order"]
        constraints = [
            models.UniqueConstraint(fields=["domain", "order"], name="example_order_per_domain"),
        ]
        verbose_name = _("example activity")
        verbose_name_plural = _("example activities")

    def __str__(self):
        return self.text[:80]


class Aspect(models.Model):
    """A sub-aspect of a domain (deelaspect), e.g. 'Thesaurie'.

    `short_label` is the score table's column label, `label` the questionnaire's row label. An
    aspect is predefined (in the questionnaire) or was added in a confirmation round after some
    pairs named it under 'Andere (specifieer)'.
    """

    class Origin(models.TextChoices):
        PREDEFINED = "predefined", _("predefined in the questionnaire")
        CONFIRMATION = "confirmation", _("added in a confirmation round")

    domain = models.ForeignKey(
        Domain, on_delete=models.CASCADE, related_name="aspects", verbose_name=_("domain")
    )
    slug = models.SlugField(_("code"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"))
    origin = models.CharField(
        _("origin"), max_length=20, choices=Origin.choices, default=Origin.PREDEFINED
    )
    short_label = models.CharField(_("short label"), max_length=40)  # translated
    label = models.CharField(_("questionnaire label"), max_length=200)  # translated
    gloss = models.TextField(_("explanation"), blank=True)  # translated
    source_labels = models.JSONField(
        _("labels in the sources"),
        default=list,
        blank=True,
        help_text=_("Spellings of this aspect in the source documents, kept for traceability."),
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["domain", "order"]
        constraints = [
            models.UniqueConstraint(fields=["domain", "slug"], name="aspect_slug_per_domain"),
            models.UniqueConstraint(fields=["domain", "order"], name="aspect_order_per_domain"),
        ]
        verbose_name = _("aspect")
        verbose_name_plural = _("aspects")

    def __str__(self):
        return self.label


class DegreeLevel(models.Model):
    """A step on the degree scale: 0 no, 1 informal, 2 formal cooperation, with its colours."""

    value = models.PositiveSmallIntegerField(_("score"), unique=True)
    code = models.SlugField(_("code"), max_length=20, unique=True)
    label = models.CharField(_("label"), max_length=100)  # translated
    colour = models.CharField(_("background colour"), max_length=7, validators=[hex_colour])
    text_colour = models.CharField(_("text colour"), max_length=7, validators=[hex_colour])
    symbol = models.CharField(
        _("symbol"),
        max_length=4,
        blank=True,
        help_text=_("Shown beside the score so colour is never the only signal."),
    )

    class Meta:
        ordering = ["value"]
        verbose_name = _("degree of cooperation")
        verbose_name_plural = _("degrees of cooperation")

    def __str__(self):
        return f"{self.value} {self.label}"


class VocabularyTerm(models.Model):
    """Base for the controlled vocabularies: a code, a translated name and an explanation."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=150)  # translated
    description = models.TextField(_("description"), blank=True)  # translated
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        abstract = True
        ordering = ["order", "slug"]

    def __str__(self):
        return self.name


class ReasonCluster(VocabularyTerm):
    """A cluster of reasons to cooperate or not (organisatorisch-structureel, regelgeving, ...)."""

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("reason cluster")
        verbose_name_plural = _("reason clusters")


class ObstacleType(VocabularyTerm):
    """A type of obstacle to (formal) cooperation (juridisch, technisch, financieel, ...)."""

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("obstacle type")
        verbose_name_plural = _("obstacle types")


class Instrument(VocabularyTerm):
    """An instrument that regulates cooperation (beheersovereenkomst, convenant, protocol, ...)."""

    formal = models.BooleanField(_("formal instrument"), default=True)

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")


class ContactDomain(models.Model):
    """A domain for which a pair names contact persons (seed 001, 'Bijkomende gegevens')."""

    framework = models.ForeignKey(
        Framework,
        on_delete=models.CASCADE,
        related_name="contact_domains",
        verbose_name=_("framework"),
    )
    slug = models.SlugField(_("code"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=150)  # translated

    class Meta:
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "slug"], name="contact_domain_per_framework"
            ),
        ]
        verbose_name = _("contact domain")
        verbose_name_plural = _("contact domains")

    def __str__(self):
        return self.name


class SynergyDomain(models.Model):
    """A heading of the annual synergy report (seed 004 §3-4): Human Resources,
    Overheidsopdrachten, … Maatschappelijk has sub-themes (Huisvesting, Energie, …), which point
    to it as their parent; the report lists a sub-theme's synergies under its parent's number."""

    class Section(models.TextChoices):
        LOCAL = "local", _("between the municipality and the OCMW")
        OTHER_WELFARE_CENTRES = "other_ocmws", _("with other OCMWs")
        REGIONAL = "regional", _("at regional level")

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=150)  # translated
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="themes",
        verbose_name=_("domain of this sub-theme"),
    )
    section = models.CharField(
        _("kind of partners"), max_length=12, choices=Section.choices, default=Section.LOCAL
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["order"]
        verbose_name = _("synergy domain")
        verbose_name_plural = _("synergy domains")

    def __str__(self):
        return f"{self.parent} · {self.name}" if self.parent_id else self.name

    @property
    def heading(self):
        """The domain a report numbers (3.1, 3.2 …): the parent of a sub-theme, else itself."""
        return self.parent if self.parent_id else self


class TypologyValue(VocabularyTerm):
    """A value of one dimension of seed 000's cooperation typology (strategisch, formeel, ...).

    The conceptual frame has four dimensions and the intake form swaps finality for the degree
    of formalisation, so a grid entry carries all five (S000:2055-2057, 7889-7921)."""

    class Dimension(models.TextChoices):
        LEVEL = "level", _("level in the policy and management cycle")
        PLACE = "place", _("place in the organogram")
        SCALE = "scale", _("administrative scale")
        FORMALISATION = "formalisation", _("formalisation")
        FINALITY = "finality", _("finality")

    dimension = models.CharField(_("dimension"), max_length=15, choices=Dimension.choices)

    class Meta(VocabularyTerm.Meta):
        ordering = ["dimension", "order", "slug"]
        verbose_name = _("typology value")
        verbose_name_plural = _("typology values")


class CooperationFocus(VocabularyTerm):
    """One of the three main groups of cooperation: planning, processen, producten (S000 §5.2)."""

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("cooperation focus")
        verbose_name_plural = _("cooperation foci")


class FocusMapping(models.Model):
    """An assignment of a grid framework's domains and components to the three foci.

    The seed gives three different ones (SEEDS §2.15), so each is data and one is the default."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=150)  # translated
    framework = models.ForeignKey(
        Framework,
        on_delete=models.CASCADE,
        related_name="focus_mappings",
        verbose_name=_("framework"),
    )
    is_default = models.BooleanField(_("default"), default=False)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["framework", "-is_default", "slug"]
        verbose_name = _("focus mapping")
        verbose_name_plural = _("focus mappings")

    def __str__(self):
        return self.name


class FocusAssignment(models.Model):
    """A domain, or one component of it, placed in a focus. A component's own assignment wins
    over its domain's; a domain or component without one is in no focus."""

    mapping = models.ForeignKey(
        FocusMapping,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("focus mapping"),
    )
    focus = models.ForeignKey(
        CooperationFocus, on_delete=models.PROTECT, related_name="+", verbose_name=_("focus")
    )
    domain = models.ForeignKey(
        Domain, on_delete=models.CASCADE, related_name="+", verbose_name=_("domain")
    )
    aspect = models.ForeignKey(
        Aspect,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("component"),
        help_text=_("Empty: the whole domain."),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["mapping", "domain"],
                condition=models.Q(aspect__isnull=True),
                name="domain_once_per_focus_mapping",
            ),
            models.UniqueConstraint(
                fields=["mapping", "aspect"],
                condition=models.Q(aspect__isnull=False),
                name="component_once_per_focus_mapping",
            ),
        ]
        verbose_name = _("focus assignment")
        verbose_name_plural = _("focus assignments")

    def __str__(self):
        return f"{self.aspect or self.domain} → {self.focus}"


class Factor(models.Model):
    """An explanatory factor of seed 000's focus groups, in a tree: context (LOKALE CONTEXT),
    group (Momentum, Cultuur ...) and sub-factor (Budgettaire situatie). The three matrices each
    use a part of one tree (SEEDS §8.2 0.5)."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    slug = models.SlugField(_("code"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=150)  # translated
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "slug"], name="factor_slug_per_parent"),
            models.UniqueConstraint(
                fields=["slug"], condition=models.Q(parent__isnull=True), name="root_factor_slug"
            ),
        ]
        verbose_name = _("explanatory factor")
        verbose_name_plural = _("explanatory factors")

    def __str__(self):
        return self.name


class Subject(models.Model):
    """One subject of cooperation followed across frameworks (issue 17.7): the domains of any
    framework (the 2010 inventory's management domains, the 2012 grid's financial sub-domains)
    and the synergy report's domains that treat it. Tandem's proposal (SEEDS.md §7.3): no source
    document states it, and a coordinator changes it in the admin."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=150)  # translated
    note = models.TextField(_("note"), blank=True)  # translated
    domains = models.ManyToManyField(
        Domain, blank=True, related_name="subjects", verbose_name=_("domains of the frameworks")
    )
    synergy_domains = models.ManyToManyField(
        SynergyDomain, blank=True, related_name="subjects", verbose_name=_("synergy domains")
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["order"]
        verbose_name = _("subject across frameworks")
        verbose_name_plural = _("subjects across frameworks")

    def __str__(self):
        return self.name


class ProductDossier(models.Model):
    """A kind of product dossier of financial management for which seed 000 reverses the default
    to "we werken samen, tenzij…" (S000:7316-7345; the products named at S000:5348-5352): a pair
    cooperates on it unless it records why not (issue 18.5)."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=150)  # translated
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["order"]
        verbose_name = _("product dossier")
        verbose_name_plural = _("product dossiers")

    def __str__(self):
        return self.name

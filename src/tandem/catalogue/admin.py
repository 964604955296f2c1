from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .models import (
    Aspect,
    ContactDomain,
    CooperationFocus,
    DegreeLevel,
    Domain,
    Factor,
    FocusAssignment,
    FocusMapping,
    Framework,
    Instrument,
    ObstacleType,
    ProductDossier,
    ReasonCluster,
    Subject,
    SynergyDomain,
    TypologyValue,
)


class DomainInline(TranslationTabularInline):
    model = Domain
    extra = 0
    fields = ("number", "slug", "name", "questionnaire_heading")


@admin.register(Framework)
class FrameworkAdmin(TranslationAdmin):
    list_display = ("slug", "name", "version")
    inlines = [DomainInline]


class AspectInline(TranslationTabularInline):
    model = Aspect
    extra = 0
    fields = ("order", "slug", "origin", "short_label", "label")


@admin.register(Domain)
class DomainAdmin(TranslationAdmin):
    list_display = ("framework", "number", "name")
    list_filter = ("framework",)
    inlines = [AspectInline]


@admin.register(Aspect)
class AspectAdmin(TranslationAdmin):
    list_display = ("domain", "order", "short_label", "label", "origin")
    list_filter = ("domain__framework", "domain", "origin")
    search_fields = ("slug", "short_label_nl", "label_nl", "label_fr")


@admin.register(DegreeLevel)
class DegreeLevelAdmin(TranslationAdmin):
    list_display = ("value", "label", "colour", "text_colour", "symbol")


@admin.register(ReasonCluster, ObstacleType, CooperationFocus)
class VocabularyAdmin(TranslationAdmin):
    list_display = ("slug", "name", "order")


@admin.register(Instrument)
class InstrumentAdmin(TranslationAdmin):
    list_display = ("slug", "name", "formal", "order")


@admin.register(ContactDomain)
class ContactDomainAdmin(TranslationAdmin):
    list_display = ("framework", "order", "name")


@admin.register(SynergyDomain)
class SynergyDomainAdmin(TranslationAdmin):
    list_display = ("order", "name", "parent", "section")
    list_filter = ("section",)


@admin.register(ProductDossier)
class ProductDossierAdmin(TranslationAdmin):
    list_display = ("order", "name", "source")


@admin.register(Subject)
class SubjectAdmin(TranslationAdmin):
    list_display = ("order", "name", "source")
    filter_horizontal = ("domains", "synergy_domains")


@admin.register(TypologyValue)
class TypologyValueAdmin(TranslationAdmin):
    list_display = ("dimension", "slug", "name", "order")
    list_filter = ("dimension",)


class FocusAssignmentInline(admin.TabularInline):
    model = FocusAssignment
    extra = 0
    raw_id_fields = ("aspect",)


@admin.register(FocusMapping)
class FocusMappingAdmin(TranslationAdmin):
    list_display = ("slug", "name", "framework", "is_default")
    inlines = [FocusAssignmentInline]


@admin.register(Factor)
class FactorAdmin(TranslationAdmin):
    list_display = ("name", "parent", "order", "slug")
    list_select_related = ("parent__parent",)
    list_filter = ("parent__parent",)

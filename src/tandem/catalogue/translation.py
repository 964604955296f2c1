"""Catalogue fields that carry a text per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    Aspect,
    ContactDomain,
    CooperationFocus,
    DegreeLevel,
    Domain,
    ExampleActivity,
    Factor,
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


@register(Framework)
class FrameworkTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Domain)
class DomainTranslation(TranslationOptions):
    fields = ("name", "field_phrase", "definition")


@register(ExampleActivity)
class ExampleActivityTranslation(TranslationOptions):
    fields = ("text",)


@register(Aspect)
class AspectTranslation(TranslationOptions):
    fields = ("short_label", "label", "gloss")


@register(DegreeLevel)
class DegreeLevelTranslation(TranslationOptions):
    fields = ("label",)


@register(ReasonCluster)
class ReasonClusterTranslation(TranslationOptions):
    fields = ("name", "description")


@register(ObstacleType)
class ObstacleTypeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Instrument)
class InstrumentTranslation(TranslationOptions):
    fields = ("name", "description")


@register(ContactDomain)
class ContactDomainTranslation(TranslationOptions):
    fields = ("name",)


@register(SynergyDomain)
class SynergyDomainTranslation(TranslationOptions):
    fields = ("name",)


@register(TypologyValue)
class TypologyValueTranslation(TranslationOptions):
    fields = ("name", "description")


@register(CooperationFocus)
class CooperationFocusTranslation(TranslationOptions):
    fields = ("name", "description")


@register(FocusMapping)
class FocusMappingTranslation(TranslationOptions):
    fields = ("name",)


@register(Factor)
class FactorTranslation(TranslationOptions):
    fields = ("name",)


@register(Subject)
class SubjectTranslation(TranslationOptions):
    fields = ("name", "note")


@register(ProductDossier)
class ProductDossierTranslation(TranslationOptions):
    fields = ("name",)

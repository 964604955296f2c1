"""Catalogue fields that carry a text per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    Aspect,
    ContactDomain,
    DegreeLevel,
    Domain,
    Framework,
    Instrument,
    ObstacleType,
    ReasonCluster,
    SynergyDomain,
)


@register(Framework)
class FrameworkTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Domain)
class DomainTranslation(TranslationOptions):
    fields = ("name", "field_phrase")


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

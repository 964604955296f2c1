"""Fields of places that carry a name per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import PeerGroup, Province, Region


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(Province)
class ProvinceTranslation(TranslationOptions):
    fields = ("name",)


@register(PeerGroup)
class PeerGroupTranslation(TranslationOptions):
    fields = ("name", "description")

"""Campaign fields that carry a text per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Campaign


@register(Campaign)
class CampaignTranslation(TranslationOptions):
    fields = (
        "name",
        "description",
        "invitation_subject",
        "invitation_opening",
        "reminder_subject",
        "reminder_opening",
    )

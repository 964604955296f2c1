from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Campaign, CampaignPair, ContactPerson, Response, Round


class CampaignPairInline(admin.TabularInline):
    model = CampaignPair
    extra = 0
    autocomplete_fields = ("pair",)


class RoundInline(admin.TabularInline):
    model = Round
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(TranslationAdmin):
    list_display = ("slug", "name", "year", "framework", "status", "is_public")
    list_filter = ("status", "is_public", "framework")
    inlines = [RoundInline, CampaignPairInline]


@admin.register(Response)
class ResponseAdmin(SimpleHistoryAdmin):
    list_display = ("pair", "aspect", "round", "respondent", "degree", "status")
    list_filter = ("round__campaign", "status", "aspect__domain", "degree")
    search_fields = ("pair__municipality__name_nl", "pair__municipality__refnis", "aspect__slug")
    autocomplete_fields = ("pair",)
    list_select_related = ("pair__municipality", "aspect", "round__campaign")
    readonly_fields = ("version", "updated_at", "updated_by")
    # A link typed without a scheme is read as https (Django 6's default, chosen now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(ContactPerson)
class ContactPersonAdmin(SimpleHistoryAdmin):
    list_display = ("name", "pair", "contact_domain", "administration", "campaign")
    list_filter = ("campaign", "administration")
    autocomplete_fields = ("pair",)

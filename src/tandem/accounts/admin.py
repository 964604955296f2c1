from django.contrib import admin

from .models import CampaignRole, PairRole


@admin.register(PairRole)
class PairRoleAdmin(admin.ModelAdmin):
    list_display = ("user", "pair", "role", "administration")
    list_filter = ("role",)
    autocomplete_fields = ("pair",)


@admin.register(CampaignRole)
class CampaignRoleAdmin(admin.ModelAdmin):
    list_display = ("user", "campaign", "role")
    list_filter = ("role", "campaign")

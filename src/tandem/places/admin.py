from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import (
    Administration,
    GovernanceStatement,
    Municipality,
    MunicipalityCode,
    Pair,
    PeerGroup,
    Province,
    Region,
)


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    list_display = ("refnis", "name")


@admin.register(Province)
class ProvinceAdmin(TranslationAdmin):
    list_display = ("refnis", "name", "region")
    list_filter = ("region",)


class FormerCodeInline(admin.TabularInline):
    model = MunicipalityCode
    extra = 0


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ("refnis", "name_nl", "name_fr", "province", "region")
    list_select_related = ("province", "region")  # province is nullable (Brussels): not automatic
    list_filter = ("region", "province")
    search_fields = ("refnis", "name_nl", "name_fr", "former_codes__code")
    inlines = [FormerCodeInline]


@admin.register(MunicipalityCode)
class MunicipalityCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "name_nl", "municipality", "change", "valid_to")
    search_fields = ("code", "name_nl", "name_fr")
    autocomplete_fields = ("municipality",)


@admin.register(Administration)
class AdministrationAdmin(admin.ModelAdmin):
    list_display = ("municipality", "kind")
    list_filter = ("kind",)
    search_fields = ("municipality__name_nl", "municipality__name_fr", "municipality__refnis")


@admin.register(Pair)
class PairAdmin(admin.ModelAdmin):
    list_display = ("municipality", "refnis")
    search_fields = ("municipality__name_nl", "municipality__name_fr", "municipality__refnis")
    list_select_related = ("municipality",)


@admin.register(PeerGroup)
class PeerGroupAdmin(TranslationAdmin):
    list_display = ("slug", "name")
    filter_horizontal = ("pairs",)


@admin.register(GovernanceStatement)
class GovernanceStatementAdmin(admin.ModelAdmin):
    list_display = ("pair", "question", "answer", "valid_from", "source")
    list_filter = ("question", "answer", "pair__municipality__province")
    search_fields = ("pair__municipality__name_nl", "pair__municipality__refnis")
    autocomplete_fields = ("pair",)
    date_hierarchy = "valid_from"

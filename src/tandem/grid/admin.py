"""The grid in the admin, with django-simple-history's history views (R6): synthesis tables with
their entries, and the factor matrices with their rows and columns (a coordinator sets up a
focus group's matrix here; values are recorded on the matrix's pages)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import FactorColumn, FactorMatrix, FactorRow, FactorValue, GridEntry, SynthesisTable


class VersionedAdmin(SimpleHistoryAdmin):
    readonly_fields = ("version",)

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(SynthesisTable)
class SynthesisTableAdmin(VersionedAdmin):
    list_display = ("participation", "attitude", "intake_on")
    list_select_related = ("participation__campaign", "participation__pair__municipality")
    list_filter = ("participation__campaign", "attitude")


@admin.register(GridEntry)
class GridEntryAdmin(VersionedAdmin):
    list_display = ("table", "domain", "stage", "is_none", "label")
    list_select_related = (
        "table__participation__campaign",
        "table__participation__pair__municipality",
        "domain",
    )
    list_filter = ("table__participation__campaign", "domain", "stage", "is_none")
    search_fields = ("label", "way")
    filter_horizontal = ("components",)
    raw_id_fields = ("table",)


class FactorRowInline(admin.TabularInline):
    model = FactorRow
    extra = 0


class FactorColumnInline(admin.TabularInline):
    model = FactorColumn
    extra = 0
    raw_id_fields = ("participation",)


@admin.register(FactorMatrix)
class FactorMatrixAdmin(SimpleHistoryAdmin):
    list_display = ("campaign", "focus", "title", "held_on")
    list_select_related = ("campaign", "focus")
    inlines = [FactorRowInline, FactorColumnInline]


@admin.register(FactorValue)
class FactorValueAdmin(VersionedAdmin):
    list_display = ("row", "column", "symbol")
    list_select_related = ("row__factor", "column__participation__pair__municipality")
    list_filter = ("row__matrix__campaign", "row__matrix__focus", "symbol")
    raw_id_fields = ("row", "column")

"""The register in the admin, with django-simple-history's history views (R6). Approved reports
are read-only: their files are frozen (R7)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ApprovedReport, FocusGroup, Measure, Meeting, ReportEdition, Synergy


class PairRecordAdmin(SimpleHistoryAdmin):
    list_select_related = ("pair__municipality",)
    autocomplete_fields = ("pair",)
    readonly_fields = ("version",)

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(Synergy)
class SynergyAdmin(PairRecordAdmin):
    list_select_related = ("pair__municipality", "domain__parent")
    list_display = ("pair", "domain", "__str__", "status", "start_year", "expected_savings")
    list_filter = ("status", "domain", "partners")
    search_fields = ("title_nl", "title_fr", "pair__municipality__name_nl")
    filter_horizontal = ("aspects",)


@admin.register(Meeting)
class MeetingAdmin(PairRecordAdmin):
    list_display = ("pair", "date", "kind", "__str__")
    list_filter = ("kind",)


@admin.register(Measure)
class MeasureAdmin(PairRecordAdmin):
    list_select_related = ("pair__municipality", "domain__parent")
    list_display = ("pair", "domain", "__str__", "year", "deadline", "status")
    list_filter = ("status", "domain")


@admin.register(FocusGroup)
class FocusGroupAdmin(PairRecordAdmin):
    list_display = ("pair", "service", "contact_municipality", "contact_ocmw")


@admin.register(ReportEdition)
class ReportEditionAdmin(PairRecordAdmin):
    list_display = ("pair", "year")


@admin.register(ApprovedReport)
class ApprovedReportAdmin(SimpleHistoryAdmin):
    list_select_related = ("pair__municipality",)
    list_display = ("pair", "year", "language", "number", "body", "decision_date")
    list_filter = ("language", "body")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False  # approving happens on the report page, which generates the frozen files

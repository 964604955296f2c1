"""Tandem's URL map."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from tandem.accounts import account_views as own_pages
from tandem.benchmark import views as benchmark_views
from tandem.campaigns.views import campaign as campaign_views
from tandem.campaigns.views import invitations as invitation_views
from tandem.web import views as web_views

admin.site.site_header = _("Tandem administration")
admin.site.site_title = _("Tandem administration")
admin.site.index_title = _("Catalogue, campaigns and data")

urlpatterns = [
    path("", campaign_views.home, name="home"),
    path("accessibility/", web_views.accessibility, name="accessibility"),
    path("healthz", web_views.health, name="health"),
    path("degrees.css", web_views.degree_stylesheet, name="degree-stylesheet"),
    path("campaigns/", include("tandem.grid.urls")),
    path("campaigns/", include("tandem.benchmark.urls")),
    path("campaigns/", include("tandem.campaigns.urls")),
    path("campaigns/", include("tandem.reports.study_urls")),
    path("governance/", include("tandem.places.urls")),
    path("pairs/", include("tandem.synergies.urls")),
    path("pairs/", include("tandem.trajectory.urls")),
    # One pair followed subject by subject across the frameworks (issue 17.7).
    path("pairs/<str:refnis>/subjects/", benchmark_views.pair_subjects, name="pair-subjects"),
    path("subjects/", benchmark_views.subject_trend, name="subject-trend"),
    path("pairs/", include("tandem.reports.urls")),
    # The switcher also keeps a logged-in person's choice on their account.
    path("i18n/setlang/", own_pages.set_language, name="set_language"),
    # Before the link's pattern: "open" is not a token.
    path("invitations/open/", invitation_views.invitation_open, name="invitation-open"),
    path("invitations/<str:token>/", invitation_views.invitation, name="invitation"),
    path("accounts/work/", campaign_views.my_work, name="my-work"),
    path("accounts/", include("tandem.accounts.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "tandem.web.views.not_found"
handler500 = "tandem.web.views.server_error"

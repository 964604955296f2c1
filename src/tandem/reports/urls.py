"""A pair's annual synergy report: the page, the drafts, the approval and the approved versions
(under /pairs/<REFNIS>/reports/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<str:refnis>/reports/<year:year>/<str:lang>/", views.report, name="synergy-report"),
    path(
        "<str:refnis>/reports/<year:year>/<str:lang>/approve/",
        views.approve,
        name="synergy-report-approve",
    ),
    path(
        "<str:refnis>/reports/<year:year>/<str:lang>/draft.<str:fmt>",
        views.draft_download,
        name="synergy-report-draft",
    ),
    path(
        "<str:refnis>/reports/<year:year>/<str:lang>/v<id:number>.<str:fmt>",
        views.approved_download,
        name="synergy-report-approved",
    ),
]

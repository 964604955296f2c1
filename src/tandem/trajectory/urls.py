from django.urls import path

from . import views

urlpatterns = [
    path("<str:refnis>/trajectory/", views.scan, name="trajectory"),
    path("<str:refnis>/trajectory/print/", views.scan_print, name="trajectory-print"),
    path("<str:refnis>/trajectory/history/", views.history, name="trajectory-history"),
    path("<str:refnis>/trajectory/export.<str:fmt>", views.export, name="trajectory-export"),
    path("<str:refnis>/trajectory/target/", views.target, name="trajectory-target"),
    path("<str:refnis>/trajectory/phases/new/", views.phase, name="trajectory-phase-new"),
    path("<str:refnis>/trajectory/phases/<id:pk>/", views.phase, name="trajectory-phase"),
    path("<str:refnis>/trajectory/actions/new/", views.action, name="trajectory-action-new"),
    path("<str:refnis>/trajectory/actions/<id:pk>/", views.action, name="trajectory-action"),
    path("<str:refnis>/trajectory/settings/", views.settings, name="trajectory-settings"),
    path(
        "<str:refnis>/trajectory/interviews/new/", views.interview, name="trajectory-interview-new"
    ),
    path(
        "<str:refnis>/trajectory/interviews/<id:pk>/",
        views.interview,
        name="trajectory-interview",
    ),
    path(
        "<str:refnis>/trajectory/interviews/<id:pk>/delete/",
        views.delete_interview,
        name="trajectory-interview-delete",
    ),
    path(
        "<str:refnis>/trajectory/scan/<slug:perspective>/",
        views.picture,
        name="trajectory-picture",
    ),
    path(
        "<str:refnis>/trajectory/dossiers/<slug:dossier>/",
        views.decision,
        name="trajectory-dossier",
    ),
    path(
        "<str:refnis>/trajectory/own-dossiers/new/",
        views.decision,
        name="trajectory-own-dossier-new",
    ),
    path(
        "<str:refnis>/trajectory/own-dossiers/<id:pk>/",
        views.decision,
        name="trajectory-own-dossier",
    ),
]

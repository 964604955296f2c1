from django.urls import path

from . import export_views, feedback_views, note_views, views

urlpatterns = [
    path("<slug:campaign>/grid/", views.campaign_comparison, name="grid-comparison"),
    path("<slug:campaign>/grid/factors/<slug:focus>/", views.factor_matrix, name="grid-factors"),
    path(
        "<slug:campaign>/grid/factors/<slug:focus>/pairs/<str:refnis>/",
        views.factor_values,
        name="grid-factor-values",
    ),
    path("<slug:campaign>/grid/feedback/", feedback_views.tables, name="grid-feedback"),
    path("<slug:campaign>/pairs/<str:refnis>/grid/", views.pair_grid, name="grid-pair"),
    # The feedback loop's steps on one pair's table (S000 §4, 1b).
    path("<slug:campaign>/pairs/<str:refnis>/grid/send/", feedback_views.send, name="grid-send"),
    path(
        "<slug:campaign>/pairs/<str:refnis>/grid/answer/",
        feedback_views.answer,
        name="grid-answer",
    ),
    path(
        "<slug:campaign>/pairs/<str:refnis>/grid/reopen/",
        feedback_views.reopen,
        name="grid-reopen",
    ),
    path("<slug:campaign>/pairs/<str:refnis>/grid/history/", views.history, name="grid-history"),
    path("<slug:campaign>/pairs/<str:refnis>/grid/table/", views.table, name="grid-table"),
    path(
        "<slug:campaign>/pairs/<str:refnis>/grid/entries/new/", views.entry, name="grid-entry-new"
    ),
    path(
        "<slug:campaign>/pairs/<str:refnis>/grid/entries/<id:pk>/", views.entry, name="grid-entry"
    ),
    path(
        "<slug:campaign>/pairs/<str:refnis>/grid/entries/<id:pk>/delete/",
        views.delete_entry,
        name="grid-entry-delete",
    ),
    # Good-practice notes on a sub-domain of the pair's table.
    path(
        "<slug:campaign>/pairs/<str:refnis>/grid/notes/new/", note_views.note, name="grid-note-new"
    ),
    path(
        "<slug:campaign>/pairs/<str:refnis>/grid/notes/<id:pk>/", note_views.note, name="grid-note"
    ),
    path(
        "<slug:campaign>/pairs/<str:refnis>/grid/notes/<id:pk>/delete/",
        note_views.delete_note,
        name="grid-note-delete",
    ),
    path(
        "<slug:campaign>/pairs/<str:refnis>/grid/<slug:domain>/",
        views.pair_domain,
        name="grid-pair-domain",
    ),
    # Downloads (CSV, XLSX, JSON) and printable PDFs, through the pages' scoped queries.
    path(
        "<slug:campaign>/pairs/<str:refnis>/grid/table.<str:fmt>",
        export_views.pair_table_export,
        name="grid-pair-export",
    ),
    path(
        "<slug:campaign>/pairs/<str:refnis>/grid/grid.pdf",
        export_views.pair_pdf,
        name="grid-pair-pdf",
    ),
    path(
        "<slug:campaign>/grid/comparison.<str:fmt>",
        export_views.comparison_export,
        name="grid-comparison-export",
    ),
    path(
        "<slug:campaign>/grid/factors/<slug:focus>.<str:fmt>",
        export_views.factor_export,
        name="grid-factors-export",
    ),
    path(
        "<slug:campaign>/grid/matrices.pdf",
        export_views.matrices_pdf,
        name="grid-matrices-pdf",
    ),
]

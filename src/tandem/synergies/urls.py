from django.urls import path, register_converter

from . import transfer_views, views


class RecordKind:
    """Only the register's kinds of record match, so 'documents' or 'import' never reach the
    record views by accident."""

    regex = "synergy|meeting|measure|focus-group"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(RecordKind, "record_kind")

urlpatterns = [
    path("", views.registers, name="registers"),
    path("<str:refnis>/register/", views.register, name="register"),
    path("<str:refnis>/register/history/", views.history, name="register-history"),
    path("<str:refnis>/register/people/", views.people, name="pair-people"),
    path("<str:refnis>/register/import/", transfer_views.import_register, name="register-import"),
    path(
        "<str:refnis>/register/export.<str:fmt>",
        transfer_views.export,
        name="register-export",
    ),
    path("<str:refnis>/register/<record_kind:kind>/new/", views.record, name="register-record-new"),
    path("<str:refnis>/register/<record_kind:kind>/<id:pk>/", views.record, name="register-record"),
    path(
        "<str:refnis>/register/<record_kind:kind>/<id:pk>/delete/",
        views.delete_record,
        name="register-record-delete",
    ),
    path(
        "<str:refnis>/register/<record_kind:kind>/<id:pk>/documents/",
        views.upload_document,
        name="register-document-upload",
    ),
    path(
        "<str:refnis>/register/documents/<id:document>/",
        views.document,
        name="register-document",
    ),
]

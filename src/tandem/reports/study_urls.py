from django.urls import path

from . import study_views

urlpatterns = [
    path(
        "<slug:campaign>/study/<str:lang>.<str:fmt>",
        study_views.study_report,
        name="study-report",
    ),
]

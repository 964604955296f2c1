from django.urls import path

from . import views

urlpatterns = [
    path("<slug:campaign>/", views.campaign_detail, name="campaign"),
    path("<slug:campaign>/domains/<slug:domain>/", views.matrix_page, name="matrix"),
    path(
        "<slug:campaign>/domains/<slug:domain>/matrix.<str:fmt>",
        views.matrix_download,
        name="matrix-download",
    ),
    path("<slug:campaign>/pairs/<str:refnis>/", views.pair_page, name="campaign-pair"),
]

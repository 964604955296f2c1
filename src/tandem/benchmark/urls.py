"""Benchmarking of a campaign: the pairs compared, one pair against its peers, trends across the
campaigns of a framework, and their downloads (under /campaigns/<campaign>/benchmark/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:campaign>/benchmark/", views.benchmark, name="benchmark"),
    path(
        "<slug:campaign>/benchmark/export.<str:fmt>",
        views.benchmark_export,
        name="benchmark-export",
    ),
    path(
        "<slug:campaign>/benchmark/pairs/<str:refnis>/", views.benchmark_pair, name="benchmark-pair"
    ),
    path(
        "<slug:campaign>/benchmark/pairs/<str:refnis>/export.<str:fmt>",
        views.benchmark_pair_export,
        name="benchmark-pair-export",
    ),
    path("<slug:campaign>/benchmark/trends/", views.benchmark_trends, name="benchmark-trends"),
    path(
        "<slug:campaign>/benchmark/trends/export.<str:fmt>",
        views.benchmark_trends_export,
        name="benchmark-trends-export",
    ),
]

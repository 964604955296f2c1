"""Tandem's URLs plus a view that fails, for the error-page test (S13)."""

from django.urls import path

from tandem.urls import handler404, handler500  # noqa: F401
from tandem.urls import urlpatterns as tandem_urlpatterns


def fail(request):
    raise ZeroDivisionError("boom: secret detail")


urlpatterns = [*tandem_urlpatterns, path("test-only/fail/", fail)]

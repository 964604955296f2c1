"""Tandem's URLs plus a view that fails, for the error-page test (S13)."""
from django.urls import path

from tandem.urls import handler404, handler500, urlpatterns as tandem_urlpatterns  # noqa: F401


def fail(request):
    raise ZeroDivisionError("boom: secret detail")


urlpatterns = [*tandem_urlpatterns, path("test-only/fail/", fail)]

"""Site-wide pages: the accessibility statement, the degree colours, error pages (the home page,
the campaigns a visitor may see, is the campaigns app's)."""

from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseNotFound, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_GET

from tandem.catalogue.models import DegreeLevel
from tandem.core.access import read_only


@require_GET
def health(request):
    """For the load balancer: 200 while the database answers, 503 when it does not. It says
    nothing else (no data, no versions) and is never cached."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        response = JsonResponse({"status": "ok"})
    except DatabaseError:
        response = JsonResponse({"status": "unavailable"}, status=503)
    response["Cache-Control"] = "no-store"
    return response


@read_only
def accessibility(request):
    return render(request, "web/accessibility.html")


@require_GET
@read_only
def degree_stylesheet(request):
    """The degree colours come from the catalogue (editable in the admin), served as a stylesheet
    so pages need no inline styles under the content security policy."""
    rules = [
        f".deg-{d.value}{{background-color:{d.colour};color:{d.text_colour}}}"
        f".swatch-{d.value}{{background-color:{d.colour};color:{d.text_colour}}}"
        for d in DegreeLevel.objects.all()
    ]
    response = HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


def not_found(request, exception=None):
    body = loader.render_to_string("404.html", {}, request)
    return HttpResponseNotFound(body)


def server_error(request):
    # A plain page without context processors: nothing about the failure reaches the visitor.
    body = loader.render_to_string("500.html")
    return HttpResponseServerError(body)

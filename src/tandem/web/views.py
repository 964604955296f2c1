"""Site-wide pages: the accessibility statement, the degree colours, error pages (the home page,
the campaigns a visitor may see, is the campaigns app's)."""

from django.http import HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_GET

from tandem.catalogue.models import DegreeLevel
from tandem.core.access import read_only


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

"""Benchmark pages: the campaign's pairs compared, one pair against its peers, a trend across
campaigns, and their CSV, XLSX and JSON exports."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from tandem.campaigns.scoping import readable_campaign
from tandem.catalogue.models import Subject
from tandem.core.access import read_only
from tandem.places.models import Pair
from tandem.places.naming import pair_name

from . import exports as exports
from . import subjects
from .forms import SubjectTrendForm
from .pages import benchmark_page, profile_page
from .queries import degree_levels, visible_pairs
from .subject_trend import subject_trend as build_subject_trend
from .trends import trend_page

FORMATS = ("csv", "xlsx", "json")


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise Http404("unknown format")
    return fmt


@read_only
def benchmark(request, campaign):
    campaign = readable_campaign(request.user, campaign)
    page = benchmark_page(request.user, campaign, request.GET)
    template = "benchmark/_results.html" if request.htmx else "benchmark/benchmark.html"
    return render(request, template, {"campaign": campaign, "page": page})


@read_only
def benchmark_export(request, campaign, fmt):
    fmt = _format(fmt)
    campaign = readable_campaign(request.user, campaign)
    page = benchmark_page(request.user, campaign, request.GET)
    return exports.benchmark_response(page, fmt, request.GET.get("table", "pairs"))


def _pair(request, campaign, refnis):
    """The pair among those the user may read in the campaign; a former REFNIS code leads to
    today's pair (None then, with the code to redirect to)."""
    pairs = visible_pairs(request.user, campaign).select_related("municipality__region")
    pair = pairs.filter(municipality__refnis=refnis).first()
    if pair is not None:
        return pair, None
    today = pairs.filter(municipality__former_codes__code=refnis).first()
    if today is None:
        raise Http404("no such pair in this campaign")
    return None, today.municipality.refnis


@read_only
def benchmark_pair(request, campaign, refnis):
    campaign = readable_campaign(request.user, campaign)
    pair, today = _pair(request, campaign, refnis)
    if pair is None:
        url = reverse("benchmark-pair", args=[campaign.slug, today])
        query = request.GET.urlencode()
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
    page = profile_page(request.user, campaign, pair, request.GET)
    return render(
        request,
        "benchmark/pair.html",
        {"campaign": campaign, "page": page, "degrees": degree_levels()},
    )


@read_only
def benchmark_pair_export(request, campaign, refnis, fmt):
    fmt = _format(fmt)
    campaign = readable_campaign(request.user, campaign)
    pair, _today = _pair(request, campaign, refnis)
    if pair is None:
        raise Http404("a former REFNIS code: export the pair under today's code")
    page = profile_page(request.user, campaign, pair, request.GET)
    return exports.profile_response(page, fmt)


@read_only
def benchmark_trends(request, campaign):
    campaign = readable_campaign(request.user, campaign)
    page = trend_page(request.user, campaign, request.GET)
    return render(request, "benchmark/trends.html", {"campaign": campaign, "page": page})


@read_only
def benchmark_trends_export(request, campaign, fmt):
    fmt = _format(fmt)
    campaign = readable_campaign(request.user, campaign)
    page = trend_page(request.user, campaign, request.GET)
    return exports.trend_response(page, fmt)


@read_only
def pair_subjects(request, refnis):
    """One pair's cooperation subject by subject across the frameworks (issue 17.7)."""
    pair = get_object_or_404(
        Pair.objects.select_related("municipality__region"), municipality__refnis=refnis
    )
    rows, reads_register = subjects.pair_subjects(user=request.user, pair=pair)
    return render(
        request,
        "benchmark/subjects.html",
        {"pair": pair, "name": pair_name(pair), "rows": rows, "reads_register": reads_register},
    )


@read_only
def subject_trend(request):
    """One subject across every campaign and register the reader may see (issue 17.7)."""
    choices = list(Subject.objects.order_by("order"))
    if not choices:
        raise Http404("no subjects in the catalogue")
    form = SubjectTrendForm(request.GET or None, choices, initial={"subject": choices[0].slug})
    subject, same_pairs = choices[0], False
    if form.is_bound and form.is_valid():
        subject = next(s for s in choices if s.slug == form.cleaned_data["subject"])
        same_pairs = form.cleaned_data["same_pairs"]
    trend = build_subject_trend(user=request.user, subject=subject, same_pairs=same_pairs)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "benchmark/subject_trend.html", {"form": form, "trend": trend}, status=status
    )

"""A campaign's study report, generated for its coordinators in Dutch or French (issue 17.4)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation

from tandem.campaigns.scoping import coordinated_campaigns
from tandem.core.access import read_only
from tandem.core.csp import allow_own_styles
from tandem.formats.downloads import attachment

from .study.build import study_report as build_report
from .study.render import FORMATS, REPORT_LANGUAGES, file_name, render


@read_only
def study_report(request, campaign, lang, fmt):
    campaign = get_object_or_404(
        coordinated_campaigns(request.user).select_related("framework"), slug=campaign
    )
    if lang not in REPORT_LANGUAGES or fmt not in FORMATS:
        raise Http404("a study report is HTML, PDF or DOCX, in Dutch or French")
    # ?annex=0 leaves out the annex with each pair's answers (a few pages per pair).
    with translation.override(lang):
        report = build_report(
            campaign=campaign,
            language=lang,
            user=request.user,
            annex=request.GET.get("annex") != "0",
        )
    data = render(report, fmt)
    response = HttpResponse(data, content_type=FORMATS[fmt])
    if fmt == "html":
        # Shown in the browser: its stylesheet (ours, render.stylesheet) allowed by its hash.
        return allow_own_styles(response, data.decode("utf-8"))
    return attachment(response, file_name(campaign.slug, lang, fmt))

"""A domain's findings beside its matrix (issue 17.1): how the pairs regulate their cooperation,
why, whether more is wished, what stands in the way; filtered like the benchmark."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tandem.catalogue.cache import domains_of
from tandem.core.access import read_only
from tandem.formats.downloads import csv_text, csv_verbatim, json_download, xlsx_download
from tandem.formats.xlsx import xlsx_bytes
from tandem.places.filters import places
from tandem.places.forms import PeerFilterForm
from tandem.web.charts import count_bars

from ..findings import findings_for
from ..findings_tables import TABLES, findings_json, findings_tables
from .campaign import _campaign


def _findings(request, campaign, domain_slug):
    domains = domains_of(campaign.framework_id)
    domain = next((d for d in domains if d.slug == domain_slug), None)
    if domain is None:
        raise Http404("no such domain")
    form = PeerFilterForm(request.GET, places())
    round_, findings = findings_for(
        user=request.user, campaign=campaign, domain=domain, pair_filter=form.pair_filter()
    )
    return domains, domain, form, round_, findings


@read_only
def findings_page(request, campaign, domain):
    campaign = _campaign(request, campaign)
    if campaign.is_grid:
        return redirect("grid-comparison", campaign.slug)
    domains, domain, form, round_, findings = _findings(request, campaign, domain)
    return render(
        request,
        "campaigns/findings.html",
        {
            "campaign": campaign,
            "domain": domain,
            "domains": domains,
            "round": round_,
            "findings": findings,
            "form": form,
            "tab": "findings",
            "charts": {
                "reasons": _bars(findings.reasons),
                "obstacles": _bars(findings.obstacles),
            },
            "query": form.query(),
            "tables": TABLES,
        },
    )


def _bars(tallies):
    return count_bars([(t.label or _("not classified"), t.count) for t in tallies])


@read_only
def findings_download(request, campaign, domain, fmt):
    """The page's tables: all in one workbook or JSON document, or one as CSV (?table=)."""
    if fmt not in ("csv", "xlsx", "json"):
        raise Http404("unknown format")
    campaign = _campaign(request, campaign)
    if campaign.is_grid:
        raise Http404("a grid campaign has no findings of a questionnaire")
    _domains, domain, _form, round_, findings = _findings(request, campaign, domain)
    tables = findings_tables(findings)
    filename = f"{campaign.slug}-{domain.slug}-findings"
    if fmt == "xlsx":
        return xlsx_download(xlsx_bytes(tables=tables), f"{filename}.xlsx")
    if fmt == "json":
        return json_download(
            {
                "campaign": campaign.slug,
                "domain": domain.slug,
                "round": round_.number if round_ else None,
                "language": get_language(),
                "pairs": findings.pairs,
                "tables": findings_json(tables),
            },
            f"{filename}.json",
        )
    name = request.GET.get("table", "instruments")
    table = next((t for t in tables if t.name == name), None)
    if table is None:
        raise Http404("no such table")
    return csv_verbatim(csv_text([table.header, *table.rows]), f"{filename}-{name}.csv")

"""A domain's findings beside its matrix (issue 17.1): how the pairs regulate their cooperation,
why, whether more is wished, what stands in the way; filtered like the benchmark."""

from django.http import Http404
from django.shortcuts import redirect, render

from tandem.catalogue.cache import domains_of
from tandem.catalogue.models import Framework
from tandem.core.access import read_only
from tandem.places.filters import places
from tandem.places.forms import PeerFilterForm

from ..findings import findings_for
from .campaign import _campaign


@read_only
def findings_page(request, campaign, domain):
    campaign = _campaign(request, campaign)
    if campaign.framework.method == Framework.Method.GRID:
        return redirect("grid-comparison", campaign.slug)
    domains = domains_of(campaign.framework_id)
    domain = next((d for d in domains if d.slug == domain), None)
    if domain is None:
        raise Http404("no such domain")
    form = PeerFilterForm(request.GET, places())
    round_, findings = findings_for(
        user=request.user, campaign=campaign, domain=domain, pair_filter=form.pair_filter()
    )
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
        },
    )

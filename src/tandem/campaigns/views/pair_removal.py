"""Removing a pair that has answered: the page says first what goes with it, with numbers, and
offers its answers to read or download; the removal itself is a POST from that page."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tandem.core.access import login_first
from tandem.places.naming import pair_name

from ..models import Response
from ..services import pair_removal
from ..services.errors import CoordinationError
from .coordination import coordinated_or_404


@login_first(keep=False)
def remove_pair(request, campaign, refnis):
    campaign = coordinated_or_404(request, campaign)
    participation = get_object_or_404(
        campaign.participations.select_related("pair__municipality__region", "campaign"),
        pair__municipality__refnis=refnis,
    )
    name = pair_name(participation.pair)
    if request.method == "POST":
        try:
            removed = pair_removal.remove_pair(participation=participation)
        except CoordinationError as error:
            messages.error(request, str(error))
            return redirect("pair-removal", campaign.slug, refnis)
        messages.success(request, _removed_message(name, campaign, removed))
        return redirect("manage-pairs", campaign.slug)
    respondents = (
        Response.objects.filter(round__campaign=campaign, pair=participation.pair)
        .order_by()  # the model's ordering would join DISTINCT and repeat each respondent
        .values_list("respondent", flat=True)
        .distinct()
    )
    return render(
        request,
        "campaigns/pair_removal.html",
        {
            "campaign": campaign,
            "participation": participation,
            "name": name,
            "removal": pair_removal.pair_removal(participation=participation),
            "respondents": [
                (code, Response.Respondent(code).label) for code in sorted(respondents)
            ],
        },
    )


def _removed_message(name, campaign, removed) -> str:
    if not removed.loses_data:
        return _("%(pair)s is removed from '%(campaign)s'. It had given nothing yet.") % {
            "pair": name,
            "campaign": campaign.name,
        }
    return _("%(pair)s is removed from '%(campaign)s'; deleted with it: %(what)s.") % {
        "pair": name,
        "campaign": campaign.name,
        "what": ", ".join(f"{count} {kind}" for kind, count in removed.counts),
    }

"""The campaigns' integrity checks (core.integrity): answers outside their campaign's framework
or pairs, and pairs of municipalities that no longer exist."""

from django.db.models import F

from tandem.core.integrity import Finding, register
from tandem.places.models import Municipality, MunicipalityCode

from .models import CampaignPair, Response


@register
def _responses_outside_framework() -> list[Finding]:
    """Answers to an aspect that is not in the campaign's framework."""
    wrong = (
        Response.objects.filter(aspect__isnull=False)
        .exclude(aspect__domain__framework=F("round__campaign__framework"))
        .select_related("round__campaign", "aspect", "pair__municipality")
    )
    return [
        Finding(
            "aspect-outside-framework",
            f"response {r.pk} ({r.round.campaign.slug}, {r.pair}) answers aspect "
            f"'{r.aspect.slug}', which is not in framework {r.round.campaign.framework_id}",
        )
        for r in wrong
    ]


@register
def _responses_of_non_participants() -> list[Finding]:
    participations = set(CampaignPair.objects.values_list("campaign_id", "pair_id"))
    findings = []
    for pk, campaign_id, pair_id, slug in Response.objects.values_list(
        "pk", "round__campaign_id", "pair_id", "round__campaign__slug"
    ):
        if (campaign_id, pair_id) not in participations:
            findings.append(
                Finding(
                    "pair-not-in-campaign",
                    f"response {pk}: pair {pair_id} does not take part in {slug}",
                )
            )
    return findings


@register
def _pairs_of_former_municipalities() -> list[Finding]:
    findings = [
        Finding(
            "former-municipality",
            f"{m.refnis} {m.name_nl} is no longer current but still has a pair",
        )
        for m in Municipality.objects.filter(valid_to__isnull=False)
    ]
    findings += [
        Finding(
            "former-code-to-former-municipality",
            f"former code {c.code} points to {c.municipality.refnis}, itself not current",
        )
        for c in MunicipalityCode.objects.filter(municipality__valid_to__isnull=False)
    ]
    return findings

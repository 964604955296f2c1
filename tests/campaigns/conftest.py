"""A fresh campaign in its first open round, with pair A (Aalst) answering jointly and pair B
(Brugge) answering separately for the municipality and the OCMW."""

import pytest
from django.utils import translation

from tandem.accounts.models import PairRole
from tandem.campaigns.models import CampaignPair
from tandem.campaigns.services import coordination, rounds
from tandem.catalogue.models import Domain
from tandem.places.models import Administration


@pytest.fixture(autouse=True)
def _english_messages():
    """Service messages in English, so assertions read the source strings (pages pick their
    language per request, Dutch by default)."""
    with translation.override("en"):
        yield


@pytest.fixture
def inventory(tenants):
    coordinator = tenants["coordinator"]
    campaign = coordination.create_campaign(
        user=coordinator,
        framework=tenants["framework"],
        slug="inventaris-2026",
        name="Inventaris 2026",
        year=2026,
    )
    coordination.set_pairs(campaign=campaign, pairs=[tenants["pair_a"], tenants["pair_b"]])
    CampaignPair.objects.filter(campaign=campaign, pair=tenants["pair_b"]).update(
        answer_mode=CampaignPair.AnswerMode.SEPARATE
    )
    round_ = campaign.rounds.get(number=1)
    rounds.open_round(round_=round_)
    PairRole.objects.filter(user=tenants["user_b"]).update(
        administration=Administration.Kind.WELFARE_CENTRE
    )
    financieel = Domain.objects.get(framework=tenants["framework"], slug="financieel")
    return {
        **tenants,
        "campaign": campaign,
        "round": round_,
        "financieel": financieel,
        "aspects": list(financieel.aspects.filter(origin="predefined").order_by("order")),
    }

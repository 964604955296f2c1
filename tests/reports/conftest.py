"""The campaign with answers that the study report reads (the campaigns tests' own fixture), and
the same campaign with two submitted answers and the coordinator's texts (`written`)."""

import pytest

from tandem.campaigns.models import Response, StudyText
from tests import factories
from tests.campaigns.conftest import inventory  # noqa: F401


@pytest.fixture
def written(inventory):  # noqa: F811 (the fixture imported above)
    campaign, round_ = inventory["campaign"], inventory["round"]
    loans, treasury = inventory["aspects"][:2]
    factories.response(
        round_=round_,
        pair=inventory["pair_a"],
        aspect=loans,
        degree=2,
        status=Response.Status.SUBMITTED,
        reasons="Schaalvoordelen bij de leningen.",
        regulation="Beheersovereenkomst 2009",
    )
    factories.response(
        round_=round_,
        pair=inventory["pair_a"],
        aspect=treasury,
        degree=1,
        status=Response.Status.SUBMITTED,
        formal_desirable=True,
        formal_desirable_reasons="Afspraken\x0b vastleggen.",  # a pasted vertical tab
    )
    factories.submission(round_=round_, pair=inventory["pair_a"], respondent="joint")
    financieel = inventory["financieel"]
    for domain, part, language, text in (
        (None, "conclusions", "nl", "Samenwerken, tenzij…\n\n- eerste punt\n- tweede punt"),
        (None, "conclusions", "fr", "Collaborer, sauf si…"),
        (financieel, "how", "nl", "Aalst werkt formeel samen voor leningen."),
    ):
        StudyText.objects.create(
            campaign=campaign, domain=domain, part=part, language=language, text=text
        )
    return inventory

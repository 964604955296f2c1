"""Issue 15.8: how a pair that answers per administration counts in matrices and benchmarks.

The rule, stated on the matrix page: per aspect, the higher of the degrees the municipality and
the OCMW submitted counts (an administration that has not submitted does not count yet); where
both submitted different degrees, the cell says so with both degrees.
"""

import pytest
from django.urls import reverse

from tandem.benchmark.queries import questionnaire_sums
from tandem.campaigns.models import CampaignPair, Response
from tandem.campaigns.queries import domain_matrix
from tandem.catalogue.models import Domain
from tests import factories

SUBMITTED = Response.Status.SUBMITTED
MUNICIPALITY = Response.Respondent.MUNICIPALITY
OCMW = Response.Respondent.WELFARE_CENTRE

AALST, BRUGGE = "41002", "31005"


@pytest.fixture
def answered(db):
    """Aalst answers jointly, Brugge per administration, in a closed round of the financial
    domain's first four aspects."""
    campaign = factories.campaign(pairs=[AALST])
    factories.participation(
        campaign=campaign, pair=BRUGGE, answer_mode=CampaignPair.AnswerMode.SEPARATE
    )
    round_ = factories.round_(campaign=campaign)
    domain = Domain.objects.get(framework__slug=factories.FRAMEWORK, slug="financieel")
    first, second, third, fourth = domain.aspects.filter(origin="predefined").order_by("order")[:4]

    def answer(pair, aspect, degree, respondent, status=SUBMITTED):
        factories.response(
            round_=round_,
            pair=pair,
            aspect=aspect,
            degree=degree,
            status=status,
            respondent=respondent,
        )

    answer(AALST, first, 1, Response.Respondent.JOINT)
    answer(AALST, second, 2, Response.Respondent.JOINT)
    # Brugge: the two administrations differ on the first aspect (1 and 2) ...
    answer(BRUGGE, first, 1, MUNICIPALITY)
    answer(BRUGGE, first, 2, OCMW)
    # ... agree on the second (0 and 0) ...
    answer(BRUGGE, second, 0, MUNICIPALITY)
    answer(BRUGGE, second, 0, OCMW)
    # ... the OCMW's 2 on the third is a draft, so only the municipality's 0 counts ...
    answer(BRUGGE, third, 0, MUNICIPALITY)
    answer(BRUGGE, third, 2, OCMW, status=Response.Status.DRAFT)
    # ... and on the fourth only the OCMW submitted a degree.
    answer(BRUGGE, fourth, None, MUNICIPALITY)
    answer(BRUGGE, fourth, 1, OCMW)
    return {
        "campaign": campaign,
        "round": round_,
        "domain": domain,
        "aspects": [first, second, third, fourth],
    }


def _cells(result, refnis):
    row = next(r for r in result.matrix.rows if r.header.code == refnis)
    return row.cells


def test_a_separately_answering_pair_counts_with_the_higher_submitted_degree(answered):
    result = domain_matrix(answered["campaign"], answered["domain"])
    assert _cells(result, BRUGGE)[:4] == [2, 0, 0, 1]
    assert _cells(result, AALST)[:4] == [1, 2, None, None]
    # TOT ASPECT of the first aspect: Aalst 1 + Brugge 2, each pair once.
    assert result.matrix.column_totals[0] == 3
    assert result.matrix.column_answered[0] == 2


def test_the_matrix_knows_where_the_administrations_differ(answered):
    result = domain_matrix(answered["campaign"], answered["domain"])
    brugge = factories.pair(BRUGGE)
    first = answered["aspects"][0]
    assert result.differences == {(brugge.pk, first.pk): (1, 2)}


def test_benchmark_sums_count_each_pair_and_aspect_once(answered):
    aspects = {answered["domain"].pk: [a.pk for a in answered["aspects"]]}
    pairs = [factories.pair(AALST).pk, factories.pair(BRUGGE).pk]
    sums = {pair: total for pair, _, total in questionnaire_sums(answered["round"], aspects, pairs)}
    # Aalst 1 + 2; Brugge 2 (higher of 1, 2) + 0 + 0 + 1.
    assert sums == {pairs[0]: 3, pairs[1]: 3}


def test_the_matrix_page_states_the_rule_and_marks_the_differing_cell(answered, client_as):
    coordinator = factories.user()
    factories.campaign_role(user=coordinator, campaign=answered["campaign"])
    client = client_as(coordinator)
    client.cookies["tandem_language"] = "en"
    url = reverse("matrix", args=[answered["campaign"].slug, answered["domain"].slug])
    html = " ".join(client.get(url).content.decode().split())
    assert (
        "1 pair answers per administration: per aspect, the higher of the two submitted degrees"
        " counts." in html
    )
    assert "In 1 cell the municipality and the OCMW gave different degrees" in html
    assert "municipality 1, OCMW 2; the higher counts" in html


def test_the_rule_reads_the_same_in_dutch_and_french(answered, client_as):
    coordinator = factories.user()
    factories.campaign_role(user=coordinator, campaign=answered["campaign"])
    client = client_as(coordinator)
    url = reverse("matrix", args=[answered["campaign"].slug, answered["domain"].slug])
    client.cookies["tandem_language"] = "nl"
    dutch = " ".join(client.get(url).content.decode().split())
    assert "gemeente 1, OCMW 2; de hoogste telt" in dutch
    client.cookies["tandem_language"] = "fr"
    french = " ".join(client.get(url).content.decode().split())
    assert "commune 1, CPAS 2 ; le plus élevé compte" in french

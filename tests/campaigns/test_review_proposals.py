"""Issue 16.8: the review of 'other' aspects puts a French proposal in the French name field,
offers 'merge' only where there is a duplicate to merge, keeps the proposal's text, domain, pair
and status apart, and says after each step what happened."""

import pytest
from django.urls import reverse

from tandem.campaigns.models import CampaignPair, ProposedAspect, Round

from .test_rounds import _own_row


@pytest.fixture
def reviewing(inventory, client_as):
    CampaignPair.objects.filter(campaign=inventory["campaign"], pair=inventory["pair_a"]).update(
        language="fr"
    )
    _own_row(inventory, inventory["pair_a"], "Gestion de la dette")
    Round.objects.filter(pk=inventory["round"].pk).update(status=Round.Status.CLOSED)
    client = client_as(inventory["coordinator"])
    client.cookies["tandem_language"] = "en"
    url = reverse("review-proposals", args=[inventory["campaign"].slug])
    return inventory, client, url


def test_a_french_proposal_fills_the_french_name_field(reviewing):
    inventory, client, url = reviewing
    html = client.get(url).content.decode()
    proposal = ProposedAspect.objects.get(label="Gestion de la dette")
    assert 'name="label_fr" value="Gestion de la dette"' in html
    assert f'id="label_nl-{proposal.pk}" name="label_nl" value=""' in html


def test_merge_is_offered_only_with_a_duplicate_in_the_domain(reviewing):
    inventory, client, url = reviewing
    assert 'value="merge"' not in client.get(url).content.decode()
    _own_row(
        inventory, inventory["pair_b"], "Schuldbeheer", respondent="ocmw", user=inventory["user_b"]
    )
    html = client.get(url).content.decode()
    assert html.count('value="merge"') == 2  # each of the two can take the other


def test_the_heading_keeps_text_domain_pair_and_status_apart(reviewing):
    inventory, client, url = reviewing
    html = " ".join(client.get(url).content.decode().split())
    proposal = ProposedAspect.objects.get(label="Gestion de la dette")
    assert f'<h2 id="proposal-{proposal.pk}">Gestion de la dette</h2>' in html
    assert "<dt>Domain</dt><dd>Financial management</dd>" in html
    assert "<dt>Named by</dt><dd>Aalst</dd>" in html


def test_each_step_says_what_happened(reviewing):
    inventory, client, url = reviewing
    _own_row(
        inventory, inventory["pair_b"], "Schuldbeheer", respondent="ocmw", user=inventory["user_b"]
    )
    target = ProposedAspect.objects.get(label="Gestion de la dette")
    other = ProposedAspect.objects.get(label="Schuldbeheer")

    def said(data):
        page = client.post(url, data, follow=True)
        return [str(m) for m in page.context["messages"]]

    assert said({"proposal": target.pk, "action": "merge"}) == [
        "Tick the duplicates to merge first."
    ]
    assert said({"proposal": target.pk, "action": "merge", "merge": [other.pk]}) == [
        "1 aspect merged into 'Gestion de la dette'."
    ]
    assert said(
        {"proposal": target.pk, "action": "promote", "label_fr": "Gestion de la dette"}
    ) == [
        "'Gestion de la dette' is now an aspect of Financial management: every pair answers it"
        " in the confirmation round."
    ]

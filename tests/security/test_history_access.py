"""A history names people (often by e-mail address) and holds old values: it is for the pair and
the campaign's coordinators only, also in a published campaign (issue 15.3)."""

import pytest
from django.urls import reverse

from tandem.accounts.models import PairRole
from tandem.grid.models import GridEntry
from tests import factories

EDITOR_B = "editor.b@brugge.be"


@pytest.fixture
def published(tenants):
    """Pair B's grid campaign, published, with a change by pair B's editor in its history."""
    campaign = tenants["grid_b"]
    campaign.is_public = True
    campaign.save()
    editor_b = factories.user(username=EDITOR_B, email=EDITOR_B)
    factories.pair_role(user=editor_b, pair=tenants["pair_b"], role=PairRole.Role.EDITOR)
    entry = GridEntry.objects.get(pk=tenants["grid_b_entry_b"].pk)
    entry._history_user = editor_b
    entry.label = "Debiteuren, herzien"
    entry.save()
    return {"campaign": campaign, "editor_b": editor_b}


def _history(published, name="grid-history"):
    return reverse(name, args=[published["campaign"].slug, "31005"])


def _pair_page(published):
    return reverse("grid-pair", args=[published["campaign"].slug, "31005"])


def test_anyone_may_read_a_published_grid_but_not_its_history(published, client):
    assert client.get(_pair_page(published)).status_code == 200
    response = client.get(_history(published))
    assert response.status_code == 404
    assert EDITOR_B not in response.content.decode()


def test_another_pairs_user_may_not_read_the_history(published, tenants, client_as):
    client = client_as(tenants["user_a"])
    assert client.get(_pair_page(published)).status_code == 200
    assert client.get(_history(published)).status_code == 404
    page = client.get(_pair_page(published)).content.decode()
    assert _history(published) not in page  # no link to a page that answers 404


@pytest.mark.parametrize("who", ["editor_b", "coordinator"])
def test_the_pair_and_the_campaigns_coordinator_read_the_history(published, client_as, who):
    user = published["editor_b"]
    if who == "coordinator":
        user = factories.user(username="grid-coordinator")
        factories.campaign_role(user=user, campaign=published["campaign"])
    client = client_as(user)
    response = client.get(_history(published))
    assert response.status_code == 200
    assert "Debiteuren, herzien" in response.content.decode()
    assert _history(published) in client.get(_pair_page(published)).content.decode()

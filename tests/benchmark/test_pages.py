"""The benchmark pages: every pair's domain totals, filters, groups, ranking with ties, a pair
against its peers and a trend across campaigns, for questionnaire and grid campaigns."""

import statistics
from collections import defaultdict

import pytest
from django.core.cache import cache
from django.urls import reverse

from tandem.analysis.grid import component_degrees
from tandem.campaigns.models import Campaign, Response
from tandem.campaigns.queries import matrix_round
from tandem.catalogue.models import Aspect
from tandem.grid.queries import entry_rows
from tandem.places.models import Pair
from tests import factories

from .support import heatmap, make_campaign, number, table, text, tree

QUESTIONNAIRE = "centrumsteden-2010"
GRID = "financieel-2012"
WEST_FLANDERS = "30000"  # REFNIS code of the province
CENTRAL_CITIES = 13


def benchmark(client, slug=QUESTIONNAIRE, **params):
    response = client.get(reverse("benchmark", args=[slug]), params)
    assert response.status_code == 200
    return tree(response)


def domain_aspects(campaign):
    """Domain slug → its predefined aspect ids, in the framework's order."""
    aspects = defaultdict(list)
    for aspect in Aspect.objects.filter(
        domain__framework=campaign.framework, origin=Aspect.Origin.PREDEFINED
    ).order_by("domain__number", "order"):
        aspects[aspect.domain.slug].append(aspect.pk)
    return aspects


def expected_questionnaire_totals(campaign):
    """By hand: per pair name (Dutch) the sum of its submitted degrees per domain, None where
    nothing was answered, then the total."""
    aspects = domain_aspects(campaign)
    domain_of = {pk: slug for slug, ids in aspects.items() for pk in ids}
    sums = defaultdict(dict)
    for response in Response.objects.filter(
        round=matrix_round(campaign), status="submitted", respondent="joint", aspect__isnull=False
    ).select_related("pair__municipality"):
        slug = domain_of.get(response.aspect_id)
        if slug is None or response.degree is None:
            continue
        name = response.pair.municipality.name_nl
        sums[name][slug] = sums[name].get(slug, 0) + response.degree
    return _rows(campaign, aspects, sums)


def _rows(campaign, aspects, sums):
    rows = {}
    for pair in Pair.objects.filter(participations__campaign=campaign).select_related(
        "municipality"
    ):
        name = pair.municipality.name_nl
        values = [sums.get(name, {}).get(slug) for slug in aspects]
        known = [v for v in values if v is not None]
        rows[name] = values + [sum(known) if known else None]
    return rows


def test_questionnaire_benchmark_shows_each_pairs_domain_totals(client, db):
    campaign = Campaign.objects.get(slug=QUESTIONNAIRE)
    page = benchmark(client)
    shown = heatmap(page)
    assert len(shown) == CENTRAL_CITIES
    assert shown == expected_questionnaire_totals(campaign)


def test_domain_totals_agree_with_the_pair_page(client, db):
    """TOT STAD per domain on a city's own page is the benchmark's domain total."""
    shown = heatmap(benchmark(client))["Gent"]
    pair_page = tree(client.get(reverse("campaign-pair", args=[QUESTIONNAIRE, "44021"])))
    per_domain = [
        number(cells[0]) for _name, cells in _summary_rows(pair_page)
    ]  # the first value column is TOT STAD of the predefined aspects
    assert shown[:-1] == per_domain


def _summary_rows(page):
    rows = []
    for row in page.xpath("//table[contains(@class, 'summary')]/tbody/tr"):
        rows.append((text(row.xpath("./th")[0]), [text(td) for td in row.xpath("./td")]))
    return rows


def test_grid_benchmark_derives_degrees_from_the_synthesis_tables(client, db):
    campaign = Campaign.objects.get(slug=GRID)
    aspects = domain_aspects(campaign)
    slug_of = {Aspect.objects.get(pk=ids[0]).domain_id: slug for slug, ids in aspects.items()}
    by_domain = {domain_id: aspects[slug] for domain_id, slug in slug_of.items()}
    domain_of = {pk: slug_of[d] for d, ids in by_domain.items() for pk in ids}
    names = {p.pk: p.municipality.name_nl for p in Pair.objects.select_related("municipality")}
    sums = defaultdict(dict)
    for pair, aspect, degree in component_degrees(entry_rows(campaign), by_domain):
        slug = domain_of[aspect]
        sums[names[pair]][slug] = sums[names[pair]].get(slug, 0) + degree
    shown = heatmap(benchmark(client, GRID))
    assert len(shown) == CENTRAL_CITIES
    assert shown == _rows(campaign, aspects, sums)
    assert any(values[-1] for values in shown.values())  # the grid does record cooperation


@pytest.mark.parametrize("slug", [QUESTIONNAIRE, GRID])
def test_every_benchmark_page_renders_for_both_methods(client, db, slug):
    for name, kwargs, params in [
        ("benchmark", {}, {"group": "province", "rank": ""}),
        ("benchmark-pair", {"refnis": "44021"}, {}),
        ("benchmark-trends", {}, {}),
    ]:
        response = client.get(reverse(name, kwargs={"campaign": slug, **kwargs}), params)
        assert response.status_code == 200, name
        assert "<svg" in response.content.decode()


def test_filter_by_province_keeps_exactly_its_pairs(client, db):
    shown = heatmap(benchmark(client, province=WEST_FLANDERS))
    assert sorted(shown) == ["Brugge", "Kortrijk", "Oostende", "Roeselare"]
    # The same rows as without the filter.
    everything = heatmap(benchmark(client))
    assert all(shown[name] == everything[name] for name in shown)


def test_filter_by_peer_group_keeps_exactly_its_members(client, db):
    factories.peer_group(slug="drie", name="Drie steden", pairs=["41002", "44021", "24062"])
    shown = heatmap(benchmark(client, peer_group="drie"))
    assert sorted(shown) == ["Aalst", "Gent", "Leuven"]


def test_filter_by_a_custom_list_of_refnis_codes(client, db):
    shown = heatmap(benchmark(client, pairs="41002,11002"))
    assert sorted(shown) == ["Aalst", "Antwerpen"]
    # Spaces and semicolons separate codes too; a code outside the campaign matches nothing.
    shown = heatmap(benchmark(client, pairs="41002; 11002 21004"))
    assert sorted(shown) == ["Aalst", "Antwerpen"]


def test_filters_combine(client, db):
    shown = heatmap(benchmark(client, province=WEST_FLANDERS, pairs="31005,41002,35013"))
    assert sorted(shown) == ["Brugge", "Oostende"]


def test_a_wrong_code_is_named_and_ignored(client, db):
    page = benchmark(client, pairs="41002,abc")
    assert "abc" in text(page.get_element_by_id("id_pairs_error"))
    assert len(heatmap(page)) == CENTRAL_CITIES


def test_grouping_by_province_summarises_each_group(client, db):
    campaign = Campaign.objects.get(slug=QUESTIONNAIRE)
    expected = expected_questionnaire_totals(campaign)
    page = benchmark(client, group="province")
    groups = {name: cells for name, cells in table(page, "groups-table")}
    west = ["Brugge", "Kortrijk", "Oostende", "Roeselare"]
    name = next(n for n in groups if "West-Vlaanderen" in n)
    cells = groups[name]
    assert number(cells[0]) == len(west)
    totals = [expected[city][-1] for city in west]
    assert number(cells[-2]) == statistics.median(totals)
    assert number(cells[-1]) == round(statistics.fmean(totals), 2)
    financial = [expected[city][0] for city in west]
    assert number(cells[1]) == statistics.median(financial)
    # The heatmap shows the groups as row groups, each pair under its province.
    headings = [text(h) for h in page.xpath("//table[@id='heatmap-table']//th[@scope='rowgroup']")]
    assert len(headings) == 5 and name in headings


def test_grouping_by_peer_group_puts_a_pair_in_each_of_its_groups(client, db):
    factories.peer_group(slug="a-groep", name="A-groep", pairs=["41002", "44021"])
    factories.peer_group(slug="b-groep", name="B-groep", pairs=["41002", "24062"])
    page = benchmark(client, group="peer_group", pairs="41002,44021,24062")
    groups = {name: number(cells[0]) for name, cells in table(page, "groups-table")}
    assert groups["A-groep"] == 2 and groups["B-groep"] == 2
    assert groups["De 13 Vlaamse centrumsteden"] == 3
    assert len(table(page, "heatmap-table")) == 7  # Aalst in three groups, Gent and Leuven in two


def ranks(page):
    return [
        (number(cells[0]), name, number(cells[1])) for name, cells in table(page, "ranking-table")
    ]


def test_ranking_gives_equal_totals_the_same_rank(client, db):
    make_campaign(
        "gelijk",
        2020,
        {
            "41002": {("financieel", "thesaurie"): 2, ("ict", "netwerk"): 1},  # 3
            "44021": {("financieel", "thesaurie"): 1, ("ict", "netwerk"): 2},  # 3
            "24062": {("financieel", "thesaurie"): 2, ("ict", "netwerk"): 2},  # 4
            "31005": {("financieel", "thesaurie"): 0},  # 0
            "11002": {},  # nothing answered: unranked
        },
    )
    page = benchmark(client, "gelijk")
    assert ranks(page) == [
        (1, "Leuven", 4),
        (2, "Aalst", 3),
        (2, "Gent", 3),
        (4, "Brugge", 0),
        (None, "Antwerpen", None),
    ]
    # By one domain: ICT.
    page = benchmark(client, "gelijk", rank="ict")
    assert ranks(page)[:3] == [(1, "Gent", 2), (1, "Leuven", 2), (3, "Aalst", 1)]


def test_demo_ranking_follows_the_totals_with_shared_ranks(client, db):
    expected = expected_questionnaire_totals(Campaign.objects.get(slug=QUESTIONNAIRE))
    shown = ranks(benchmark(client))
    assert [total for _, _, total in shown] == sorted(
        (v[-1] for v in expected.values()), reverse=True
    )
    for (rank, _, total), (previous_rank, _, previous_total) in zip(shown[1:], shown, strict=False):
        assert rank == previous_rank if total == previous_total else rank > previous_rank


def test_distribution_counts_every_pair_once(client, db):
    page = benchmark(client)
    counts = [number(cells[0]) for _, cells in table(page, "histogram-table")]
    assert sum(counts) == CENTRAL_CITIES


# --- a pair against its peers -----------------------------------------------------------------


@pytest.fixture
def small_campaign(db):
    """Four pairs with known degrees in the financial and ICT domains."""
    return make_campaign(
        "klein",
        2021,
        {
            "41002": {("financieel", "thesaurie"): 2, ("financieel", "leningen"): 2},  # Aalst 4
            "44021": {("financieel", "thesaurie"): 1, ("ict", "netwerk"): 2},  # Gent 1 | 2
            "24062": {("financieel", "thesaurie"): 0, ("ict", "netwerk"): 1},  # Leuven 0 | 1
            "31005": {("financieel", "thesaurie"): 2, ("ict", "netwerk"): 0},  # Brugge 2 | 0
        },
    )


def profile(client, campaign, refnis, **params):
    response = client.get(reverse("benchmark-pair", args=[campaign, refnis]), params)
    assert response.status_code == 200
    page = tree(response)
    return {name: [number(v) for v in cells] for name, cells in table(page, "profile-table")}


def test_profile_sets_a_pair_against_the_median_of_a_chosen_list(client, small_campaign):
    # Aalst against Gent and Leuven: financial median of 1 and 0 = 0,5; ICT median of 2 and 1.
    shown = profile(client, "klein", "41002", pairs="44021,24062")
    assert shown["Financieel management"] == [4, 0.5, 3.5]
    assert shown["ICT-management"] == [None, 1.5, None]
    assert shown["Personeelsmanagement"] == [None, None, None]
    # Totals: Aalst 4; Gent 3, Leuven 1 → median 2.
    assert shown["Totaal"] == [4, 2, 2]


def test_profile_peers_default_to_every_other_pair(client, small_campaign):
    shown = profile(client, "klein", "41002")
    assert shown["Financieel management"] == [4, 1, 3]  # median of 1, 0, 2
    assert shown["ICT-management"] == [None, 1, None]  # median of 2, 1, 0
    assert shown["Totaal"] == [4, 2, 2]  # median of 3, 1, 2


def test_profile_peers_by_province_leave_the_pair_itself_out(client, small_campaign):
    # West-Vlaanderen holds Brugge only; Brugge compared with its province has no peers.
    shown = profile(client, "klein", "31005", province=WEST_FLANDERS)
    assert shown["Financieel management"] == [2, None, None]
    shown = profile(client, "klein", "41002", province=WEST_FLANDERS)
    assert shown["Financieel management"] == [4, 2, 2]


def test_profile_of_a_former_refnis_code_redirects_to_todays_pair(client, db):
    campaign = make_campaign("hasselt", 2021, {"71072": {("financieel", "thesaurie"): 1}})
    url = reverse("benchmark-pair", args=[campaign.slug, "71022"])
    response = client.get(url, {"province": "70000"})
    assert response.status_code == 301
    assert response["Location"] == reverse("benchmark-pair", args=[campaign.slug, "71072"]) + (
        "?province=70000"
    )


def test_a_pair_outside_the_campaign_is_not_found(client, small_campaign):
    assert client.get(reverse("benchmark-pair", args=["klein", "11002"])).status_code == 404


# --- trends -------------------------------------------------------------------------------------


def trend_table(client, campaign, **params):
    response = client.get(reverse("benchmark-trends", args=[campaign]), params)
    assert response.status_code == 200
    page = tree(response)
    return page, table(page, "trend-counts-table"), table(page, "trend-mean-table")


def trend_rows(client, campaign, **params):
    """(campaign, year, answered, cooperating, formal, mean) per point."""
    _page, counts, means = trend_table(client, campaign, **params)
    # The counts table: year, answered, cooperating, its %, formal, its %.
    return [
        (name, *(number(cells[i]) for i in (0, 1, 2, 4)), number(mean_cells[1]))
        for (name, cells), (_, mean_cells) in zip(counts, means, strict=True)
    ]


def demo_figures(domain, aspect=None):
    """By hand, from the demo's answers: answered, cooperating, formal pairs and mean degree."""
    campaign = Campaign.objects.get(slug=QUESTIONNAIRE)
    answers = Response.objects.filter(
        round=matrix_round(campaign),
        status="submitted",
        respondent="joint",
        aspect__domain__slug=domain,
        aspect__domain__framework=campaign.framework,
        aspect__origin="predefined",
        degree__isnull=False,
    )
    if aspect:
        answers = answers.filter(aspect__slug=aspect)
    degrees = list(answers.values_list("pair_id", "degree"))
    return (
        len({p for p, _ in degrees}),
        len({p for p, d in degrees if d > 0}),
        len({p for p, d in degrees if d == 2}),
        round(sum(d for _, d in degrees) / len(degrees), 2),
    )


def test_trend_of_an_aspect_lists_every_campaign_of_the_framework_in_year_order(client, db):
    make_campaign(
        "later-2020",
        2020,
        {
            "41002": {("financieel", "thesaurie"): 2},
            "44021": {("financieel", "thesaurie"): 1},
            "24062": {("financieel", "thesaurie"): 0},
            "31005": {("financieel", "leningen"): 2},  # another aspect: not counted
        },
    )
    rows = trend_rows(client, "later-2020", domain="financieel", aspect="thesaurie")
    assert [(r[0], r[1]) for r in rows] == [
        ("Beheersmatige samenwerking centrumsteden 2010", 2010),
        ("Campaign later-2020", 2020),
    ]
    assert rows[0][2:] == demo_figures("financieel", "thesaurie")
    assert rows[1][2:] == (3, 2, 1, 1)  # answered, cooperating, formal, mean (2+1+0)/3


def test_trend_shows_shares_of_the_pairs_that_answered(client, db):
    make_campaign(
        "later-2020",
        2020,
        {
            "41002": {("financieel", "thesaurie"): 2},
            "44021": {("financieel", "thesaurie"): 1},
            "24062": {("financieel", "thesaurie"): 0},
        },
    )
    _page, counts, _means = trend_table(
        client, "later-2020", domain="financieel", aspect="thesaurie"
    )
    # 2020: 3 answered, 2 cooperate (67 %), 1 formally (33 %).
    assert [c.strip() for c in counts[1][1][1:]] == ["3", "2", "67", "1", "33"]


def test_trend_can_hold_the_pairs_constant(client, db):
    """Like with like: only the pairs that answered in every campaign. Aartselaar answers only
    in 2020 and Aalst, Gent and Leuven in both, so every point counts those three."""
    client.cookies["tandem_language"] = "en"
    make_campaign(
        "later-2020",
        2020,
        {
            "41002": {("financieel", "thesaurie"): 2},
            "44021": {("financieel", "thesaurie"): 1},
            "24062": {("financieel", "thesaurie"): 0},
            "11001": {("financieel", "thesaurie"): 2},  # Aartselaar: not in the 2010 study
        },
    )
    everyone = trend_rows(client, "later-2020", domain="financieel", aspect="thesaurie")
    assert everyone[1][2:] == (4, 3, 2, 1.25)
    page, _counts, _means = trend_table(
        client, "later-2020", domain="financieel", aspect="thesaurie", same_pairs="on"
    )
    same = trend_rows(
        client, "later-2020", domain="financieel", aspect="thesaurie", same_pairs="on"
    )
    assert same[1][2:] == (3, 2, 1, 1)
    # 2010: the same three cities, their answers in the demo (the seed's table).
    degrees = dict(
        Response.objects.filter(
            round__campaign__slug=QUESTIONNAIRE,
            aspect__slug="thesaurie",
            pair__municipality__refnis__in=["41002", "44021", "24062"],
            status="submitted",
        ).values_list("pair__municipality__refnis", "degree")
    )
    assert len(degrees) == 3
    values = list(degrees.values())
    assert same[0][2:] == (
        3,
        sum(d > 0 for d in values),
        sum(d == 2 for d in values),
        round(sum(values) / 3, 2),
    )
    note = page.xpath("//section[@aria-labelledby='counts-heading']/p[@class='note']")[0]
    assert "every point counts the same 3 pairs" in text(note)
    assert page.xpath("//input[@name='same_pairs']/@checked")
    # The downloads keep the choice.
    links = page.xpath("//p[@class='downloads']/a/@href")
    assert links and all("same_pairs=on" in link for link in links)


def test_trend_of_a_whole_domain_counts_a_pair_once(client, db):
    make_campaign(
        "later-2021",
        2021,
        {
            "41002": {("financieel", "thesaurie"): 2, ("financieel", "leningen"): 2},
            "44021": {("financieel", "thesaurie"): 0, ("financieel", "leningen"): 1},
        },
    )
    rows = trend_rows(client, QUESTIONNAIRE, domain="financieel")
    assert rows[0][2:] == demo_figures("financieel")
    assert rows[1][2:] == (2, 2, 1, 1.25)  # 4 answers: (2+2+0+1)/4


def test_trend_of_a_grid_campaign_uses_the_derived_degrees(client, db):
    rows = trend_rows(client, GRID, domain="financiele-planning", aspect="thesaurie")
    assert len(rows) == 1 and rows[0][1] == 2012
    answered, cooperating, formal, mean = rows[0][2:]
    assert answered >= cooperating >= formal and answered > 0


def test_an_aspect_of_another_domain_shows_the_whole_domain(client, db):
    response = client.get(
        reverse("benchmark-trends", args=[QUESTIONNAIRE]), {"domain": "ict", "aspect": "thesaurie"}
    )
    page = tree(response)
    assert page.xpath("//select[@name='aspect']/option[@selected]/@value") == [""]


# --- page plumbing ------------------------------------------------------------------------------


def test_campaign_page_links_to_the_benchmark_and_the_trends(client, small_campaign):
    html = client.get(reverse("campaign", args=["klein"])).content.decode()
    assert reverse("benchmark", args=["klein"]) in html
    assert reverse("benchmark-trends", args=["klein"]) in html


def test_htmx_gets_the_results_without_the_page_around_them(client, small_campaign):
    response = client.get(
        reverse("benchmark", args=["klein"]),
        {"province": WEST_FLANDERS},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "<html" not in html and 'id="heatmap-table"' in html and "<form" in html


def test_pair_links_keep_the_filter(client, small_campaign):
    page = benchmark(client, "klein", province=WEST_FLANDERS, group="region")
    links = page.xpath("//table[@id='heatmap-table']//a/@href")
    assert links and all(link.endswith("?province=30000") for link in links)


# --- P4: queries per page, independent of the number of pairs ---------------------------------


@pytest.fixture
def many_pairs(db):
    pairs = Pair.objects.filter(municipality__region__refnis="04000").values_list(
        "municipality__refnis", flat=True
    )  # the 19 Brussels municipalities, Brussel (21004) among them
    degrees = {refnis: {("financieel", "thesaurie"): i % 3} for i, refnis in enumerate(pairs)}
    return make_campaign("veel", 2022, degrees)


PAGES = [
    ("benchmark", {}, {}),
    ("benchmark", {}, {"group": "peer_group", "rank": "financieel", "pairs": "21004,41002"}),
    ("benchmark", {}, {"group": "province", "region": "04000"}),
    ("benchmark-pair", {"refnis": "21004"}, {"peer_group": "centrumsteden"}),
    ("benchmark-trends", {}, {"domain": "financieel", "aspect": "thesaurie"}),
]


@pytest.mark.parametrize(("name", "kwargs", "params"), PAGES)
def test_each_page_takes_a_fixed_number_of_queries(
    client, many_pairs, name, kwargs, params, django_assert_max_num_queries
):
    few = make_campaign("weinig", 2023, {"21004": {("financieel", "thesaurie"): 1}})
    client.force_login(factories.user(username="lezer"))
    counts = {}
    for campaign in (few, many_pairs):
        url = reverse(name, kwargs={"campaign": campaign.slug, **kwargs})
        cache.clear()  # both requests start without the catalogue's kept copies
        with django_assert_max_num_queries(15) as captured:
            assert client.get(url, params).status_code == 200
        counts[campaign.slug] = len(captured)
    assert counts["weinig"] == counts["veel"]


@pytest.mark.parametrize("slug", [QUESTIONNAIRE, GRID])
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_exports_take_a_fixed_number_of_queries(
    client, db, slug, fmt, django_assert_max_num_queries
):
    with django_assert_max_num_queries(15):
        response = client.get(reverse("benchmark-export", args=[slug, fmt]), {"group": "region"})
        assert response.status_code == 200
        b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(
    ("name", "kwargs", "params"),
    [
        ("benchmark", {}, {"group": "peer_group"}),
        ("benchmark-pair", {"refnis": "41002"}, {}),
        ("benchmark-trends", {}, {"domain": "financiele-planning"}),
    ],
)
def test_grid_pages_stay_within_the_query_cap(
    client, db, name, kwargs, params, django_assert_max_num_queries
):
    with django_assert_max_num_queries(15):
        url = reverse(name, kwargs={"campaign": GRID, **kwargs})
        assert client.get(url, params).status_code == 200


def test_a_filter_that_matches_nothing_shows_empty_tables_and_charts(client, small_campaign):
    page = benchmark(client, "klein", pairs="99999")
    [(_, [message])] = table(page, "heatmap-table")
    assert message  # "No pairs you can see match these choices." in the page's language
    assert table(page, "ranking-table") == []
    assert page.xpath("//svg[contains(@class, 'chart-heatmap')]")
    assert len(table(page, "histogram-table")) == 1  # the one row saying nothing was answered

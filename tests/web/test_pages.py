"""The pages: matrices for every domain in three languages, the pair page, governance, language."""

import re

import pytest
from django.urls import reverse

DOMAINS = ["financieel", "personeel", "facilitair", "ict", "communicatie", "aankoop", "andere"]


def get(client, url, language=None, **params):
    if language:
        client.cookies["tandem_language"] = language
    return client.get(url, params)


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
@pytest.mark.parametrize("domain", DOMAINS)
def test_matrix_page_renders_every_domain_in_every_language(
    client, db, domain, language, django_assert_max_num_queries
):
    url = reverse("matrix", args=["centrumsteden-2010", domain])
    with django_assert_max_num_queries(15):
        response = get(client, url, language, aspects="all")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert html.count('<th scope="row">') >= 13 + 3  # 13 cities and the footer rows
    assert '<th scope="col"' in html
    assert 'class="legend"' in html
    assert "<caption" in html


def test_matrix_shows_short_and_full_labels_colour_and_text(client, db):
    html = get(
        client, reverse("matrix", args=["centrumsteden-2010", "financieel"]), "nl"
    ).content.decode()
    assert (
        '<span class="short-label">Fin. advies</span>'
        '<span class="full-label">Financieel advies / kostencalculatie</span>' in html
    )
    # Every score cell carries a class for its colour and the score plus a text label.
    assert re.search(
        r'<td class="score deg-2"><span class="symbol" aria-hidden="true">●</span> 2'
        r'<span class="visually-hidden"> formele samenwerking</span></td>',
        html,
    )
    assert "TOT STAD" in html and "TOT ASPECT" in html


def test_french_page_uses_french_labels_and_names(client, db):
    html = get(
        client, reverse("matrix", args=["centrumsteden-2010", "financieel"]), "fr"
    ).content.decode()
    assert "Gestion financière" in html and "Alost" in html and "Trésorerie" in html


def test_sort_by_total_puts_the_highest_first(client, db):
    response = get(
        client, reverse("matrix", args=["centrumsteden-2010", "financieel"]), "nl", sort="total"
    )
    rows = re.findall(
        r'<th scope="row"><a href="/campaigns/centrumsteden-2010/pairs/\d+/">([^<]+)</a>',
        response.content.decode(),
    )
    assert rows[:3] == ["Antwerpen", "Genk", "Gent"]


def test_htmx_request_gets_only_the_matrix_fragment(client, db):
    response = client.get(
        reverse("matrix", args=["centrumsteden-2010", "ict"]), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<table" in html and "<html" not in html


def test_other_aspects_page_marks_them_and_notes_derived_totals(client, db):
    html = get(
        client, reverse("matrix", args=["centrumsteden-2010", "facilitair"]), "nl", aspects="other"
    ).content.decode()
    assert "Winterdienst" in html and "Bodedienst" in html
    assert "niet beantwoord" in html or "not answered" in html


def test_downloads(client, db):
    csv_response = client.get(
        reverse("matrix-download", args=["centrumsteden-2010", "financieel", "csv"])
    )
    assert csv_response["Content-Type"].startswith("text/csv")
    assert csv_response.content.decode().splitlines()[-2] == "TOT ASPECT,6,9,3,3,1,3,7,"
    json_response = client.get(
        reverse("matrix-download", args=["centrumsteden-2010", "financieel", "json"])
    )
    assert json_response.json()["column_totals"] == [6, 9, 3, 3, 1, 3, 7]
    assert (
        client.get(
            reverse("matrix-download", args=["centrumsteden-2010", "financieel", "xls"])
        ).status_code
        == 404
    )


def test_pair_page_shows_scores_across_domains_with_totals(
    client, db, django_assert_max_num_queries
):
    with django_assert_max_num_queries(15):
        response = get(client, reverse("campaign-pair", args=["centrumsteden-2010", "11002"]), "nl")
    html = response.content.decode()
    assert response.status_code == 200
    for domain in ["Financieel management", "Personeelsmanagement", "Gezamenlijke aankoop"]:
        assert domain in html
    # Antwerpen's TOT STAD per domain from seed 001: 11, 8, 10, 10, 6, 6, 12 → 63.
    totals = re.findall(r'<td class="total">(\d+)</td>\s*<td class="count">', html)
    assert totals == ["11", "8", "10", "10", "6", "6", "12"]
    assert '<td class="total">63</td>' in html


def test_a_former_code_redirects_to_the_pair_of_today(client, db):
    response = client.get(reverse("campaign-pair", args=["centrumsteden-2010", "71022"]))
    assert response.status_code == 301
    assert response["Location"].endswith("/pairs/71072/")


def test_unknown_things_answer_404(client, db):
    assert client.get(reverse("campaign", args=["nope"])).status_code == 404
    assert client.get(reverse("matrix", args=["centrumsteden-2010", "nope"])).status_code == 404
    assert (
        client.get(reverse("campaign-pair", args=["centrumsteden-2010", "21012"])).status_code
        == 404
    )


def test_home_lists_campaigns_with_domain_links(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        html = client.get("/").content.decode()
    assert "Beheersmatige samenwerking centrumsteden 2010" in html
    for domain in DOMAINS:
        assert reverse("matrix", args=["centrumsteden-2010", domain]) in html


def test_the_browser_language_counts_until_a_choice_is_made_and_the_choice_is_remembered(
    client, db
):
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="en">' in english.content.decode()
    german = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    assert '<html lang="nl">' in german.content.decode()  # none of ours: Dutch
    switched = client.post(reverse("set_language"), {"language": "fr", "next": "/governance/"})
    assert switched.status_code == 302 and switched["Location"] == "/governance/"
    assert switched.cookies["tandem_language"].value == "fr"
    assert switched.cookies["tandem_language"]["max-age"] >= 365 * 24 * 3600
    after = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="fr">' in after.content.decode()


def test_governance_and_accessibility_pages(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        response = client.get(reverse("governance"), {"by": "region"})
    assert response.status_code == 200
    assert "Brussels Hoofdstedelijk Gewest" in response.content.decode()
    bad_date = client.get(reverse("governance"), {"on": "gisteren"})
    assert bad_date.status_code == 200 and 'aria-invalid="true"' in bad_date.content.decode()
    assert client.get(reverse("accessibility")).status_code == 200


def test_degree_stylesheet_comes_from_the_catalogue(client, db):
    css = client.get(reverse("degree-stylesheet")).content.decode()
    assert ".deg-2{background-color:#1a7f4b;color:#ffffff}" in css


def test_htmx_response_also_replaces_the_domain_tabs_with_the_choice(client, db):
    response = client.get(
        reverse("matrix", args=["centrumsteden-2010", "ict"]) + "?aspects=all&sort=total",
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert '<nav id="domain-tabs"' in html and 'hx-swap-oob="true"' in html
    assert "/domains/personeel/?aspects=all&amp;sort=total" in html
    full = client.get(reverse("matrix", args=["centrumsteden-2010", "ict"])).content.decode()
    assert full.count('id="domain-tabs"') == 1 and "hx-swap-oob" not in full

"""The analysis grid's pages: a pair's synthesis table, one sub-domain with peer practice, the
edit pages (R5, R6, no lost input), the comparison and the factor matrices; access (S2, S3),
escaping (S9) and query caps (P4)."""

import pytest
from django.urls import reverse

from tandem.accounts.models import PairRole
from tandem.analysis.grid import cooperating_pairs, stage_counts
from tandem.campaigns.models import Campaign
from tandem.catalogue.models import Domain, TypologyValue
from tandem.grid.models import GridEntry, GridObstacle
from tandem.grid.queries import entry_rows
from tandem.places.models import Pair
from tests import factories

DEMO = "financieel-2012"
AALST, BRUGGE = "41002", "31005"
PAYLOAD = '"><svg onload=alert(1)>'


@pytest.fixture
def demo(db):
    return Campaign.objects.get(slug=DEMO)


@pytest.fixture
def editor_of_aalst(db):
    user = factories.user(username="editor-aalst")
    factories.pair_role(user=user, pair=AALST, role=PairRole.Role.EDITOR)
    return user


def _domain(slug):
    return Domain.objects.get(framework__slug=DEMO, slug=slug)


def test_the_pair_table_shows_every_sub_domain_with_its_entries(client, demo):
    html = client.get(reverse("grid-pair", args=[DEMO, AALST])).content.decode()
    for domain in Domain.objects.filter(framework__slug=DEMO):
        assert domain.name in html
    assert "Fiscale debiteuren" in html and "Alle debiteuren" in html
    assert "Geen samenwerking wenselijk" in html  # an answer of its own
    assert "Technisch obstakel" in html


def test_the_pair_table_links_every_factor_matrix_and_its_editor_to_the_recording(
    client, client_as, editor_of_aalst, demo
):
    foci = ["planning", "processen", "producten"]
    record = [reverse("grid-factor-values", args=[DEMO, f, AALST]) for f in foci]
    reader = client.get(reverse("grid-pair", args=[DEMO, AALST])).content.decode()
    for focus in foci:
        assert reverse("grid-factors", args=[DEMO, focus]) in reader
    assert not any(url in reader for url in record)
    editor = client_as(editor_of_aalst).get(reverse("grid-pair", args=[DEMO, AALST]))
    assert all(url in editor.content.decode() for url in record)


def test_a_sub_domain_without_entries_reads_not_answered(client_as, tenants):
    client = client_as(tenants["user_a"])
    refnis = tenants["pair_a"].municipality.refnis
    html = client.get(reverse("grid-pair", args=["grid-shared", refnis])).content.decode()
    assert html.count('class="unanswered"') == 2 * 6 + 1  # six empty sub-domains, debtors' current


def test_peer_practice_lists_exactly_the_pairs_cooperating_now_on_the_component(client, demo):
    domain = _domain("debiteurenbeheer")
    component = domain.aspects.get(slug="debiteurenbeheer")
    rows = entry_rows(demo)
    aalst = factories.pair(AALST)
    expected = {
        r.pair
        for r in rows
        if r.stage == "current" and not r.is_none and component.pk in r.components
    } - {aalst.pk}
    names = set(
        Pair.objects.filter(pk__in=expected).values_list("municipality__name_nl", flat=True)
    )
    response = client.get(reverse("grid-pair-domain", args=[DEMO, AALST, domain.slug]))
    section = response.content.decode().split('id="peers-title"')[1].split('id="factors-title"')[0]
    first_table = section.split("<table")[1].split("</table>")[0]
    shown = {
        name
        for name in Pair.objects.filter(participations__campaign=demo).values_list(
            "municipality__name_nl", flat=True
        )
        if f">{name}</a>" in first_table
    }
    assert shown == names and "Aalst" not in shown and len(names) >= 5
    assert "badge" in section.split("<table")[0]


def test_the_comparison_counts_are_the_analysis_counts(client, demo):
    html = client.get(reverse("grid-comparison", args=[DEMO])).content.decode()
    pairs = list(Pair.objects.filter(participations__campaign=demo).values_list("pk", flat=True))
    domain = _domain("boekhouding-jaarrekening")
    counts = stage_counts(entry_rows(demo), pairs, [domain.pk])[domain.pk]
    row = html.split(f"2. {domain.name}</th>")[1].split("</tr>")[0]
    cells = [c.split("</td>")[0] for c in row.split('<td class="count">')[1:]]
    assert cells[:3] == [
        str(counts["current"].cooperating),
        str(counts["current"].none),
        str(counts["current"].unanswered),
    ]
    assert counts["current"].cooperating == len(
        cooperating_pairs(entry_rows(demo), domain.pk, "current")
    )


def test_the_factor_matrix_page_shows_every_row_and_city(client, demo):
    html = client.get(reverse("grid-factors", args=[DEMO, "producten"])).content.decode()
    for city in ("Gent", "Mechelen", "Sint-Niklaas", "Leuven"):
        assert f">{city}</a>" in html
    assert "Weerstand in de organisatie" in html


def _entry_post(domain, **extra):
    data = {
        "components": [domain.aspects.get(slug="debiteurenbeheer").pk],
        "label": "Eén loket voor alle debiteuren",
        "way": "Gezamenlijke cel",
        "level": TypologyValue.objects.get(slug="operationeel").pk,
        "formalisation": TypologyValue.objects.get(slug="formeel").pk,
        "possible": "obstructed",
        "obstacle_answer": "",
        "obstacles-TOTAL_FORMS": "2",
        "obstacles-INITIAL_FORMS": "0",
        "obstacles-0-label": "Juridisch obstakel",
        "obstacles-0-text": "privacywetgeving",
        "obstacles-0-types": ["juridisch"],
    }
    data.update(extra)
    return data


def test_an_editor_records_a_desirable_entry_with_its_obstacle_and_the_history_names_them(
    client_as, editor_of_aalst, demo
):
    from tandem.catalogue.models import ObstacleType

    client = client_as(editor_of_aalst)
    domain = _domain("debiteurenbeheer")
    data = _entry_post(domain)
    data["obstacles-0-types"] = [ObstacleType.objects.get(slug="juridisch").pk]
    url = reverse("grid-entry-new", args=[DEMO, AALST]) + "?domain=debiteurenbeheer&stage=desirable"
    response = client.post(url, data)
    assert response.status_code == 302
    entry = GridEntry.objects.get(label="Eén loket voor alle debiteuren")
    assert entry.stage == "desirable" and entry.obstacle_answer == "listed"
    obstacle = entry.obstacles.get()
    assert obstacle.text == "privacywetgeving" and [t.slug for t in obstacle.types.all()] == [
        "juridisch"
    ]
    assert entry.history.latest().history_user == editor_of_aalst
    assert GridObstacle.history.filter(id=obstacle.pk).latest().history_user == editor_of_aalst


def test_a_form_error_keeps_what_was_typed(client_as, editor_of_aalst, demo):
    client = client_as(editor_of_aalst)
    domain = _domain("debiteurenbeheer")
    data = _entry_post(domain, components=[], way="Mijn lange uitleg die niet verloren mag gaan")
    url = reverse("grid-entry-new", args=[DEMO, AALST]) + "?domain=debiteurenbeheer&stage=desirable"
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mijn lange uitleg die niet verloren mag gaan" in html and "privacywetgeving" in html
    assert 'class="field-error"' in html


def test_a_stale_save_gets_a_conflict_and_overwrites_nothing(client_as, editor_of_aalst, demo):
    entry = GridEntry.objects.filter(
        table__participation__campaign=demo,
        table__participation__pair__municipality__refnis=AALST,
        stage="current",
        is_none=False,
    ).first()
    opened = entry.version
    other = factories.user(username="other-editor")
    factories.pair_role(user=other, pair=entry.table.participation.pair, role=PairRole.Role.EDITOR)
    url = reverse("grid-entry", args=[DEMO, AALST, entry.pk])
    components = [c.pk for c in entry.components.all()]
    first = client_as(other).post(
        url, {"components": components, "label": "Versie van de ander", "opened_version": opened}
    )
    assert first.status_code == 302
    second = client_as(editor_of_aalst).post(
        url, {"components": components, "label": "Mijn versie", "opened_version": opened}
    )
    assert second.status_code == 409
    html = second.content.decode()
    assert "Versie van de ander" in html and "Mijn versie" in html
    entry.refresh_from_db()
    assert entry.label == "Versie van de ander"


def test_respondents_read_their_own_table_but_only_editors_and_coordinators_change_it(
    client_as, tenants
):
    refnis = tenants["pair_a"].municipality.refnis
    url = reverse("grid-table", args=["grid-shared", refnis])
    assert (
        client_as(tenants["user_a"])
        .get(reverse("grid-pair", args=["grid-shared", refnis]))
        .status_code
        == 200
    )
    assert client_as(tenants["user_a"]).post(url, {"attitude": "reticent"}).status_code == 404
    coordinator = factories.user(username="grid-coordinator")
    factories.campaign_role(user=coordinator, campaign=tenants["grid_shared"])
    response = client_as(coordinator).post(
        url, {"attitude": "reticent", "intake_participants": "x", "opened_version": 1}
    )
    assert response.status_code == 302


def test_another_pairs_text_never_shows_to_a_member_of_a_shared_grid_campaign(client_as, tenants):
    entry_b = tenants["grid_shared_entry_b"]
    entry_b.label, entry_b.way = "MARKER-B-label", "MARKER-B-way"
    entry_b.save()
    client = client_as(tenants["user_a"])
    refnis = tenants["pair_a"].municipality.refnis
    for url in (
        reverse("grid-comparison", args=["grid-shared"]),
        reverse("grid-factors", args=["grid-shared", "planning"]),
        reverse("grid-pair", args=["grid-shared", refnis]),
        reverse("grid-pair-domain", args=["grid-shared", refnis, "debiteurenbeheer"]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "MARKER-B" not in response.content.decode()
        assert tenants["pair_b"].municipality.name_nl not in response.content.decode()


def test_free_text_is_escaped_on_every_grid_page(client, demo):
    entry = GridEntry.objects.filter(
        table__participation__campaign=demo,
        table__participation__pair__municipality__refnis=BRUGGE,
        domain__slug="debiteurenbeheer",
        stage="current",
    ).first()
    entry.label, entry.way = PAYLOAD, PAYLOAD
    entry.save()
    for url in (
        reverse("grid-pair", args=[DEMO, BRUGGE]),
        reverse("grid-pair-domain", args=[DEMO, AALST, "debiteurenbeheer"]),
    ):
        html = client.get(url).content.decode()
        assert "<svg onload" not in html and "&lt;svg onload=alert(1)&gt;" in html


@pytest.mark.parametrize(
    "name,args",
    [
        ("grid-comparison", [DEMO]),
        ("grid-factors", [DEMO, "planning"]),
        ("grid-pair", [DEMO, AALST]),
        ("grid-pair-domain", [DEMO, AALST, "andere-onderdelen"]),
        ("grid-table", [DEMO, AALST]),
        ("grid-entry-new", [DEMO, AALST]),
    ],
)
def test_grid_pages_take_at_most_fifteen_queries(
    client_as, editor_of_aalst, demo, django_assert_max_num_queries, name, args
):
    client = client_as(editor_of_aalst)
    url = reverse(name, args=args)
    if name == "grid-entry-new":
        url += "?domain=andere-onderdelen&stage=desirable"
    client.get(url)  # warm the per-process catalogue cache (domains, vocabularies, foci)
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("stage", ["current", "desirable"])
def test_the_comparison_takes_at_most_fifteen_queries_for_a_respondent_of_a_private_campaign(
    client_as, tenants, django_assert_max_num_queries, stage
):
    # A respondent's scope is the costliest: readable pairs go through the pair roles.
    client = client_as(tenants["user_a"])
    url = reverse("grid-comparison", args=["grid-shared"]) + f"?stage={stage}"
    client.get(url)  # warm the per-process catalogue cache
    with django_assert_max_num_queries(15):
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["result"].pair_count == 1


def test_an_editor_records_factor_values_and_a_stale_value_stops_the_save(
    client_as, editor_of_aalst, demo
):
    from tandem.grid.models import FactorMatrix, FactorValue

    matrix = FactorMatrix.objects.get(campaign=demo, focus__slug="planning")
    rows = list(matrix.rows.order_by("order"))
    url = reverse("grid-factor-values", args=[DEMO, "planning", AALST])
    client = client_as(editor_of_aalst)
    assert client.get(url).status_code == 200
    data = {f"f{r.factor_id}-symbol": "?" for r in rows}
    data[f"f{rows[0].factor_id}-symbol"] = "+"
    data[f"f{rows[0].factor_id}-explanation"] = "Begrotingsdruk"
    assert client.post(url, data).status_code == 302
    aalst = factories.pair(AALST)
    value = FactorValue.objects.get(row=rows[0], column__participation__pair=aalst)
    assert (value.symbol, value.explanation, value.version) == ("+", "Begrotingsdruk", 1)
    assert value.history.latest().history_user == editor_of_aalst
    # Aalst is a new column, after the seed's four.
    assert matrix.columns.get(participation__pair=aalst).order == 5
    # Someone saves the first value; a save from the page opened before it is stopped.
    value.symbol, value.version = "-", 2
    value.save()
    data |= {f"f{rows[0].factor_id}-opened_version": 1, f"f{rows[1].factor_id}-symbol": "+"}
    response = client.post(url, data)
    assert response.status_code == 409
    assert FactorValue.objects.get(row=rows[1], column__participation__pair=aalst).symbol == "?"
    assert "Begrotingsdruk" in response.content.decode()


def test_the_history_page_lists_a_change_with_its_actor(client_as, editor_of_aalst, demo):
    entry = GridEntry.objects.filter(
        table__participation__campaign=demo,
        table__participation__pair__municipality__refnis=AALST,
    ).first()
    client = client_as(editor_of_aalst)
    url = reverse("grid-entry", args=[DEMO, AALST, entry.pk])
    data = {
        "components": [c.pk for c in entry.components.all()],
        "is_none": "on" if entry.is_none else "",
        "label": "Gewijzigd label",
        "opened_version": entry.version,
    }
    if entry.stage == "desirable":
        data |= {"obstacles-TOTAL_FORMS": "0", "obstacles-INITIAL_FORMS": "0"}
    assert client.post(url, data).status_code == 302
    html = client.get(reverse("grid-history", args=[DEMO, AALST])).content.decode()
    assert "editor-aalst" in html and "Gewijzigd label" in html

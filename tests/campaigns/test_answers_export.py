"""Issue 17.2: every answer of an inventory campaign as data (CSV, XLSX, JSON), one row per
answer, for the pairs the user may download."""

import csv
import io
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

import tandem
from tandem.campaigns.models import Response
from tandem.catalogue.models import DegreeLevel, Instrument, ObstacleType, ReasonCluster
from tandem.formats.xlsx import argb
from tests import factories

SCHEMA = json.loads(
    (Path(tandem.__file__).parent / "analysis" / "schemas" / "answers.schema.json").read_text()
)
HYPERLINK = '=HYPERLINK("http://evil.example","klik")'
BRUSSELS = ZoneInfo("Europe/Brussels")


def _url(campaign, fmt, **query):
    url = reverse("answers-download", args=[campaign.slug, fmt])
    return url + "".join(f"?{key}={value}" for key, value in query.items())


def _client(client_as, user):
    client = client_as(user)
    client.cookies["tandem_language"] = "en"
    return client


def _records(client, campaign, **query):
    response = client.get(_url(campaign, "json", **query))
    assert response.status_code == 200
    document = response.json()
    jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)
    return document


def _csv(client, campaign, **query):
    response = client.get(_url(campaign, "csv", **query))
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.fixture
def answered(inventory):
    """Aalst (joint) answered two aspects and an own row and submitted; Brugge's OCMW answered
    one aspect with a reason only Brugge may read."""
    round_, aspects = inventory["round"], inventory["aspects"]
    pair_a, pair_b = inventory["pair_a"], inventory["pair_b"]
    clusters = list(ReasonCluster.objects.order_by("order", "slug")[:2])
    types = list(ObstacleType.objects.order_by("order", "slug")[:1])
    instrument = Instrument.objects.order_by("order", "slug").first()
    formal = factories.response(
        round_=round_,
        pair=pair_a,
        aspect=aspects[0],
        degree=2,
        reasons=HYPERLINK,
        regulation="Overeenkomst aankoop 2019",
        instrument=instrument,
        regulation_link="https://aalst.example/overeenkomst",
        obstacles="Geen budget",
        status=Response.Status.SUBMITTED,
        updated_by=inventory["user_a"],
    )
    formal.reason_clusters.set(clusters)
    formal.obstacle_types.set(types)
    factories.document(response=formal, original_name="overeenkomst.pdf")
    factories.document(response=formal, original_name="bijlage.docx")
    none = factories.response(
        round_=round_,
        pair=pair_a,
        aspect=aspects[1],
        degree=0,
        desirable=True,
        desirable_reasons="Samen sterker",
        status=Response.Status.SUBMITTED,
    )
    own_row = factories.own_row(
        round_=round_, pair=pair_a, domain=inventory["financieel"], label="Eigen aspect Aalst"
    )
    own = factories.response(
        round_=round_,
        pair=pair_a,
        proposal=own_row,
        degree=1,
        formal_desirable=False,
        formal_desirable_reasons="Werkt informeel goed",
        status=Response.Status.SUBMITTED,
    )
    factories.submission(
        round_=round_, pair=pair_a, submitted_at=datetime(2026, 3, 2, 10, 30, tzinfo=BRUSSELS)
    )
    secret = factories.response(
        round_=round_,
        pair=pair_b,
        aspect=aspects[0],
        respondent=Response.Respondent.WELFARE_CENTRE,
        degree=1,
        reasons="Geheime reden van Brugge",
    )
    return {
        "formal": formal,
        "none": none,
        "own": own,
        "secret": secret,
        "clusters": clusters,
        "types": types,
        "instrument": instrument,
    }


def test_the_coordinator_gets_every_answer_of_the_round_with_all_its_fields(
    inventory, answered, client_as
):
    client = _client(client_as, inventory["coordinator"])
    document = _records(client, inventory["campaign"])
    assert document["kind"] == "answers" and document["rounds"] == [1]
    assert document["campaign"]["slug"] == "inventaris-2026"
    answers = document["answers"]
    # Aalst before Brugge; Aalst's aspects in questionnaire order, its own row after them.
    aspects = inventory["aspects"]
    assert [(a["municipality"], a["aspect"]) for a in answers] == [
        ("Aalst", aspects[0].label),
        ("Aalst", aspects[1].label),
        ("Aalst", "Eigen aspect Aalst"),
        ("Brugge", aspects[0].label),
    ]
    formal = answered["formal"]
    formal.refresh_from_db()
    first = answers[0]
    updated = datetime.fromisoformat(first.pop("updated_at"))
    assert updated == formal.updated_at.replace(microsecond=0)
    assert first == {
        "campaign": "inventaris-2026",
        "round": 1,
        "refnis": "41002",
        "municipality": "Aalst",
        "respondent": "joint",
        "domain": inventory["financieel"].name,
        "aspect": aspects[0].label,
        "aspect_origin": "predefined",
        "degree": 2,
        "reasons": HYPERLINK,
        "reason_clusters": f"{answered['clusters'][0].name}; {answered['clusters'][1].name}",
        "regulation": "Overeenkomst aankoop 2019",
        "instrument": answered["instrument"].name,
        "regulation_link": "https://aalst.example/overeenkomst",
        "documents": "overeenkomst.pdf; bijlage.docx",
        "desirable": None,
        "desirable_reasons": "",
        "formal_desirable": None,
        "formal_desirable_reasons": "",
        "obstacles": "Geen budget",
        "obstacle_types": answered["types"][0].name,
        "status": "submitted",
        "confirmed": False,
        "change_reason": "",
        "submitted_at": "2026-03-02T10:30:00+01:00",
        "updated_by": "respondent-a",
    }
    assert (answers[1]["degree"], answers[1]["desirable"]) == (0, True)
    assert answers[1]["desirable_reasons"] == "Samen sterker"
    own = answers[2]
    assert (own["aspect_origin"], own["degree"], own["formal_desirable"]) == ("own", 1, False)
    assert own["formal_desirable_reasons"] == "Werkt informeel goed"
    brugge = answers[3]
    assert (brugge["respondent"], brugge["status"], brugge["submitted_at"]) == (
        "ocmw",
        "draft",
        None,
    )
    assert brugge["reasons"] == "Geheime reden van Brugge" and brugge["updated_by"] == ""


def test_the_csv_holds_a_row_per_answer_and_keeps_a_formula_as_text(inventory, answered, client_as):
    client = _client(client_as, inventory["coordinator"])
    lines = _csv(client, inventory["campaign"])
    header, rows = lines[0], lines[1:]
    assert header[:4] == ["Campaign", "Round", "REFNIS code", "Municipality"]
    assert len(rows) == 4
    reasons = header.index("Reasons")
    assert rows[0][reasons] == "'" + HYPERLINK
    assert rows[0][header.index("Degree of cooperation")] == "2"
    assert rows[0][header.index("Documents")] == "overeenkomst.pdf; bijlage.docx"
    assert rows[3][header.index("Degree of cooperation")] == "1"


def test_the_xlsx_paints_each_degree_and_keeps_a_formula_as_text(inventory, answered, client_as):
    client = _client(client_as, inventory["coordinator"])
    response = client.get(_url(inventory["campaign"], "xlsx"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet, legend = book.worksheets
    header = [c.value for c in sheet[1]]
    degree, reasons = header.index("Degree of cooperation") + 1, header.index("Reasons") + 1
    levels = {level.value: level for level in DegreeLevel.objects.all()}
    assert [sheet.cell(row, degree).value for row in range(2, 6)] == [2, 0, 1, 1]
    for row in range(2, 6):
        cell = sheet.cell(row, degree)
        assert cell.fill.fgColor.rgb == argb(levels[cell.value].colour)
    formula = sheet.cell(2, reasons)
    assert formula.value == HYPERLINK and formula.data_type == "s"
    assert legend.title == "Legend"
    assert [legend.cell(row, 1).value for row in range(2, 5)] == [0, 1, 2]


def test_a_respondent_gets_only_the_answers_of_their_own_pair(inventory, answered, client_as):
    campaign = inventory["campaign"]
    client_a = _client(client_as, inventory["user_a"])
    answers = _records(client_a, campaign)["answers"]
    assert [a["refnis"] for a in answers] == ["41002"] * 3
    for fmt in ("csv", "xlsx", "json"):
        response = client_a.get(_url(campaign, fmt, round="all"))
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"Geheime reden" not in content and b"Brugge" not in content
    client_b = _client(client_as, inventory["user_b"])
    answers = _records(client_b, campaign)["answers"]
    assert [(a["refnis"], a["reasons"]) for a in answers] == [("31005", "Geheime reden van Brugge")]


def test_a_published_campaign_gives_free_texts_only_to_the_pair_s_own_people(
    inventory, answered, client, client_as
):
    campaign = inventory["campaign"]
    campaign.is_public = True
    campaign.save()
    for fmt in ("csv", "xlsx", "json"):
        assert client.get(_url(campaign, fmt)).status_code == 404
    outsider = factories.user(username="outsider")
    assert _client(client_as, outsider).get(_url(campaign, "json")).status_code == 404
    answers = _records(_client(client_as, inventory["user_a"]), campaign)["answers"]
    assert {a["refnis"] for a in answers} == {"41002"}


def test_no_one_else_reaches_the_download(inventory, answered, client, client_as):
    campaign = inventory["campaign"]
    other_coordinator = factories.user(username="other-coordinator")
    factories.campaign_role(user=other_coordinator, campaign=inventory["only_b"])
    assert _client(client_as, other_coordinator).get(_url(campaign, "csv")).status_code == 404
    supervisor = _client(client_as, inventory["supervisor"])
    assert supervisor.get(_url(campaign, "json")).status_code == 404
    client.logout()
    assert client.get(_url(campaign, "xlsx")).status_code == 404
    coordinator = _client(client_as, inventory["coordinator"])
    assert coordinator.get(_url(campaign, "xls")).status_code == 404
    assert coordinator.get(_url(campaign, "json", round=7)).status_code == 404
    assert coordinator.get(_url(campaign, "json", round="last")).status_code == 404
    # An analysis-grid campaign has no questionnaire answers.
    root = factories.superuser(username="root")
    assert _client(client_as, root).get(_url(inventory["grid_b"], "json")).status_code == 404


def test_a_round_is_chosen_by_number_or_all_rounds_at_once(inventory, answered, client_as):
    campaign = inventory["campaign"]
    later = factories.round_(campaign=campaign, number=2)  # closed: the matrices show it
    factories.response(
        round_=later,
        pair=inventory["pair_a"],
        aspect=inventory["aspects"][0],
        degree=1,
        confirmed=False,
        change_reason="Overeenkomst opgezegd",
        status=Response.Status.SUBMITTED,
    )
    client = _client(client_as, inventory["coordinator"])
    latest = _records(client, campaign)
    assert latest["rounds"] == [2]
    assert [(a["round"], a["change_reason"]) for a in latest["answers"]] == [
        (2, "Overeenkomst opgezegd")
    ]
    assert len(_records(client, campaign, round=1)["answers"]) == 4
    every = _records(client, campaign, round="all")
    assert every["rounds"] == [1, 2]
    assert [a["round"] for a in every["answers"]] == [1, 1, 1, 1, 2]
    response = client.get(_url(campaign, "csv", round="all"))
    assert "inventaris-2026-answers-all-rounds.csv" in response["Content-Disposition"]


def test_the_download_takes_as_many_queries_for_many_answers_as_for_few(
    inventory, answered, client_as, django_assert_max_num_queries
):
    client = _client(client_as, inventory["coordinator"])
    campaign = inventory["campaign"]
    with CaptureQueriesContext(connection) as few:
        client.get(_url(campaign, "json"))
    for aspect in inventory["aspects"][2:]:
        answer = factories.response(
            round_=inventory["round"], pair=inventory["pair_a"], aspect=aspect, degree=2
        )
        answer.reason_clusters.set(answered["clusters"])
        answer.obstacle_types.set(answered["types"])
        factories.document(response=answer, original_name=f"{aspect.slug}.pdf")
    with django_assert_max_num_queries(len(few)):
        answers = client.get(_url(campaign, "json")).json()["answers"]
    assert len(answers) == 4 + len(inventory["aspects"][2:]) > 5
    assert len(few) <= 15


def test_the_coordination_page_and_the_questionnaire_link_to_the_downloads(inventory, client_as):
    campaign = inventory["campaign"]
    page = _client(client_as, inventory["coordinator"]).get(reverse("manage", args=[campaign.slug]))
    html = page.content.decode()
    for fmt in ("csv", "xlsx", "json"):
        assert f'href="{_url(campaign, fmt)}"' in html
        assert f'href="{_url(campaign, fmt)}?round=all"' in html
    questionnaire = reverse("questionnaire", args=[campaign.slug, "41002"])
    html = _client(client_as, inventory["user_a"]).get(questionnaire).content.decode()
    assert f'href="{_url(campaign, "xlsx", round=1)}"' in html

"""The benchmark's downloads hold what the pages show: CSV (streamed, never cut), XLSX with the
degree colours and neutralised formulas (S10), JSON valid against the repository's schema."""

import copy
import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook

import tandem
from tandem.catalogue.models import DegreeLevel
from tandem.places.models import Pair
from tests import factories

from .support import heatmap, make_campaign, number, table, tree

SCHEMA_PATH = Path(tandem.__file__).parent / "analysis" / "schemas" / "benchmark.schema.json"
QUESTIONNAIRE = "centrumsteden-2010"
GRID = "financieel-2012"


@pytest.fixture(autouse=True)
def _english_pages(client):
    """Pages and downloads in English, so headers read as the source strings."""
    client.cookies["tandem_language"] = "en"


def csv_number(value: str):
    """A number as the CSV writes it (a dot for decimals); empty is None."""
    if value == "":
        return None
    result = float(value)
    return int(result) if result.is_integer() else result


@pytest.fixture(scope="module")
def schema():
    document = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(document)
    return document


def download(client, name, fmt, params=None, **kwargs):
    response = client.get(reverse(name, kwargs={**kwargs, "fmt": fmt}), params or {})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    if response.streaming:
        return response, b"".join(response.streaming_content)
    return response, response.content


def workbook(content):
    return load_workbook(io.BytesIO(content))


def argb(colour):
    return "FF" + colour.lstrip("#").upper()


# --- CSV ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", [QUESTIONNAIRE, GRID])
def test_csv_is_streamed_and_has_a_row_per_pair_of_the_page(client, db, slug):
    params = {"group": "province"}
    page = heatmap(tree(client.get(reverse("benchmark", args=[slug]), params)))
    response, content = download(client, "benchmark-export", "csv", params, campaign=slug)
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(content.decode())))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["Group", "Rank", "REFNIS code", "Pair"] and header[-1] == "Total"
    assert len(body) == len(page) == 13
    for row in body:
        assert [csv_number(v) for v in row[4:]] == page[row[3]]


def test_csv_of_a_whole_campaign_is_never_cut(client, db):
    """P6: every pair of a large campaign is in the download, in a streamed response."""
    brussels = Pair.objects.filter(municipality__region__refnis="04000")
    flemish = Pair.objects.filter(municipality__region__refnis="02000")[:200]
    refnis = [p.municipality.refnis for p in [*brussels, *flemish]]
    make_campaign("groot", 2024, {code: {("financieel", "thesaurie"): 1} for code in refnis})
    response, content = download(client, "benchmark-export", "csv", campaign="groot")
    rows = list(csv.reader(io.StringIO(content.decode())))
    assert len(rows) == 1 + len(refnis)
    assert rows[0][:3] == ["Rank", "REFNIS code", "Pair"]
    assert sorted(r[1] for r in rows[1:]) == sorted(refnis)


def test_csv_tables_of_groups_and_distribution(client, db):
    page = tree(client.get(reverse("benchmark", args=[QUESTIONNAIRE]), {"group": "region"}))
    for name, table_id in (("groups", "groups-table"), ("distribution", "histogram-table")):
        _, content = download(
            client,
            "benchmark-export",
            "csv",
            {"group": "region", "table": name},
            campaign=QUESTIONNAIRE,
        )
        rows = list(csv.reader(io.StringIO(content.decode())))
        assert len(rows) - 1 == len(table(page, table_id)), name
    response = client.get(
        reverse("benchmark-export", args=[QUESTIONNAIRE, "csv"]), {"table": "nothing"}
    )
    assert response.status_code == 404


def test_profile_and_trend_csv_match_their_pages(client, db):
    url = reverse("benchmark-pair", args=[QUESTIONNAIRE, "41002"])
    shown = table(tree(client.get(url, {"province": "40000"})), "profile-table")
    _, content = download(
        client,
        "benchmark-pair-export",
        "csv",
        {"province": "40000"},
        campaign=QUESTIONNAIRE,
        refnis="41002",
    )
    rows = list(csv.reader(io.StringIO(content.decode())))[1:]
    assert [r[0] for r in rows] == [name for name, _ in shown]
    assert [[csv_number(v) for v in r[1:]] for r in rows] == [
        [number(v) for v in cells] for _, cells in shown
    ]
    _, content = download(
        client, "benchmark-trends-export", "csv", {"domain": "ict"}, campaign=QUESTIONNAIRE
    )
    rows = list(csv.reader(io.StringIO(content.decode())))
    assert rows[1][:2] == ["Management cooperation in the central cities 2010", "2010"]


# --- XLSX ---------------------------------------------------------------------------------------


def test_xlsx_holds_the_numbers_of_the_page_with_the_degree_colours(client, db):
    params = {"rank": "ict"}
    page = tree(client.get(reverse("benchmark", args=[QUESTIONNAIRE]), params))
    shown = heatmap(page)
    _, content = download(client, "benchmark-export", "xlsx", params, campaign=QUESTIONNAIRE)
    book = workbook(content)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:3] == ("Rank", "REFNIS code", "Pair")
    assert {row[2]: list(row[3:]) for row in body} == shown
    ranked = {name: number(cells[0]) for name, cells in table(page, "ranking-table")}
    assert {row[2]: row[0] for row in body} == ranked
    # Groups and distribution sheets hold the page's groups and distribution tables.
    groups = list(book.worksheets[1].iter_rows(values_only=True))[1:]
    assert [[g[0], *g[1:]] for g in groups] == [
        [name, *[number(c) for c in cells]] for name, cells in table(page, "groups-table")
    ]
    bins = list(book.worksheets[2].iter_rows(values_only=True))[1:]
    assert [b[2] for b in bins] == [number(c[0]) for _, c in table(page, "histogram-table")]


def test_xlsx_cells_take_the_colour_of_their_degree(client, db):
    """A domain total at its maximum is 'formal' green, a total of 0 'none' grey; the legend
    sheet shows each degree in its own colours."""
    make_campaign(
        "kleuren",
        2025,
        {
            "41002": {("aankoop", a): 2 for a in ("gas", "elektriciteit", "telefonie")},
            "44021": {("aankoop", a): 0 for a in ("gas", "elektriciteit", "telefonie")},
        },
    )
    levels = {d.value: d for d in DegreeLevel.objects.all()}
    _, content = download(client, "benchmark-export", "xlsx", campaign="kleuren")
    book = workbook(content)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    column = header.index("Joint purchasing") + 1
    by_name = {sheet.cell(r, 3).value: sheet.cell(r, column) for r in range(2, sheet.max_row + 1)}
    assert by_name["Aalst"].value == 6
    assert by_name["Aalst"].fill.fgColor.rgb == argb(levels[2].colour)
    assert by_name["Gent"].value == 0
    assert by_name["Gent"].fill.fgColor.rgb == argb(levels[0].colour)
    legend = book["Legend"]
    for row in range(2, 5):
        level = levels[legend.cell(row, 1).value]
        assert legend.cell(row, 1).fill.fgColor.rgb == argb(level.colour)
        assert legend.cell(row, 2).font.color.rgb == argb(level.text_colour)


def test_trend_xlsx_colours_the_mean_degree(client, db):
    make_campaign(
        "trend-1", 2030, {"41002": {("ict", "netwerk"): 2}, "44021": {("ict", "netwerk"): 2}}
    )
    levels = {d.value: d for d in DegreeLevel.objects.all()}
    _, content = download(
        client,
        "benchmark-trends-export",
        "xlsx",
        {"domain": "ict", "aspect": "netwerk"},
        campaign="trend-1",
    )
    sheet = workbook(content).worksheets[0]
    last = [c for c in sheet[sheet.max_row]]
    # Campaign, year, answered, cooperating, its share, formal, its share, mean degree.
    assert [c.value for c in last[1:]] == [2030, 2, 2, 100, 2, 100, 2]
    assert last[7].fill.fgColor.rgb == argb(levels[2].colour)


def test_a_formula_in_a_name_stays_text_in_xlsx_and_csv(client, db):
    """S10: a peer group called '=1+1' is a string in the workbook, never a formula."""
    both = {"41002": {("financieel", "thesaurie"): 2}, "44021": {("financieel", "thesaurie"): 1}}
    campaign = make_campaign("formule", 2021, both).slug
    factories.peer_group(slug="formule", name="=1+1", pairs=["41002", "44021"])
    params = {"group": "peer_group", "peer_group": "formule"}
    _, content = download(client, "benchmark-export", "xlsx", params, campaign=campaign)
    book = workbook(content)
    cells = [c for row in book.worksheets[0].iter_rows() for c in row if c.value == "=1+1"]
    cells += [c for row in book.worksheets[1].iter_rows() for c in row if c.value == "=1+1"]
    assert len(cells) == 3  # Aalst's and Gent's group, and the group's summary
    assert all(c.data_type == "s" for c in cells)
    _, content = download(client, "benchmark-export", "csv", params, campaign=campaign)
    rows = list(csv.reader(io.StringIO(content.decode())))[1:]
    assert [r[3] for r in rows if r[0] == "'=1+1"] == ["Aalst", "Gent"]
    assert "=1+1" not in {r[0] for r in rows}


def test_profile_xlsx_holds_the_profile_table(client, db):
    url = reverse("benchmark-pair", args=[GRID, "44021"])
    shown = table(tree(client.get(url)), "profile-table")
    _, content = download(client, "benchmark-pair-export", "xlsx", campaign=GRID, refnis="44021")
    rows = list(workbook(content).worksheets[0].iter_rows(values_only=True))[1:]
    assert [list(r) for r in rows] == [[name, *[number(c) for c in cells]] for name, cells in shown]


# --- JSON ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", [QUESTIONNAIRE, GRID])
def test_json_documents_follow_the_schema(client, db, schema, slug):
    documents = [
        download(client, "benchmark-export", "json", {"group": "peer_group"}, campaign=slug)[1],
        download(
            client, "benchmark-export", "json", {"rank": "x", "pairs": "41002"}, campaign=slug
        )[1],
        download(
            client,
            "benchmark-pair-export",
            "json",
            {"region": "02000"},
            campaign=slug,
            refnis="41002",
        )[1],
        download(client, "benchmark-trends-export", "json", campaign=slug)[1],
    ]
    kinds = []
    for content in documents:
        document = json.loads(content)
        jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
        kinds.append(document["kind"])
    assert kinds == ["benchmark", "benchmark", "profile", "trend"]


def test_json_holds_the_numbers_of_the_page(client, db):
    page = heatmap(tree(client.get(reverse("benchmark", args=[QUESTIONNAIRE]))))
    document = json.loads(download(client, "benchmark-export", "json", campaign=QUESTIONNAIRE)[1])
    slugs = [d["slug"] for d in document["domains"]]
    assert {
        p["name"]: [p["totals"][s] for s in slugs] + [p["total"]] for p in document["pairs"]
    } == page


def test_an_invalid_document_does_not_pass_the_schema(client, db, schema):
    document = json.loads(download(client, "benchmark-export", "json", campaign=QUESTIONNAIRE)[1])
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid(document)
    broken = []
    for change in (
        lambda d: d.pop("kind"),
        lambda d: d["pairs"][0].update(total="16"),  # a number written as text
        lambda d: d["pairs"][0].update(code="4100"),  # not a REFNIS code
        lambda d: d["pairs"][0]["totals"].update(financieel=-1),
        lambda d: d.update(extra=True),
        lambda d: d["distribution"].update(bin_width=0),
    ):
        changed = copy.deepcopy(document)
        change(changed)
        broken.append(validator.is_valid(changed))
    assert broken == [False] * 6

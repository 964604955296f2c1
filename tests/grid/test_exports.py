"""The grid's downloads and printable PDFs: the same numbers as the pages (CSV, XLSX, JSON
against its schema), `tandem factors`' table, the colours, formulas kept as text (S10), free
text as text in the PDF (S9), numbered and tagged pages, 404 for another tenant's pair (S1, S2)
and a fixed number of queries (P4, P6)."""

import csv
import io
import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import html as lxml_html
from openpyxl import load_workbook

from tandem.accounts.models import PairRole
from tandem.analysis.grid import peer_practice
from tandem.campaigns.models import Campaign
from tandem.formats.pdf import html_to_pdf
from tandem.grid import prints
from tandem.grid.models import FactorMatrix, FactorValue, GridEntry, GridObstacle
from tandem.grid.queries import entry_rows
from tandem.grid.sheets import HEADER_FILL, HEADER_INK, SYMBOL_COLOURS
from tandem.places.models import Pair
from tandem.web.colours import contrast
from tests import factories
from tests.security.urlwalk import targets_of_other_tenant

DEMO = "financieel-2012"
AALST, BRUGGE = "41002", "31005"
FOCI = ("planning", "processen", "producten")
FORMATS = ("csv", "xlsx", "json")
PAYLOAD = '"><svg onload=alert(1)>'
SCHEMAS = Path(__file__).resolve().parents[2] / "src" / "tandem" / "grid" / "schemas"
OUR_URLS = (
    "grid-pair-export",
    "grid-pair-pdf",
    "grid-comparison-export",
    "grid-matrices-pdf",
    "grid-factors-export",
)


@pytest.fixture
def demo(db):
    return Campaign.objects.get(slug=DEMO)


@pytest.fixture
def editor_of_aalst(db):
    user = factories.user(username="editor-aalst")
    factories.pair_role(user=user, pair=AALST, role=PairRole.Role.EDITOR)
    return user


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _get(client, name, *args, query="") -> bytes:
    response = client.get(reverse(name, args=args) + query)
    assert response.status_code == 200, response.status_code
    return _body(response)


def _schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def _validator(name: str):
    schema = _schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _page_count_tables(html: str) -> list[list[list]]:
    """Each count table of the comparison page: per body and footer row, its heading and
    the numbers of its cells."""
    tree = lxml_html.fromstring(html)
    return [
        [
            [_text(tr.xpath("./th")[0]), *(int(_text(td)) for td in tr.xpath("./td"))]
            for tr in table.xpath("./tbody/tr | ./tfoot/tr")
        ]
        for table in tree.xpath('//table[contains(concat(" ", @class, " "), " counts ")]')
    ]


def _sheets(content: bytes) -> list[list[list]]:
    """Every sheet's rows below its title and header (from row 3)."""
    book = load_workbook(io.BytesIO(content))
    return [[list(r) for r in sheet.iter_rows(min_row=3, values_only=True)] for sheet in book]


def _pdf_text(content: bytes, tmp_path: Path, name="out.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(content)
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return result.stdout.decode()


def _assert_numbered(text: str, pages: int) -> None:
    """Every page carries "n / N" (pdftotext may drop the spaces around the slash)."""
    for number in range(1, pages + 1):
        assert re.search(rf"(?<!\d){number}\s*/\s*{pages}(?!\d)", text), f"{number} / {pages}"


def _pdf_pages(content: bytes, tmp_path: Path) -> tuple[int, str]:
    path = tmp_path / "info.pdf"
    path.write_bytes(content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
    size = re.search(r"^Page size:\s+(.*)$", info.stdout, re.M).group(1)
    return pages, size


# --- the comparison ------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "?stage=desirable&mapping=focusgroepen"])
def test_the_comparison_xlsx_holds_every_number_of_the_page(client, demo, query):
    page = client.get(reverse("grid-comparison", args=[DEMO]) + query).content.decode()
    expected = _page_count_tables(page)
    assert len(expected) == 9  # stages, five typology dimensions, obstacles, foci, attitudes
    assert sum(len(t) for t in expected) > 50
    content = _get(client, "grid-comparison-export", DEMO, "xlsx", query=query)
    assert _sheets(content) == expected


def test_the_comparison_xlsx_follows_the_chosen_stage(client, demo):
    current = _sheets(_get(client, "grid-comparison-export", DEMO, "xlsx"))
    desirable = _sheets(
        _get(client, "grid-comparison-export", DEMO, "xlsx", query="?stage=desirable")
    )
    assert current[0] == desirable[0]  # the stage counts show both stages
    assert current[1] != desirable[1]  # the typology is the chosen stage's


def test_the_comparison_csv_parses_with_one_row_per_number_of_the_page(client, demo):
    page = client.get(reverse("grid-comparison", args=[DEMO])).content.decode()
    expected = [
        (index, row[0], value)
        for index, table in enumerate(_page_count_tables(page))
        for row in table
        for value in row[1:]
    ]
    response = client.get(reverse("grid-comparison-export", args=[DEMO, "csv"]))
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(_body(response).decode())))
    assert len(rows) == len(expected)
    names = list(dict.fromkeys(r["table"] for r in rows))
    assert names == [
        "stages",
        "typology-level",
        "typology-place",
        "typology-scale",
        "typology-formalisation",
        "typology-finality",
        "obstacles",
        "foci",
        "attitudes",
    ]
    got = [(names.index(r["table"]), r["row"], int(r["value"])) for r in rows]
    assert got == expected
    # The codes make the file usable without the labels.
    first = rows[0]
    assert (first["row_code"], first["column_code"]) == (
        "financiele-planning",
        "current.cooperating",
    )


def test_the_comparison_json_validates_and_a_broken_one_does_not(client, demo):
    document = json.loads(_get(client, "grid-comparison-export", DEMO, "json"))
    validator = _validator("grid-comparison")
    validator.validate(document)
    assert document["pair_count"] == 13 and document["stage"] == "current"
    assert document["mapping"]["slug"]
    broken = json.loads(json.dumps(document))
    broken["stage_counts"][0]["current"]["cooperating"] = -1
    broken["typology"][0]["dimension"] = "altitude"
    del broken["attitudes"]
    assert len(list(validator.iter_errors(broken))) == 3


def test_the_comparison_csv_of_the_whole_campaign_takes_no_query_per_pair(client, tenants):
    """13 pairs (the demo) cost as many queries as one (grid-b): no N+1 (P4, P6)."""
    root = factories.superuser(username="root")
    client.force_login(root)
    counts = {}
    for slug in (DEMO, tenants["grid_b"].slug):
        _get(client, "grid-comparison-export", slug, "csv")  # warm the catalogue's kept copies
        with CaptureQueriesContext(connection) as queries:
            _get(client, "grid-comparison-export", slug, "csv")
        counts[slug] = len(queries)
    assert counts[DEMO] == counts[tenants["grid_b"].slug] <= 15


# --- a pair's synthesis table --------------------------------------------------------------------


def _page_entries(html: str) -> list[str]:
    tree = lxml_html.fromstring(html)
    return [
        _text(p)
        for p in tree.xpath('//li[contains(@class, "grid-entry")]/p[@class="entry-label"]/strong')
    ]


def test_the_pair_table_downloads_hold_every_entry_of_the_page(client, demo):
    labels = _page_entries(client.get(reverse("grid-pair", args=[DEMO, AALST])).content.decode())
    assert len(labels) > 20
    rows = list(
        csv.DictReader(io.StringIO(_get(client, "grid-pair-export", DEMO, AALST, "csv").decode()))
    )
    sheet = _sheets(_get(client, "grid-pair-export", DEMO, AALST, "xlsx"))[0]
    document = json.loads(_get(client, "grid-pair-export", DEMO, AALST, "json"))
    assert len(rows) == len(sheet) == len(document["entries"]) == len(labels)
    for label, row, cells, entry in zip(labels, rows, sheet, document["entries"], strict=True):
        if entry["label"]:
            assert label == " ".join(entry["label"].split())
            assert row["label"].lstrip("'") == cells[5] == entry["label"]
        assert int(row["sub_domain_number"]) == cells[0] == entry["sub_domain"]["number"]
    # A sub-domain's entries: typology names and obstacles, as the page shows them.
    obstructed = next(e for e in document["entries"] if e["obstacles"])
    assert obstructed["stage"] == "desirable" and obstructed["obstacles"][0]["types"]
    assert any(r["obstacles"] for r in rows) and any(r["level"] for r in rows)


def test_the_pair_json_validates_and_a_broken_one_does_not(client, demo):
    document = json.loads(_get(client, "grid-pair-export", DEMO, AALST, "json"))
    validator = _validator("grid-pair-table")
    validator.validate(document)
    assert document["pair"] == {"code": AALST, "name": "Aalst"}
    assert any(e["no_cooperation"] for e in document["entries"])  # an answer of its own
    broken = json.loads(json.dumps(document))
    broken["entries"][0]["stage"] = "someday"
    broken["entries"][0]["typology"]["level"] = "strategisch"  # a name where a term belongs
    broken["pair"]["code"] = "4100"
    assert len(list(validator.iter_errors(broken))) == 3


def _set_obstacle_texts(entry, text):
    for obstacle in GridObstacle.objects.filter(entry=entry):
        obstacle.text = text
        obstacle.save()


def test_a_formula_in_an_entry_stays_text_in_the_xlsx_and_the_csv(client_as, tenants):
    """S10: '=1+1' typed as a label is a string cell, never a formula."""
    entry = GridEntry.objects.get(
        table__participation__campaign=tenants["grid_shared"],
        table__participation__pair=tenants["pair_a"],
    )
    entry.label, entry.way = "=1+1", "@SUM(A1:A2)"
    entry.save()
    _set_obstacle_texts(entry, "-2+3")
    client = client_as(tenants["user_a"])
    refnis = tenants["pair_a"].municipality.refnis
    book = load_workbook(
        io.BytesIO(_get(client, "grid-pair-export", "grid-shared", refnis, "xlsx"))
    )
    cells = {c.value: c for row in book.worksheets[0].iter_rows(min_row=3) for c in row}
    for text in ("=1+1", "@SUM(A1:A2)"):
        assert cells[text].data_type == "s"
    obstacles = next(c for v, c in cells.items() if isinstance(v, str) and "-2+3" in v)
    assert obstacles.data_type == "s"
    rows = list(
        csv.DictReader(
            io.StringIO(_get(client, "grid-pair-export", "grid-shared", refnis, "csv").decode())
        )
    )
    assert (rows[0]["label"], rows[0]["way"]) == ("'=1+1", "'@SUM(A1:A2)")


# --- the factor matrices -------------------------------------------------------------------------


def _factors_cli(focus: str) -> str:
    out = io.StringIO()
    call_command("factors", "--campaign", DEMO, "--group", focus, "--format", "csv", stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("focus", FOCI)
def test_the_factor_csv_is_the_table_tandem_factors_prints(client, demo, focus):
    assert _get(client, "grid-factors-export", DEMO, focus, "csv").decode() == _factors_cli(focus)


# The design's colours, written out (not read from grid.sheets): + green, - red, ? grey, +/- amber.
LITERAL_SYMBOL_COLOURS = {
    "+": ("FFC9E7CD", "FF14532D"),
    "-": ("FFF9D2C3", "FF7C1D0C"),
    "?": ("FFE2E2E2", "FF333333"),
    "+/-": ("FFFFE194", "FF5A3A00"),
}


@pytest.mark.parametrize("focus", FOCI)
def test_the_factor_xlsx_holds_the_symbols_of_the_page_in_their_colours(client, demo, focus):
    page = lxml_html.fromstring(client.get(reverse("grid-factors", args=[DEMO, focus])).content)
    table = page.xpath('//table[contains(@class, "factors")]')[0]
    names = [_text(th) for th in table.xpath("./thead/tr/th")[1:]]
    symbols = [
        ["".join(td.xpath('./span[@aria-hidden="true"]/text()')) for td in tr.xpath("./td")]
        for tr in table.xpath("./tbody/tr")
    ]
    book = load_workbook(io.BytesIO(_get(client, "grid-factors-export", DEMO, focus, "xlsx")))
    matrix, explanations = book.worksheets[0], book.worksheets[1]
    assert [c.value for c in matrix[2]][1:] == names
    rows = list(matrix.iter_rows(min_row=3))
    assert [[c.value or "" for c in row[1:]] for row in rows] == symbols
    for row in rows:
        for cell in row[1:]:
            if cell.value:
                fill, ink = LITERAL_SYMBOL_COLOURS[cell.value]
                assert cell.data_type == "s"  # '-' and '+' are never formulas
                assert (cell.fill.start_color.rgb, cell.font.color.rgb) == (fill, ink)
    legend = book.worksheets[-1]
    meanings = {r[0].value: r[1].value for r in legend.iter_rows(min_row=2) if r[0].value}
    assert meanings == {"+": "aanwezig", "-": "afwezig", "?": "niet gemeld", "+/-": "gemengd"}
    matrix_pk = FactorMatrix.objects.get(campaign__slug=DEMO, focus__slug=focus).pk
    explained = FactorValue.objects.filter(row__matrix=matrix_pk).exclude(explanation="")
    assert explanations.max_row - 2 == explained.count() > 0


@pytest.mark.parametrize("focus", FOCI)
def test_the_factor_json_validates_and_a_broken_one_does_not(client, demo, focus):
    document = json.loads(_get(client, "grid-factors-export", DEMO, focus, "json"))
    validator = _validator("grid-factor-matrix")
    validator.validate(document)
    assert len(document["pairs"]) == 4
    assert any(v["explanation"] for f in document["factors"] for v in f["values"])
    broken = json.loads(json.dumps(document))
    broken["factors"][0]["values"][0]["symbol"] = "++"
    broken["pairs"][0]["code"] = 11002
    assert len(list(validator.iter_errors(broken))) == 2


def test_every_colour_in_the_workbooks_has_aa_contrast(client, demo):
    assert contrast(HEADER_FILL, HEADER_INK) >= 4.5
    for fill, ink in SYMBOL_COLOURS.values():
        assert contrast(fill, ink) >= 4.5
    filled = 0
    for content in (
        _get(client, "grid-comparison-export", DEMO, "xlsx"),
        _get(client, "grid-factors-export", DEMO, "planning", "xlsx"),
    ):
        for sheet in load_workbook(io.BytesIO(content)):
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.fill.fill_type == "solid":
                        filled += 1
                        fill = "#" + cell.fill.start_color.rgb[2:]
                        ink = "#" + (cell.font.color.rgb[2:] if cell.font.color else "000000")
                        assert contrast(fill, ink) >= 4.5, (sheet.title, cell.coordinate)
    assert filled > 100  # counts shaded by value, symbols coloured, headers styled


# --- the printable PDFs --------------------------------------------------------------------------


def test_free_text_is_literal_in_the_pdf_and_escaped_in_its_html(client, demo, tmp_path):
    """S9: the payload in a label, a way of cooperating and an obstacle of Aalst, and in a peer's
    entry shown as peer practice, is text in the PDF and escaped in the HTML it comes from."""
    own = GridEntry.objects.filter(
        table__participation__campaign=demo,
        table__participation__pair__municipality__refnis=AALST,
        stage="desirable",
        obstacles__isnull=False,
    ).first()
    own.label, own.way = PAYLOAD, PAYLOAD
    own.save()
    _set_obstacle_texts(own, PAYLOAD)
    wanted = set(own.components.values_list("pk", flat=True))
    peer = (
        GridEntry.objects.filter(
            table__participation__campaign=demo,
            stage="current",
            is_none=False,
            components__in=wanted,
        )
        .exclude(table__participation__pair__municipality__refnis=AALST)
        .first()
    )
    assert peer is not None
    peer.way = PAYLOAD
    peer.save()
    participation = demo.participations.get(pair__municipality__refnis=AALST)
    readable = Pair.objects.filter(participations__campaign=demo)
    html = prints.pair_document(demo, participation, readable)
    assert "<svg onload" not in html
    assert html.count("&quot;&gt;&lt;svg onload=alert(1)&gt;") >= 4
    text = _pdf_text(_get(client, "grid-pair-pdf", DEMO, AALST), tmp_path)
    flat = "".join(text.split())
    assert flat.count("".join(PAYLOAD.split())) >= 4


def _squeezed(text: str) -> str:
    return "".join(text.split())


def test_the_pair_pdf_has_numbered_pages_and_the_whole_grid(client, demo, tmp_path):
    """Brugge: its entries, the peers cooperating now on what it desires, its factor values."""
    content = _get(client, "grid-pair-pdf", DEMO, BRUGGE)
    pages, size = _pdf_pages(content, tmp_path)
    text = _pdf_text(content, tmp_path)
    assert pages > 1 and "(A4)" in size
    _assert_numbered(text, pages)
    flat = _squeezed(text)
    for domain in demo.framework.domains.all():
        assert _squeezed(domain.name) in flat
    rows = entry_rows(demo)
    brugge = factories.pair(BRUGGE).pk
    own = [r for r in rows if r.pair == brugge]
    short = [r.label for r in own if r.label and len(r.label) <= 25]
    assert len(short) >= 5 and all(_squeezed(label) in flat for label in short)
    desired = {c for r in own if r.stage == "desirable" for c in r.components}
    peers = [
        r
        for component in desired
        for entries in peer_practice(rows, component, brugge).values()
        for r in entries
    ]
    shown = [r.label for r in peers if r.label and len(r.label) <= 25]
    assert len(shown) >= 3 and all(_squeezed(label) in flat for label in shown)
    # Brugge sat in the planning focus group: its column of that matrix is its profile.
    planning = FactorValue.objects.filter(
        column__participation__pair=brugge, row__matrix__focus__slug="planning"
    )
    assert planning.exists()
    assert _squeezed("Budgettaire situatie") in flat


def test_the_matrices_pdf_is_landscape_numbered_and_holds_the_three_matrices(
    client, demo, tmp_path
):
    content = _get(client, "grid-matrices-pdf", DEMO)
    pages, size = _pdf_pages(content, tmp_path)
    assert pages > 1 and size.startswith("841.89 x 595.2")  # A4 landscape
    text = _pdf_text(content, tmp_path)
    _assert_numbered(text, pages)
    flat = " ".join(text.split())
    for matrix in FactorMatrix.objects.filter(campaign=demo).select_related("focus"):
        assert matrix.focus.name in flat
    assert "Sint-Niklaas" in flat and "Roeselare" in flat  # columns of two different groups


def test_the_pdfs_are_tagged_with_their_language_headings_and_table_headers(demo):
    participation = demo.participations.get(pair__municipality__refnis=AALST)
    readable = Pair.objects.filter(participations__campaign=demo)
    from tandem.grid.pages import comparison

    for html in (
        prints.pair_document(demo, participation, readable),
        prints.matrices_document(
            demo, readable, comparison(demo, readable, None, "current"), "current"
        ),
    ):
        assert '<html lang="nl">' in html
        pdf = html_to_pdf(html, uncompressed=True)
        assert b"/Lang (nl)" in pdf and b"/DisplayDocTitle true" in pdf
        tags = set(re.findall(rb"/S /(\w+)", pdf))
        assert {b"H1", b"H2", b"Table", b"TH", b"THead", b"TR"} <= tags


# --- access (S1, S2) and queries (P4) ------------------------------------------------------------


def test_a_respondent_of_pair_a_gets_404_for_every_download_of_pair_b(tenants, client_as):
    client = client_as(tenants["user_a"])
    targets = targets_of_other_tenant(tenants)
    urls = [reverse(t.name, kwargs=t.kwargs) for name in OUR_URLS for t in targets[name]]
    assert len(urls) == 6 + 2 + 3 + 1 + 3
    for url in urls:
        assert client.get(url).status_code == 404, url


def test_the_shared_campaigns_downloads_hold_only_the_users_own_pair(tenants, client_as):
    client = client_as(tenants["user_a"])
    aalst = tenants["pair_a"].municipality.refnis
    comparison = json.loads(_get(client, "grid-comparison-export", "grid-shared", "json"))
    assert comparison["pair_count"] == 1
    factors = _get(client, "grid-factors-export", "grid-shared", "planning", "csv").decode()
    assert factors.splitlines()[0] == "factor,Aalst"
    document = json.loads(_get(client, "grid-factors-export", "grid-shared", "planning", "json"))
    assert [p["code"] for p in document["pairs"]] == [aalst]
    for name, args in (
        ("grid-comparison-export", ["grid-shared", "xlsx"]),
        ("grid-factors-export", ["grid-shared", "planning", "xlsx"]),
        ("grid-pair-export", ["grid-shared", aalst, "json"]),
    ):
        content = _get(client, name, *args)
        assert b"Brugge" not in content and b"Debiteuren Brugge" not in content
    readable = Pair.objects.filter(pk=tenants["pair_a"].pk)
    from tandem.grid.pages import comparison as compare

    html = prints.matrices_document(
        tenants["grid_shared"],
        readable,
        compare(tenants["grid_shared"], readable, None, "current"),
        "current",
    )
    assert "Brugge" not in html and "Aalst" in html


def test_an_unknown_format_is_not_found(client, demo):
    for url in (
        reverse("grid-pair-export", args=[DEMO, AALST, "docx"]),
        reverse("grid-comparison-export", args=[DEMO, "pdf"]),
        reverse("grid-factors-export", args=[DEMO, "planning", "txt"]),
        reverse("grid-factors-export", args=[DEMO, "nothing", "csv"]),
    ):
        assert client.get(url).status_code == 404, url


DOWNLOADS = [
    *(("grid-pair-export", ["{campaign}", "{pair}", f]) for f in FORMATS),
    *(("grid-comparison-export", ["{campaign}", f]) for f in FORMATS),
    *(("grid-factors-export", ["{campaign}", "planning", f]) for f in FORMATS),
    ("grid-pair-pdf", ["{campaign}", "{pair}"]),
    ("grid-matrices-pdf", ["{campaign}"]),
]


@pytest.mark.parametrize("who", ["editor of Aalst in the demo", "respondent A in grid-shared"])
@pytest.mark.parametrize("name,args", DOWNLOADS)
def test_each_download_takes_at_most_fifteen_queries(
    client_as, editor_of_aalst, tenants, django_assert_max_num_queries, who, name, args
):
    if who.startswith("editor"):
        client, campaign, pair = client_as(editor_of_aalst), DEMO, AALST
    else:
        client, campaign, pair = client_as(tenants["user_a"]), "grid-shared", AALST
    url = reverse(name, args=[a.format(campaign=campaign, pair=pair) for a in args])
    client.get(url)  # warm the per-process catalogue cache (domains, vocabularies, foci)
    with django_assert_max_num_queries(15):
        response = client.get(url)
        assert response.status_code == 200
        _body(response)

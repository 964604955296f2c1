"""Issue 17.6: the study report of the demo's grid campaign (seed 000) holds the 13 synthesis
tables' content, the typology counts, the three factor matrices with their explanations and the
coordinator's texts (seed 000's own, with "samenwerken, tenzij…"), in HTML, DOCX and PDF; the PDF
is tagged A4 and the DOCX A4 with heading styles. The expected values come from the seed itself
(the matrices, the texts) and from the demo's transcription of the synthesis tables
(demo/data/financieel-2012/*.yaml), never from the report's code."""

import io
import re
import subprocess
from collections import Counter
from html import unescape

import pytest
import yaml
from django.utils import translation
from docx import Document

from tandem.campaigns.models import Campaign, StudyText
from tandem.demo.services import DATA_DIR
from tandem.reports.study.build import study_report
from tandem.reports.study.render import render
from tests import factories
from tests.seed000 import cited, factor_matrices, letters

STUDY_FILE = DATA_DIR / "financieel-2012-study.yaml"
ENTRIES = yaml.safe_load(STUDY_FILE.read_text(encoding="utf-8"))["texts"]
CITY_FILES = sorted(
    p
    for p in (DATA_DIR / "financieel-2012").glob("*.yaml")
    if p.stem not in ("campaign", "factors", "practice-notes")
)
CATALOGUE = DATA_DIR.parent.parent / "catalogue" / "data" / "grid.yaml"


def _cities() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in CITY_FILES]


def _entries(city: dict):
    for sub_domain in city["subdomains"]:
        for stage in ("current", "desirable"):
            for entry in sub_domain.get(stage) or []:
                yield sub_domain["number"], stage, entry


def _seed_text(source: str) -> str:
    """Every range of 'S000:16-48, 2429-2455' as one text, letters only."""
    spans = source.removeprefix("S000:").split(",")
    return letters(" ".join(cited(f"S000:{span.strip()}") for span in spans))


def _sentences(text: str) -> list[str]:
    found = []
    for line in text.split("\n"):
        flat = " ".join(line.removeprefix("- ").split())
        found += [s for s in re.split(r"(?<=[.?!;])\s+", flat) if len(letters(s)) > 12]
    return found


@pytest.mark.parametrize(
    "entry",
    ENTRIES,
    ids=lambda e: f"{e.get('domain') or e.get('focus') or 'study'}-{e['part']}",
)
def test_every_text_is_the_seed_s_own_at_the_lines_it_names(entry):
    seed = _seed_text(entry["source"])
    for sentence in _sentences(entry["nl"]):
        assert letters(sentence) in seed, sentence


def test_the_recommendations_reverse_the_default():
    # S000:7311-7313 (§6.4): "we werken samen, tenzij…".
    study = next(e for e in ENTRIES if e["part"] == "recommendations" and "domain" not in e)
    assert "we werken samen, tenzij" in study["nl"]
    assert "we werken samen, tenzij" in cited("S000:7259-7393")


@pytest.fixture
def grid_campaign(db):
    return Campaign.objects.get(slug="financieel-2012")


def test_the_demo_holds_every_text_in_both_languages(grid_campaign):
    stored = StudyText.objects.filter(campaign=grid_campaign)
    assert stored.count() == 2 * len(ENTRIES)
    for entry in ENTRIES:
        text = stored.get(
            domain__number=entry.get("domain"),
            focus__slug=entry.get("focus"),
            part=entry["part"],
            language="fr",
        )
        assert text.text == entry["fr"].strip()


def _report(campaign, language: str) -> dict[str, bytes]:
    coordinator = factories.user(username=f"grid-studie-{language}")
    factories.campaign_role(user=coordinator, campaign=campaign)
    with translation.override(language):
        report = study_report(campaign=campaign, language=language, user=coordinator)
    return {fmt: render(report, fmt) for fmt in ("html", "docx", "pdf")}


@pytest.fixture
def dutch(grid_campaign):
    return _report(grid_campaign, "nl")


def _pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def _docx_text(document) -> str:
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _texts(reports, tmp_path) -> dict[str, str]:
    """Each format's text without any whitespace: a narrow column breaks lines anywhere."""
    html = unescape(re.sub(r"<[^>]+>", "", reports["html"].decode()))
    docx = _docx_text(Document(io.BytesIO(reports["docx"])))
    pdf = _pdf_text(reports["pdf"], tmp_path)
    return {
        fmt: re.sub(r"\s+", "", text)
        for fmt, text in (("html", html), ("docx", docx), ("pdf", pdf))
    }


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _missing(text: str, pdf: str) -> set[str]:
    """The words (five letters or more) of `text` that the PDF's letters do not hold. A PDF's
    text runs line by line across a table's cells, joins neighbouring cells' words and breaks
    lines at any punctuation ("OCMW/ziekenhuis", "criteria,…budgetten", "BBC-stuurgroep"), so
    a cell is checked word by word."""
    words = (letters(t) for t in re.split(r"[^\w']+", text))
    return {w for w in words if len(w) >= 5 and w not in pdf}


def test_the_thirteen_synthesis_tables_are_in_every_format(dutch, tmp_path):
    texts = _texts(dutch, tmp_path)
    texts.pop("pdf")
    pdf = letters(_pdf_text(dutch["pdf"], tmp_path))
    cities = _cities()
    assert len(cities) == 13
    for city in cities:
        for number, _stage, entry in _entries(city):
            # The way of cooperating and the obstacles: the annex prints them whole.
            written = [entry["label"], *(entry.get("way") or "").split("\n")[:2]]
            written += [
                o["text"].split("\n")[0]
                for o in (entry.get("obstacles") or {}).get("items") or []
                if o.get("text")
            ]
            for text in filter(None, written):
                where = (city["city"], number, text[:40])
                assert all(_bare(text) in found for found in texts.values()), where
                assert not _missing(text, pdf), (where, _missing(text, pdf))


def test_the_typology_counts_are_those_of_the_tables(dutch):
    """The level of current cooperation per sub-domain, counted here from the transcriptions."""
    names = {
        v["slug"]: v["name"]["nl"]
        for v in yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))["typology"]["level"]
    }
    expected: dict[int, Counter] = {n: Counter() for n in range(1, 8)}
    for city in _cities():
        for number, stage, entry in _entries(city):
            if stage == "current" and not entry.get("none"):
                expected[number][(entry.get("typology") or {}).get("level")] += 1
    document = Document(io.BytesIO(dutch["docx"]))
    header = ["Deeldomein", *names.values(), "niet vermeld"]
    table = next(t for t in document.tables if [c.text for c in t.rows[0].cells] == header)
    for number in range(1, 8):
        row = [c.text for c in table.rows[number].cells]
        assert row[0].startswith(f"{number}. ")
        wanted = [expected[number][slug] for slug in names] + [expected[number][None]]
        assert row[1:] == [str(n) for n in wanted], (number, row)


def test_the_three_factor_matrices_are_the_seed_s(dutch, tmp_path):
    document = Document(io.BytesIO(dutch["docx"]))
    printed = [t for t in document.tables if t.rows[0].cells[0].text == "Factor"]
    seed = factor_matrices()
    assert len(printed) == 3
    for table, matrix in zip(printed, seed.values(), strict=True):
        header = [c.text for c in table.rows[0].cells[1:]]
        assert [letters(h)[:5] for h in header] == [letters(c)[:5] for c in matrix.columns]
        symbols = [[c.text for c in row.cells[1:]] for row in table.rows[1:]]
        assert symbols == [row.values for row in matrix.rows], matrix.group
    html = dutch["html"].decode()
    explanations = yaml.safe_load(
        (DATA_DIR / "financieel-2012" / "factors.yaml").read_text(encoding="utf-8")
    )["matrices"]
    texts = _texts(dutch, tmp_path)
    for matrix in explanations:
        for explanation in matrix.get("explanations") or []:
            assert _bare(explanation["text"]) in texts["docx"], explanation["text"][:40]
            assert letters(explanation["text"]) in letters(texts["pdf"]), explanation["text"][:40]
    assert html.count('<table class="factors">') == 3


def test_every_text_is_in_the_html_docx_and_pdf_in_its_language(dutch, grid_campaign, tmp_path):
    texts = _texts(dutch, tmp_path)
    for entry in ENTRIES:
        sentences = _sentences(entry["nl"])
        for sentence in sentences[:1] + sentences[-1:]:
            for fmt, text in texts.items():
                assert _bare(sentence) in text, (fmt, entry["source"], sentence[:50])
    french = _texts(_report(grid_campaign, "fr"), tmp_path)
    for entry in ENTRIES:
        first_nl, first_fr = _sentences(entry["nl"])[0], _sentences(entry["fr"])[0]
        assert _bare(first_fr) in french["docx"], first_fr[:50]
        assert _bare(first_nl) not in french["html"], first_nl[:50]


def test_the_pdf_is_tagged_a4_and_the_docx_a4_with_headings(dutch, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(dutch["pdf"])
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    assert re.search(r"Tagged:\s+yes", info.stdout)
    assert "595.276 x 841.89 pts (A4)" in info.stdout
    document = Document(io.BytesIO(dutch["docx"]))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for wanted in ("1. Financiële planning", "7. Externe contacten", "Conclusies", "Aanbevelingen"):
        assert wanted in headings, wanted


def test_the_shaded_counts_take_classes_not_style_attributes(dutch):
    """The report is shown in the browser under a CSP that allows its own <style> block and no
    inline style: a count's shade is a class whose rule the <style> holds."""
    html = dutch["html"].decode()
    assert ' style="' not in html
    sheet = html[html.index("<style>") : html.index("</style>")]
    painted = set(re.findall(r'<td class="count (paint-[0-9a-f]{6}-[0-9a-f]{6})">', html))
    assert painted, "the comparison's counts are shaded"
    for name in painted:
        fill, ink = name.split("-")[1:]
        assert f".study-report td.{name} {{ background: #{fill}; color: #{ink}; }}" in sheet

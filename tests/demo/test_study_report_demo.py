"""Issue 17.5: the demo's 2010 campaign carries seed 001's own texts as the coordinator's blocks,
so its generated study report reads as the 2010 study: every text, transcribed with the seed
lines it came from, is in the seed at those lines and in the report's HTML, DOCX and PDF, with
the 14 score tables and their totals (computed here from the seed's own cells)."""

import io
import re
import subprocess

import pytest
import yaml
from django.utils import translation
from docx import Document

from tandem.campaigns.models import StudyText
from tandem.demo.services import DATA_DIR
from tandem.reports.study.assemble import assemble
from tandem.reports.study.render import render
from tests import factories
from tests.seed001 import CITY, read_tables, seed_path

STUDY_FILE = DATA_DIR / "centrumsteden-2010-study.yaml"
ENTRIES = yaml.safe_load(STUDY_FILE.read_text(encoding="utf-8"))["texts"]


def _flat(text: str) -> str:
    """Whitespace made single; the seed's emphasis marks and footnote markers dropped."""
    return " ".join(re.sub("[*¹²³]", "", text).split())


def _seed_range(source: str) -> str:
    """The seed's lines named by 'S001:104' or 'S001:108-110, 114-116', as one flat text."""
    lines = seed_path().read_text(encoding="utf-8").split("\n")
    picked = []
    for span in source.removeprefix("S001:").split(","):
        first, _, last = span.strip().partition("-")
        picked += lines[int(first) - 1 : int(last or first)]
    return _flat(" ".join(picked))


def _sentences(text: str) -> list[str]:
    """The text's sentences: each paragraph and list item cut at '. ', list markers dropped."""
    found = []
    for line in text.split("\n"):
        flat = _flat(line.removeprefix("- "))
        found += [s for s in re.split(r"(?<=[.?!:;])\s+", flat) if len(s) > 3]
    return found


@pytest.mark.parametrize(
    "entry", ENTRIES, ids=lambda e: f"{e.get('domain', 'study')}-{e['part']}-{e['source']}"
)
def test_every_text_is_the_seed_s_own_at_the_lines_it_names(entry):
    seed = _seed_range(entry["source"])
    # Words the seed splits across a page break ('core-' / 'business') are joined in the text.
    seed_joined = seed.replace("- ", "-")
    for sentence in _sentences(entry["nl"]):
        assert sentence in seed or sentence in seed_joined, sentence


def test_the_demo_campaign_holds_every_text_in_dutch_and_french(demo_campaign):
    stored = StudyText.objects.filter(campaign=demo_campaign)
    assert stored.count() == 2 * len(ENTRIES)
    for entry in ENTRIES:
        text = stored.get(domain__number=entry.get("domain"), part=entry["part"], language="nl")
        assert text.text == entry["nl"].strip() and text.source == entry["source"]


@pytest.fixture
def reports(demo_campaign):
    coordinator = factories.user(username="studie-coordinator")
    factories.campaign_role(user=coordinator, campaign=demo_campaign)
    with translation.override("nl"):
        report = assemble(demo_campaign, "nl", coordinator)
    return {fmt: render(report, fmt) for fmt in ("html", "docx", "pdf")}


def _pdf_text(path, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def _texts(reports, tmp_path) -> dict[str, str]:
    html = re.sub(r"<[^>]+>", " ", reports["html"].decode())
    document = Document(io.BytesIO(reports["docx"]))
    docx = " ".join(p.text for p in document.paragraphs)
    pdf_file = tmp_path / "study.pdf"
    pdf_file.write_bytes(reports["pdf"])
    pdf = _pdf_text(pdf_file)
    # The running header and the page numbers interrupt the text at every page break.
    running = {"Studierapport: Beheersmatige samenwerking centrumsteden 2010"}
    body = [
        line
        for line in pdf.split("\n")
        if line.strip() not in running and not re.fullmatch(r"\d+ / \d+", line.strip())
    ]
    return {
        "html": _flat(html.replace("&#x27;", "'")),
        "docx": _flat(docx),
        "pdf": _flat(" ".join(body)),
    }


def test_every_seed_text_is_in_the_html_docx_and_pdf(reports, tmp_path):
    texts = _texts(reports, tmp_path)
    for entry in ENTRIES:
        for sentence in _sentences(entry["nl"])[:1] + _sentences(entry["nl"])[-1:]:
            for fmt, text in texts.items():
                wanted, within = sentence, text
                if fmt == "pdf":
                    # pdftotext joins a word broken at a hyphen ('ICT-' / 'management').
                    wanted, within = sentence.replace("-", ""), text.replace("-", "")
                assert wanted in within, (fmt, entry["source"], sentence)


def test_the_fourteen_tables_and_their_totals_are_in_the_report(reports, tmp_path):
    tables = read_tables()
    assert len(tables) == 14
    document = Document(io.BytesIO(reports["docx"]))
    matrices = [t for t in document.tables if t.rows[0].cells[0].text == "Stad"]
    assert len(matrices) == 14
    pdf_file = tmp_path / "study.pdf"
    pdf_file.write_bytes(reports["pdf"])
    # -layout keeps a table row on one line: without it pdftotext reads the tables column by
    # column, the order Typst draws them in (the tags give a reader the rows).
    pdf = _flat(_pdf_text(pdf_file, "-layout"))
    for seed, table in zip(tables, matrices, strict=True):
        rows = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in table.rows[1:]}
        # The seed's totals, added up here from its own cells (printed ones where it prints them).
        columns = len(seed.columns)
        tot_aspect = [sum(cells[i] or 0 for cells in seed.cells.values()) for i in range(columns)]
        if seed.tot_aspect is not None:
            assert tot_aspect == seed.tot_aspect
        assert rows["TOT ASPECT"][:columns] == [str(n) for n in tot_aspect]
        for city, cells in seed.cells.items():
            total = sum(c or 0 for c in cells)
            if seed.tot_stad is not None:
                assert total == seed.tot_stad[city]
            assert rows[city] == [("—" if c is None else str(c)) for c in cells] + [str(total)]
        assert f"TOT ASPECT {' '.join(str(n) for n in tot_aspect)}" in pdf
    assert set(CITY.values()) <= {row.cells[0].text for row in matrices[0].rows}

"""The demo pair's report holds every synergy and measure of seed 004 under its domain heading,
the three steering-group dates, and the 2022 initiatives in italics: in the HTML structure, in
the DOCX runs and in the PDF's text. Expected lines are read from the seed itself."""

import io
import re
import subprocess

import pytest
from docx import Document
from lxml import html as lxml_html

from tandem.reports.synergy.generate import build, render
from tandem.synergies.models import Synergy
from tests.seed004 import meeting_dates, seed_sections

pytestmark = pytest.mark.django_db


def squash(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


@pytest.fixture
def seed():
    return seed_sections()


@pytest.fixture
def report_nl(molenbeek):
    return build(molenbeek, 2023, "nl")


@pytest.fixture
def new_in_2022(molenbeek):
    """What the demo data ties to 2022 (its header says why): the italic lines."""
    return {s.title_nl for s in Synergy.objects.filter(pair=molenbeek, start_year=2022)}


def html_sections(report, section_id):
    tree = lxml_html.fromstring(render(report, "html").decode("utf-8"))
    section = tree.xpath(f'//section[@aria-labelledby="{section_id}"]')[0]
    found = {}
    for domain in section.xpath('.//section[contains(@class, "report-domain")]'):
        number, _, name = squash(domain.xpath("./h3")[0].text_content()).partition(" ")
        groups = {}
        name_of_group = ""
        for element in domain:
            if element.tag == "h4":
                name_of_group = squash(element.text_content())
            elif element.tag == "ul":
                for item in element.xpath("./li"):
                    for hidden in item.xpath('.//*[contains(@class, "visually-hidden")]'):
                        hidden.drop_tree()
                    groups.setdefault(name_of_group, []).append(
                        (squash(item.text_content()), bool(item.xpath("./em")))
                    )
        found[number] = (name, groups)
    return tree, found


def test_html_report_lists_every_seed_synergy_under_its_domain_heading(seed, report_nl):
    _, found = html_sections(report_nl, "report-synergies")
    expected = {n: s for n, s in seed.items() if n.startswith("3.")}
    assert list(found) == list(expected)
    for number, section in expected.items():
        name, groups = found[number]
        assert name == section.heading
        assert {g: [text for text, _ in lines] for g, lines in groups.items()} == section.groups


def test_html_report_lists_every_seed_measure_under_its_domain_heading(seed, report_nl):
    _, found = html_sections(report_nl, "report-measures")
    expected = [s for n, s in seed.items() if n.startswith("4.")]
    # Tandem numbers the measures section 5 (the savings table is 4, as the issue orders them);
    # the domains follow the catalogue's order, so compare by heading.
    by_heading = {name: groups for name, groups in found.values()}
    assert len(found) == len(expected)
    for section in expected:
        lines = by_heading[section.heading]
        assert {g: [text for text, _ in items] for g, items in lines.items()} == section.groups


def test_html_report_sets_the_2022_initiatives_in_italics(report_nl, new_in_2022):
    _, found = html_sections(report_nl, "report-synergies")
    italic = {
        text
        for _, groups in found.values()
        for lines in groups.values()
        for text, em in lines
        if em
    }
    assert italic == new_in_2022
    assert len(italic) == 4
    assert any("energiecrisis" in text for text in italic)
    assert "(initiatieven uit 2022 vermeld in cursief)" in render(report_nl, "html").decode()


def test_html_report_names_the_three_steering_group_dates(report_nl):
    tree, _ = html_sections(report_nl, "report-synergies")
    intro = squash(
        tree.xpath('//section[@aria-labelledby="report-introduction"]')[0].text_content()
    )
    dates = meeting_dates()
    assert dates == ["14/9/2022", "7/12/2022", "19/1/2023"]
    for day in dates:
        assert day in intro
    headings = [
        squash(h.text_content())
        for h in tree.xpath('//section[@aria-labelledby="report-meetings"]//h3')
    ]
    assert [h.rsplit(", ", 1)[1] for h in headings] == [*dates[:2], "16/1/2023", dates[2]]


def docx_paragraphs(report):
    document = Document(io.BytesIO(render(report, "docx")))
    return document.paragraphs


def test_docx_report_has_every_line_under_its_heading_and_the_italic_runs(
    seed, report_nl, new_in_2022
):
    paragraphs = docx_paragraphs(report_nl)
    heading_of = {}
    current = None
    italic = set()
    for paragraph in paragraphs:
        style = paragraph.style.name
        text = squash(paragraph.text)
        if style == "Heading 1":
            part = text.split(" ", 1)[0]
            current_part = part
        elif style == "Heading 2" and re.match(r"^\d+\.\d+ ", text):
            current = (current_part, text.split(" ", 1)[1])
        elif style == "List Bullet" and current:
            heading_of.setdefault(current, []).append(text)
            if paragraph.runs and paragraph.runs[0].italic:
                italic.add(text)
    for number, section in seed.items():
        part = "3." if number.startswith("3.") else "5."
        assert heading_of[(part, section.heading)] == section.items, number
    assert italic == new_in_2022


def test_pdf_report_holds_every_line_and_the_meeting_dates(seed, report_nl, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(render(report_nl, "pdf"))
    text = squash(
        subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout
    )
    flowing = squash(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout
    )
    # pdftotext breaks lines where the layout wraps ("OCMW/" | "het"): compare without spaces.
    solid = "".join(flowing.split())
    for section in seed.values():
        assert "".join(section.heading.split()) in solid
        for item in section.items:
            assert "".join(item.split()) in solid, item
    for day in meeting_dates():
        assert day in text

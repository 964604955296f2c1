"""The report in French, the formats' structure (tagged PDF, DOCX headings and language), the
command line, and free text that always comes out as text (S9) in HTML, PDF and DOCX."""

import io
import re
import subprocess
from pathlib import Path

import pytest
from docx import Document
from lxml import html as lxml_html

from tandem.cli import main as tandem
from tandem.reports.synergy.generate import build, render
from tandem.reports.synergy.pdf import pdf_bytes
from tandem.synergies.models import Meeting, Synergy

pytestmark = pytest.mark.django_db
ARTEFACTS = Path(__file__).resolve().parents[2] / "test-results"
PAYLOAD = '"><svg onload=alert(1)>'
# Words of the Dutch fixed text that French never uses (user text is excluded before checking).
DUTCH_MARKERS = {
    "het", "van", "voor", "een", "zijn", "wordt", "Inleiding", "Vergaderingen", "Synergieën",
    "Maatregelen", "Bijlage", "begroting", "ontwerpbegroting", "stuurgroep", "overlegcomité",
    "verslag", "gemeente", "jaarlijks", "Ontwerp", "Totaal", "Domein", "cursief",
}  # fmt: skip


def fixed_text(html: str) -> str:
    """The report's text without what the pair wrote (marked with its own lang attribute)."""
    tree = lxml_html.fromstring(html)
    for element in tree.xpath('//body//*[@lang="nl"]'):
        element.drop_tree()
    for element in tree.xpath("//style | //title | //head"):
        element.drop_tree()
    return " ".join(tree.text_content().split())


def test_the_french_report_has_french_headings_and_legal_text_and_no_dutch_fixed_text(molenbeek):
    report = build(molenbeek, 2023, "fr")
    html = render(report, "html").decode()
    assert '<html lang="fr">' in html
    text = fixed_text(html)
    for heading in ("1. Introduction", "2. Réunions", "3. Synergies", "Ressources humaines"):
        assert heading in text
    assert "Mesures proposées en 2023 et pour les années suivantes" in text
    assert "économies d’échelle" in text and "annexé au budget du centre" in text
    assert "Molenbeek-Saint-Jean" in text
    words = set(re.findall(r"[\w’'-]+", text))
    assert words & DUTCH_MARKERS == set()
    # The pair wrote its register in Dutch only: those lines are marked as Dutch, not hidden.
    assert 'lang="nl"' in html and "Inschakelingsbetrekking" in html


def test_the_dutch_report_quotes_article_26bis_as_the_seed_prints_it(molenbeek):
    text = fixed_text(render(build(molenbeek, 2023, "nl"), "html").decode())
    assert (
        "Artikel 26 bis van de organieke wet van 8/7/1976 betreffende de OCMW’s stelt in "
        "paragraaf 5 dat:" in text
    )
    assert (
        "Dit verslag wordt gevoegd bij de begroting van het centrum en bij de begroting van "
        "de gemeente." in text
    )


def test_the_pdf_is_tagged_with_headings_tables_and_its_language(molenbeek):
    for language in ("nl", "fr"):
        pdf = pdf_bytes(build(molenbeek, 2023, language), uncompressed=True)
        assert f"/Lang ({language})".encode() in pdf
        tags = set(re.findall(rb"/S /(\w+)", pdf))
        assert {b"H1", b"H2", b"H3", b"H4", b"Table", b"TH", b"THead", b"L", b"LI"} <= tags
        assert b"/DisplayDocTitle true" in pdf


def test_the_docx_sets_its_language_heading_styles_and_a_repeating_table_header(molenbeek):
    document = Document(io.BytesIO(render(build(molenbeek, 2023, "fr"), "docx")))
    assert document.core_properties.language == "fr-BE"
    lang = document.styles["Normal"].element.xpath(".//w:lang/@w:val")
    assert lang == ["fr-BE"]
    styles = [p.style.name for p in document.paragraphs]
    assert styles.count("Heading 1") == 6  # sections 1-5 and the annex
    savings = document.tables[0]
    assert savings.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    # Dutch-only register lines carry their own language.
    assert any(
        run._r.xpath("./w:rPr/w:lang/@w:val") == ["nl-BE"]
        for p in document.paragraphs
        for run in p.runs
    )


def _pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True)
    return out.stdout


def test_free_text_comes_out_as_literal_text_in_html_pdf_and_docx(molenbeek, tmp_path):
    """S9: the payload in every free text of the register that the report prints."""
    synergy = Synergy.objects.filter(pair=molenbeek).first()
    synergy.title_nl = f"Titel {PAYLOAD}"
    synergy.description_nl = f"Omschrijving {PAYLOAD}"
    synergy.save()
    meeting = Meeting.objects.filter(pair=molenbeek).first()
    meeting.title_nl = f"Vergadering {PAYLOAD}"
    meeting.participants = f"Deelnemers {PAYLOAD}"
    meeting.agenda_nl = f"- Agenda {PAYLOAD}"
    meeting.decisions_nl = f"Besluit {PAYLOAD}\n\n- punt {PAYLOAD}"
    meeting.save()
    report = build(molenbeek, 2023, "nl")
    html = render(report, "html").decode()
    assert "<svg" not in html
    assert html.count("&quot;&gt;&lt;svg onload=alert(1)&gt;") >= 7
    tree = lxml_html.fromstring(html)
    assert not tree.xpath("//svg") and not tree.xpath("//*[@onload]")
    assert tree.text_content().count(PAYLOAD) >= 7
    pdf_text = _pdf_text(render(report, "pdf"), tmp_path)
    assert " ".join(pdf_text.split()).count(PAYLOAD) >= 7
    document = Document(io.BytesIO(render(report, "docx")))
    docx_text = "\n".join(p.text for p in document.paragraphs)
    assert docx_text.count(PAYLOAD) >= 7


def test_the_command_line_writes_each_format(molenbeek, tmp_path):
    for fmt, magic in (("pdf", b"%PDF-"), ("docx", b"PK"), ("html", b"<!DOCTYPE html>")):
        out = tmp_path / f"report.{fmt}"
        code = tandem(
            ["report", "synergy", "--pair", "21012", "--year", "2023", "--lang", "nl",
             "--format", fmt, "-o", str(out)]
        )  # fmt: skip
        assert code == 0
        assert out.read_bytes().startswith(magic)
    assert "Inschakelingsbetrekking" in (tmp_path / "report.html").read_text()


def test_rendered_pdf_pages_are_kept_as_artefacts(molenbeek, tmp_path):
    """One page of each report as PNG in test-results/, for a person to look at (pdftoppm)."""
    ARTEFACTS.mkdir(exist_ok=True)
    for language in ("nl", "fr"):
        path = tmp_path / f"{language}.pdf"
        path.write_bytes(render(build(molenbeek, 2023, language), "pdf"))
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
        pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))
        assert pages >= 5
        stem = ARTEFACTS / f"synergy-report-{language}-page"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", path, stem],
            check=True,
        )  # fmt: skip
        assert (ARTEFACTS / f"synergy-report-{language}-page.png").stat().st_size > 10_000
        # Every page has its number at the foot: "n / pages".
        text = _pdf_text(path.read_bytes(), tmp_path)
        for number in range(1, pages + 1):
            assert f"{number} / {pages}" in text


def test_the_french_report_puts_a_space_before_the_colon_of_its_labels(molenbeek):
    """French typography ('Participants :'), in the HTML (and so the PDF) and in the DOCX; the
    Dutch report keeps 'Deelnemers:'."""
    french = build(molenbeek, 2023, "fr")
    html = render(french, "html").decode()
    docx = "\n".join(p.text for p in Document(io.BytesIO(render(french, "docx"))).paragraphs)
    dutch = "\n".join(
        p.text
        for p in Document(io.BytesIO(render(build(molenbeek, 2023, "nl"), "docx"))).paragraphs
    )
    assert "Participants : " in docx and "Participants: " not in docx
    assert "Ordre du jour :" in docx
    assert "Deelnemers: " in dutch
    assert "Participants :</strong>" in html and "Ordre du jour :</strong>" in html


def test_the_we_cooperate_unless_decisions_are_section_6_in_html_and_docx(molenbeek):
    """Issue 18.5: the trajectory's decisions per product dossier, in the report's language;
    a pair without any decision gets no such section."""
    from datetime import date

    from tandem.catalogue.models import ProductDossier
    from tandem.trajectory.models import DossierDecision, Trajectory

    before = render(build(molenbeek, 2023, "fr"), "html").decode()
    assert "Nous coopérons, sauf si" not in before
    trajectory = Trajectory.objects.create(pair=molenbeek)
    DossierDecision.objects.create(
        trajectory=trajectory,
        dossier=ProductDossier.objects.get(slug="verzekeringen"),
        cooperates=False,
        motivation="Contrat-cadre du CPAS jusqu'en 2027.",
        decided_on=date(2023, 3, 1),
    )
    report = build(molenbeek, 2023, "fr")
    html = render(report, "html").decode()
    assert "6. Nous coopérons, sauf si…" in fixed_text(html)
    table = lxml_html.fromstring(html).xpath('//table[@class="report-dossiers"]')[0]
    rows = [[" ".join(c.text_content().split()) for c in tr] for tr in table.xpath(".//tbody/tr")]
    # The insurance exception with its motivation; the four other listed dossiers cooperate by
    # default, with nothing recorded.
    assert rows == [
        ["Marchés publics", "coopérer", "—", "—"],
        [
            "Assurances",
            "exception : pas de coopération",
            "Contrat-cadre du CPAS jusqu'en 2027.",
            "1/3/2023",
        ],
        ["Emprunts", "coopérer", "—", "—"],
        ["Trésorerie", "coopérer", "—", "—"],
        ["Pensions", "coopérer", "—", "—"],
    ]
    document = Document(io.BytesIO(render(report, "docx")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "6. Nous coopérons, sauf si…" in headings
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert rows[1] in cells and rows[2] in cells

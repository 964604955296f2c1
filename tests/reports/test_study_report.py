"""Issue 17.4 (the report): a campaign's study report assembles, in the language asked, the
coordinator's texts, the rounds with their counts, per domain the score matrix and what the
findings count, and an annex with each pair's answers; as HTML, as a tagged A4 PDF and as an A4
DOCX with heading styles; for the campaign's coordinators only."""

import base64
import hashlib
import io
import re
import subprocess

from django.urls import reverse
from docx import Document

from tests import factories


def _get(client, inventory, lang, fmt):
    return client.get(reverse("study-report", args=[inventory["campaign"].slug, lang, fmt]))


def test_the_html_holds_the_texts_rounds_and_matrices_in_its_language(written, client_as):
    html = _get(client_as(written["coordinator"]), written, "nl", "html").content.decode()
    flat = " ".join(html.split())
    assert '<html lang="nl">' in html
    assert "<p>Samenwerken, tenzij…</p>" in html
    assert "<li>eerste punt</li><li>tweede punt</li>" in flat
    assert "Aalst werkt formeel samen voor leningen." in html
    assert "Collaborer" not in html
    # The method's rounds: round 1 with one questionnaire submitted and two answers counted.
    assert '<td class="count">1</td><td class="count">2</td>' in flat
    # Financieel's matrix: Aalst scores 2 and 1 on the first two aspects, TOT STAD 3.
    assert '<td class="score degree-2">2</td><td class="score degree-1">1</td>' in flat
    assert '<td class="count">3</td></tr>' in flat
    # The score cells take the legend's colours (catalogue vocabulary.yaml: formal #1a7f4b).
    assert ".study-report td.degree-2 { background: #1a7f4b; color: #ffffff; }" in html
    french = _get(client_as(written["coordinator"]), written, "fr", "html").content.decode()
    assert "<p>Collaborer, sauf si…</p>" in french and "Samenwerken" not in french


def test_the_pdf_is_tagged_a4_and_holds_the_text(written, client_as, tmp_path):
    answer = _get(client_as(written["coordinator"]), written, "nl", "pdf")
    assert answer["Content-Disposition"] == (
        'attachment; filename="studierapport-inventaris-2026-nl.pdf"'
    )
    path = tmp_path / "study.pdf"
    path.write_bytes(answer.content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    assert "Tagged:          yes" in info.stdout
    assert "(A4)" in info.stdout
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "Samenwerken, tenzij" in text and "leningen" in text


def test_only_the_campaign_s_coordinators_get_it(written, client_as):
    outsider = factories.user(username="other")
    factories.campaign_role(user=outsider, campaign=written["only_b"])
    for user in (written["user_a"], outsider, written["supervisor"]):
        assert _get(client_as(user), written, "nl", "html").status_code == 404
    client = client_as(written["coordinator"])
    assert _get(client, written, "en", "html").status_code == 404
    assert _get(client, written, "nl", "odt").status_code == 404


def test_the_command_line_writes_the_report(written, tmp_path):
    from tandem.cli import main as tandem

    out = tmp_path / "etude.html"
    code = tandem(
        ["report", "study", "--campaign", "inventaris-2026", "--lang", "fr", "--format", "html",
         "-o", str(out)]
    )  # fmt: skip
    assert code == 0
    html = out.read_text()
    assert "<p>Collaborer, sauf si…</p>" in html
    assert "<h1>Rapport d'étude : Inventaris 2026</h1>" in html.replace("\xa0", " ")
    docx = tmp_path / "studie.docx"
    code = tandem(
        ["report", "study", "--campaign", "inventaris-2026", "--lang", "nl", "--format", "docx",
         "-o", str(docx)]
    )  # fmt: skip
    assert code == 0
    assert "Samenwerken, tenzij…" in [p.text for p in Document(str(docx)).paragraphs]


def test_the_annex_holds_each_pair_s_answers_with_their_follow_ups(written, client_as):
    html = _get(client_as(written["coordinator"]), written, "nl", "html").content.decode()
    annex = " ".join(html[html.index('<section class="annex">') :].split())
    assert "<h2>Bijlage: de antwoorden van elk bestuurspaar</h2>" in annex
    assert "<h3>Aalst</h3>" in annex
    # Loans: formal, regulated by the pair's own words, with its reasons.
    assert (
        '<td class="score degree-2">2</td> <td>Beheersovereenkomst 2009</td>'
        "<td>Schaalvoordelen bij de leningen.</td><td></td>" in annex
    )
    # Treasury: informal, and the pair wishes formal cooperation, for its reason.
    assert "<td>Formele samenwerking wenselijk: ja — Afspraken vastleggen.</td>" in annex
    # The domain heads its rows.
    assert '<th scope="colgroup" colspan="5" class="annex-domain">1. ' in annex
    french = _get(client_as(written["coordinator"]), written, "fr", "html").content.decode()
    assert "Coopération formelle souhaitable : oui — Afspraken" in french.replace("\xa0", " ")


def test_the_annex_can_be_left_out(written, client_as, tmp_path):
    client = client_as(written["coordinator"])
    url = reverse("study-report", args=[written["campaign"].slug, "nl", "html"])
    html = client.get(url, {"annex": "0"}).content.decode()
    assert "Bijlage" not in html and "Schaalvoordelen bij de leningen." not in html
    assert "Aalst werkt formeel samen voor leningen." in html  # the rest is all there
    docx = client.get(url.replace(".html", ".docx"), {"annex": "0"}).content
    headings = [p.text for p in Document(io.BytesIO(docx)).paragraphs]
    assert (
        "Conclusies" in headings and "Bijlage: de antwoorden van elk bestuurspaar" not in headings
    )
    from tandem.cli import main as tandem

    out = tmp_path / "zonder.html"
    assert tandem(
        ["report", "study", "--campaign", "inventaris-2026", "--lang", "nl", "--format", "html",
         "--no-annex", "-o", str(out)]
    ) == 0  # fmt: skip
    assert "Bijlage" not in out.read_text()


def test_the_docx_is_a4_in_its_language_with_headings_colours_and_the_annex(written, client_as):
    answer = _get(client_as(written["coordinator"]), written, "nl", "docx")
    assert answer["Content-Disposition"] == (
        'attachment; filename="studierapport-inventaris-2026-nl.docx"'
    )
    document = Document(io.BytesIO(answer.content))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert document.core_properties.language == "nl-BE"
    styled = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Title", "Studierapport: Inventaris 2026") in styled
    assert ("Heading 1", "Conclusies") in styled
    assert ("Heading 2", "Aalst") in styled  # the annex: a heading per pair
    assert ("List Bullet", "eerste punt") in styled and ("List Bullet", "tweede punt") in styled
    assert ("Normal", "Aalst werkt formeel samen voor leningen.") in styled
    headings = [text for style, text in styled if style == "Heading 1"]
    assert headings.index("Conclusies") < headings.index(
        "Bijlage: de antwoorden van elk bestuurspaar"
    )
    # Financieel's matrix: Aalst's 2 and 1 in the legend's colours (vocabulary.yaml), TOT STAD 3.
    matrix = next(t for t in document.tables if t.rows[0].cells[0].text == "Stad")
    aalst = next(row for row in matrix.rows if row.cells[0].text == "Aalst")
    assert [c.text for c in aalst.cells[:3]] + [aalst.cells[-1].text] == ["Aalst", "2", "1", "3"]
    fills = [c._tc.tcPr.xpath("./w:shd/@w:fill") for c in aalst.cells[1:3]]
    assert fills == [["1A7F4B"], ["F6C344"]]
    # The header row repeats on every page.
    assert matrix.rows[0]._tr.trPr.xpath("./w:tblHeader")
    # The annex, with the vertical tab dropped (XML cannot hold it) and nothing else lost.
    annex = document.tables[-1]
    cells = [[c.text for c in row.cells] for row in annex.rows]
    assert [
        "Leningen",
        "2",
        "Beheersovereenkomst 2009",
        "Schaalvoordelen bij de leningen.",
        "",
    ] in [[row[0].split(" (")[0], *row[1:]] for row in cells]
    assert any("Formele samenwerking wenselijk: ja — Afspraken vastleggen." in r for r in cells)


def test_the_html_keeps_its_own_stylesheet_under_the_strict_policy(written, client_as):
    """Served as a page, the report's <style> is allowed by its SHA-256 hash (CSP level 2), so
    the browser shows the legend's colours; nothing else inline is allowed."""
    answer = _get(client_as(written["coordinator"]), written, "nl", "html")
    (css,) = re.findall(r"<style>(.*?)</style>", answer.content.decode(), re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()
    policy = answer["Content-Security-Policy"]
    style_src = next(d for d in policy.split(";") if d.strip().startswith("style-src"))
    assert style_src.split() == ["style-src", "'self'", f"'sha256-{digest}'"]
    assert "unsafe-inline" not in policy

"""Issue 17.4 (the report): a campaign's study report assembles, in the language asked, the
coordinator's texts, the rounds with their counts, per domain the score matrix and what the
findings count; as HTML and as a tagged A4 PDF; for the campaign's coordinators only."""

import subprocess

import pytest
from django.urls import reverse

from tandem.campaigns.models import Response, StudyText
from tests import factories


@pytest.fixture
def written(inventory):
    campaign, round_ = inventory["campaign"], inventory["round"]
    loans, treasury = inventory["aspects"][:2]
    factories.response(
        round_=round_,
        pair=inventory["pair_a"],
        aspect=loans,
        degree=2,
        status=Response.Status.SUBMITTED,
    )
    factories.response(
        round_=round_,
        pair=inventory["pair_a"],
        aspect=treasury,
        degree=1,
        status=Response.Status.SUBMITTED,
        formal_desirable=True,
    )
    factories.submission(round_=round_, pair=inventory["pair_a"], respondent="joint")
    financieel = inventory["financieel"]
    for domain, part, language, text in (
        (None, "conclusions", "nl", "Samenwerken, tenzij…\n\n- eerste punt\n- tweede punt"),
        (None, "conclusions", "fr", "Collaborer, sauf si…"),
        (financieel, "how", "nl", "Aalst werkt formeel samen voor leningen."),
    ):
        StudyText.objects.create(
            campaign=campaign, domain=domain, part=part, language=language, text=text
        )
    return inventory


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
    assert _get(client, written, "nl", "docx").status_code == 404


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

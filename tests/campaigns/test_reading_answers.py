"""Issue 16.7: from the progress table the coordinator opens a pair's questionnaire read-only
(all domains, follow-ups, documents, contacts) and downloads it as PDF; no one else can."""

import shutil
import subprocess

import pytest
from django.urls import reverse

from tandem.campaigns.services.answering import submit
from tests import factories

from .test_answering import JOINT, _answer_everything


@pytest.fixture
def coordinator_client(inventory, client_as):
    client = client_as(inventory["coordinator"])
    client.cookies["tandem_language"] = "en"
    return client


def _url(inventory, respondent=JOINT, name="manage-answers", refnis="41002"):
    return reverse(name, args=[inventory["campaign"].slug, refnis, respondent])


@pytest.fixture
def submitted(inventory):
    """Aalst answered every aspect (degree 2, obstacles 'geen') and submitted; one answer has
    reasons and a document."""
    _answer_everything(inventory)
    response = inventory["round"].responses.filter(pair=inventory["pair_a"]).first()
    response.reasons = "Gedeelde aankoopdienst sinds 2019"
    response.save()
    factories.document(response=response, original_name="overeenkomst-aankoop.pdf")
    submit(round_=inventory["round"], pair=inventory["pair_a"], respondent=JOINT, user=None)
    return response


def test_the_progress_table_links_to_each_pair_s_answers(inventory, coordinator_client):
    page = coordinator_client.get(reverse("manage", args=[inventory["campaign"].slug]))
    html = page.content.decode()
    assert f'href="{_url(inventory)}"' in html
    # Brugge answers per administration: one link per administration.
    for respondent in ("gemeente", "ocmw"):
        assert f'href="{_url(inventory, respondent, refnis="31005")}"' in html


def test_the_coordinator_reads_a_submitted_questionnaire(inventory, coordinator_client, submitted):
    page = coordinator_client.get(_url(inventory))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Submitted on" in html
    assert "Gedeelde aankoopdienst sinds 2019" in html
    document = submitted.documents.get()
    download = reverse("response-document", args=[inventory["campaign"].slug, "41002", document.pk])
    assert f'href="{download}">overeenkomst-aankoop.pdf</a>' in html
    domains = list(inventory["framework"].domains.order_by("number"))
    assert all(f'id="domain-{d.slug}"' in html for d in domains)


def test_an_open_questionnaire_reads_as_a_draft_with_what_is_missing(inventory, coordinator_client):
    page = coordinator_client.get(_url(inventory))
    assert "Draft, not submitted yet:" in page.content.decode()


def test_the_pdf_holds_the_answers(inventory, coordinator_client, submitted, tmp_path):
    answer = coordinator_client.get(_url(inventory, name="manage-answers-pdf"))
    assert answer["Content-Type"] == "application/pdf"
    assert answer["Content-Disposition"] == 'attachment; filename="inventaris-2026-41002-joint.pdf"'
    assert answer.content.startswith(b"%PDF-")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = tmp_path / "answers.pdf"
    pdf.write_bytes(answer.content)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Answers · Aalst" in text
    assert "Gedeelde aankoopdienst sinds 2019" in text
    assert "overeenkomst-aankoop.pdf" in text


def test_only_the_campaign_s_coordinator_reads_them(inventory, client_as, coordinator_client):
    for user in (inventory["user_a"], inventory["user_b"], inventory["supervisor"]):
        client = client_as(user)
        for name in ("manage-answers", "manage-answers-pdf"):
            assert client.get(_url(inventory, name=name)).status_code == 404, (user, name)
    # A joint pair has no municipality questionnaire, a separate one no joint one.
    assert coordinator_client.get(_url(inventory, "gemeente")).status_code == 404
    assert coordinator_client.get(_url(inventory, JOINT, refnis="31005")).status_code == 404
    assert coordinator_client.get(_url(inventory, refnis="44021")).status_code == 404  # Gent

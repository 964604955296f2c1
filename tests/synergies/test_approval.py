"""R7: an approved report is frozen. Its files and checksums never change when the register does;
a new draft can be approved as the next version."""

import hashlib
from datetime import date

import pytest
from django.urls import reverse

from tandem.reports.services import approve_report
from tandem.synergies.models import ApprovedReport, FrozenReportError, Synergy

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_an_approved_report_stays_byte_identical_after_the_register_changes(
    molenbeek, editor, client
):
    client.force_login(editor)
    kwargs = {"refnis": molenbeek.refnis, "year": 2023, "lang": "nl"}
    typed = {
        "body": "consultation_committee",
        "decision_date": "30/01/2023",
        "reference": "OC-2023/1",
    }
    client.cookies["tandem_language"] = "en"
    # Issue 16.6: approving freezes a version for good, so the form first asks.
    asked = client.post(reverse("synergy-report-approve", kwargs=kwargs), typed)
    assert asked.status_code == 200
    assert "Approve version 1?" in asked.content.decode()
    assert not ApprovedReport.objects.filter(pair=molenbeek).exists()
    response = client.post(
        reverse("synergy-report-approve", kwargs=kwargs), typed | {"action": "confirm"}
    )
    assert response.status_code == 302
    approved = ApprovedReport.objects.get(pair=molenbeek, year=2023, language="nl")
    assert approved.number == 1 and approved.approved_by == editor
    before = {}
    for fmt in ("pdf", "docx", "html"):
        url = reverse("synergy-report-approved", kwargs=kwargs | {"number": 1, "fmt": fmt})
        before[fmt] = client.get(url).content
        assert hashlib.sha256(before[fmt]).hexdigest() == getattr(approved, f"{fmt}_sha256")
    assert b"Goedgekeurde versie 1" in before["html"] or b"OC-2023/1" in before["html"]

    synergy = Synergy.objects.filter(pair=molenbeek).first()
    synergy.title_nl = "Een nieuwe titel na de goedkeuring"
    synergy.save()
    for fmt in ("pdf", "docx", "html"):
        url = reverse("synergy-report-approved", kwargs=kwargs | {"number": 1, "fmt": fmt})
        after = client.get(url)
        assert after.content == before[fmt], fmt
        assert after["X-Content-SHA256"] == getattr(approved, f"{fmt}_sha256")
    draft = client.get(reverse("synergy-report-draft", kwargs=kwargs | {"fmt": "html"})).content
    assert b"Een nieuwe titel na de goedkeuring" in draft
    assert b"Een nieuwe titel na de goedkeuring" not in before["html"]


def test_a_new_approval_follows_as_the_next_version_and_the_first_cannot_change(molenbeek, editor):
    first = approve_report(
        pair=molenbeek,
        year=2023,
        language="fr",
        body="councils",
        decision_date=date(2023, 2, 1),
        reference="",
        user=editor,
    )
    second = approve_report(
        pair=molenbeek,
        year=2023,
        language="fr",
        body="councils",
        decision_date=date(2023, 3, 1),
        reference="",
        user=editor,
    )
    assert (first.number, second.number) == (1, 2)
    first.decision_reference = "changed"
    with pytest.raises(FrozenReportError):
        first.save()
    assert ApprovedReport.objects.get(pk=first.pk).decision_reference == ""
    assert first.history.count() == 1  # its approval, and nothing after


def test_an_invalid_approval_is_refused_with_the_fields_named_and_kept(molenbeek, editor, client):
    client.force_login(editor)
    url = reverse(
        "synergy-report-approve", kwargs={"refnis": molenbeek.refnis, "year": 2023, "lang": "nl"}
    )
    typed = {
        "body": "nobody",
        "decision_date": "31/2/2023",
        "reference": "RMW-12",
        "action": "confirm",
    }
    response = client.post(url, typed)
    assert response.status_code == 400
    assert not ApprovedReport.objects.filter(pair=molenbeek).exists()
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert set(response.context["form"].errors) == {"body", "decision_date"}
    assert 'value="31/2/2023"' in html and 'value="RMW-12"' in html

"""Keeping the register: forms that keep what was typed, edit conflicts (R5), the history of
every change with its actor (R6), uploads checked by content (S11), Belgian amounts (R10)."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.catalogue.models import SynergyDomain
from tandem.synergies.models import (
    FocusGroupSession,
    Measure,
    RegisterDocument,
    Synergy,
)
from tests import factories
from tests.synergies.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def synergy_data(**changes):
    data = {
        "domain": SynergyDomain.objects.get(slug="informatica").pk,
        "title_nl": "Gedeelde DPO",
        "title_fr": "DPO partagé",
        "status": "existing",
        "start_year": "2022",
        "partners": "municipality_ocmw",
        "expected_savings": "6.500",
        "realised_savings": "1.234,50",
        "expected_fte": "0,5",
    }
    return data | changes


def url(pair, kind, pk=None, name="register-record"):
    if pk is None:
        return reverse("register-record-new", kwargs={"refnis": pair.refnis, "kind": kind})
    return reverse(name, kwargs={"refnis": pair.refnis, "kind": kind, "pk": pk})


def test_an_editor_adds_a_synergy_with_belgian_amounts(molenbeek, editor, client):
    client.force_login(editor)
    response = client.post(url(molenbeek, "synergy"), synergy_data())
    assert response.status_code == 302
    synergy = Synergy.objects.get(pair=molenbeek, title_nl="Gedeelde DPO")
    assert synergy.expected_savings == Decimal("6500.00")
    assert synergy.realised_savings == Decimal("1234.50")
    assert synergy.expected_fte == Decimal("0.50")
    record = synergy.history.latest()
    assert record.history_user == editor and record.history_type == "+"
    page = client.get(url(molenbeek, "synergy", synergy.pk)).content.decode()
    assert 'value="6.500"' in page and 'value="1.234,50"' in page


def test_a_form_with_errors_keeps_everything_typed(molenbeek, editor, client):
    client.force_login(editor)
    data = synergy_data(title_nl="", title_fr="", expected_savings="6,5,0", start_year="")
    data["description_nl"] = "Wat ik typte mag niet verloren gaan"
    response = client.post(url(molenbeek, "synergy"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Wat ik typte mag niet verloren gaan" in page
    assert 'value="6,5,0"' in page
    assert response.context["form"].errors.keys() >= {"title_nl", "expected_savings", "start_year"}
    assert not Synergy.objects.filter(description_nl__startswith="Wat ik typte").exists()


def test_the_second_stale_save_gets_a_conflict_view_and_overwrites_nothing(
    molenbeek, editor, client
):
    from tandem.accounts.models import PairRole

    other = make_user("second-editor", molenbeek, PairRole.Role.EDITOR)
    meeting = factories.meeting(pair=molenbeek)
    opened = meeting.version
    base = {
        "kind": meeting.kind,
        "date": meeting.date.strftime("%d/%m/%Y"),
        "title_nl": meeting.title_nl,
        "decisions_nl": meeting.decisions_nl,
        "opened_version": opened,
    }
    client.force_login(editor)
    first = client.post(url(molenbeek, "meeting", meeting.pk), base | {"participants": "Eerste"})
    assert first.status_code == 302
    client.force_login(other)
    second = client.post(url(molenbeek, "meeting", meeting.pk), base | {"participants": "Tweede"})
    assert second.status_code == 409
    meeting.refresh_from_db()
    assert meeting.participants == "Eerste" and meeting.version == opened + 1
    page = second.content.decode()
    assert "Eerste" in page and "Tweede" in page  # both values shown
    # Saving again from the conflict view is a deliberate choice, and it goes through.
    again = client.post(
        url(molenbeek, "meeting", meeting.pk),
        base | {"participants": "Tweede", "opened_version": meeting.version},
    )
    assert again.status_code == 302
    meeting.refresh_from_db()
    assert meeting.participants == "Tweede"


def test_every_write_path_leaves_a_history_row_with_its_actor(molenbeek, editor, client):
    client.force_login(editor)
    measure_url = url(molenbeek, "measure")
    domain = SynergyDomain.objects.get(slug="communicatie").pk
    client.post(measure_url, {"domain": domain, "title_nl": "Nieuwe maatregel", "year": "2024",
                              "status": "planned", "deadline": "30/6/2024"})  # fmt: skip
    group = factories.focus_group(pair=molenbeek)
    client.post(
        url(molenbeek, "focus-group", group.pk),
        {"action": "add-session", "date": "15/2/2023", "findings": "Eerste bevindingen"},
    )
    synergy = factories.synergy(pair=molenbeek)
    client.post(url(molenbeek, "synergy", synergy.pk, "register-record-delete"))
    history = client.get(reverse("register-history", kwargs={"refnis": molenbeek.refnis}))
    mine = {(c.record, c.action) for c in history.context["changes"] if c.actor == str(editor)}
    measure_label = str(Measure._meta.verbose_name)
    session_label = str(FocusGroupSession._meta.verbose_name)
    synergy_label = str(Synergy._meta.verbose_name)
    assert (f"{measure_label}: Nieuwe maatregel", "+") in mine
    assert any(r.startswith(session_label) and a == "+" for r, a in mine)
    assert (f"{synergy_label}: {synergy}", "-") in mine
    assert Synergy.history.filter(id=synergy.pk, history_type="-").get().history_user == editor


def test_a_change_shows_old_and_new_values_in_the_history(molenbeek, editor, client):
    client.force_login(editor)
    client.post(url(molenbeek, "synergy"), synergy_data())
    synergy = Synergy.objects.get(title_nl="Gedeelde DPO")
    client.post(
        url(molenbeek, "synergy", synergy.pk),
        synergy_data(status="realised", opened_version=synergy.version),
    )
    page = client.get(reverse("register-history", kwargs={"refnis": molenbeek.refnis}))
    changed = [c for c in page.context["changes"] if c.fields and "Gedeelde DPO" in c.record]
    assert len(changed) == 1
    assert ("existing", "realised") in [(old, new) for _, old, new in changed[0].fields]


def _docx_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "0" * (30 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content, accepted",
    [
        ("overeenkomst.pdf", b"%PDF-1.7\n%%EOF", True),
        ("lijst.pdf", b"naam;bedrag\nx;1\n", False),  # a CSV renamed to .pdf
        ("script.html", b"<script>alert(1)</script>", False),
        ("bom.docx", _docx_bomb(), False),
        ("../../etc/passwd.pdf", b"%PDF-1.4\n", True),  # kept, under a generated name
    ],
)
def test_register_uploads_are_checked_by_content(
    molenbeek, editor, client, name, content, accepted
):
    client.force_login(editor)
    synergy = factories.synergy(pair=molenbeek)
    upload = SimpleUploadedFile(name, content)
    target = url(molenbeek, "synergy", synergy.pk, "register-document-upload")
    client.post(target, {"kind": "agreement", "document": upload})
    documents = RegisterDocument.objects.filter(synergy=synergy)
    assert documents.exists() == accepted
    if accepted:
        document = documents.get()
        assert "/" not in document.original_name and ".." not in document.file.name
        assert document.file.name.startswith("register/")
        download = client.get(
            reverse(
                "register-document", kwargs={"refnis": molenbeek.refnis, "document": document.pk}
            )
        )
        assert download["Content-Disposition"].startswith("attachment")


def test_register_and_report_pages_take_a_bounded_number_of_queries(
    molenbeek, editor, client, django_assert_max_num_queries
):
    client.force_login(editor)
    refnis = molenbeek.refnis
    for path in (
        reverse("register", kwargs={"refnis": refnis}),
        reverse("synergy-report", kwargs={"refnis": refnis, "year": 2023, "lang": "nl"}),
        reverse("register-history", kwargs={"refnis": refnis}),
        url(molenbeek, "synergy", Synergy.objects.filter(pair=molenbeek).first().pk),
    ):
        with django_assert_max_num_queries(15):
            assert client.get(path).status_code == 200, path


def test_a_save_after_the_session_expired_comes_back_in_the_form_after_login(
    molenbeek, editor, expired_client
):
    from tests.factories import PASSWORD

    measure = Measure.objects.filter(pair=molenbeek).first()
    target = url(molenbeek, "measure", measure.pk)
    data = {
        "domain": measure.domain_id,
        "title_nl": measure.title_nl,
        "description_nl": "Uitgeschreven terwijl de sessie verliep",
        "year": "2023",
        "status": "planned",
        "opened_version": measure.version,
    }
    response = expired_client.post(target, data)  # nobody logged in: the session had expired
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    measure.refresh_from_db()
    assert measure.description_nl == ""
    expired_client.post("/accounts/login/", {"username": editor.username, "password": PASSWORD})
    page = expired_client.get(target)
    assert "Uitgeschreven terwijl de sessie verliep" in page.content.decode()
    again = expired_client.post(target, page.context["form"].data)
    assert again.status_code == 302
    measure.refresh_from_db()
    assert measure.description_nl == "Uitgeschreven terwijl de sessie verliep"
    assert expired_client.get(target).context["form"].is_bound is False  # restored once only

"""R2 for every form (issue 15.6): what someone sends after their session expired is back after
login, or they are told plainly what was not kept; never a bare 405, never a false "stored"."""

import io
import zipfile

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.accounts.models import PairRole
from tandem.campaigns.models import ContactPerson, Submission
from tandem.synergies.models import FocusGroup
from tests import factories


def _docx(name="verslag.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def _texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def questionnaire(inventory):
    args = [inventory["campaign"].slug, inventory["pair_a"].municipality.refnis]
    return {
        "overview": reverse("questionnaire", args=args),
        "contacts": reverse("questionnaire-contacts", args=args),
        "submit": reverse("questionnaire-submit", args=args),
        "domain": reverse("questionnaire-domain", args=[*args, "financieel"]),
        "row": lambda key: reverse("questionnaire-row", args=[*args, "financieel", key]),
    }


def test_contacts_typed_after_expiry_are_back_in_the_form_after_login(
    inventory, questionnaire, expired_client
):
    domain = inventory["framework"].contact_domains.order_by("order").first()
    prefix = f"c{domain.pk}-ocmw"
    expired_client.post(questionnaire["contacts"], {f"{prefix}-name": "Els Na De Time-out"})
    assert not ContactPerson.objects.exists()
    expired_client.force_login(inventory["user_a"])
    page = expired_client.get(questionnaire["contacts"])
    assert 'value="Els Na De Time-out"' in page.content.decode()
    assert not ContactPerson.objects.exists()  # shown to check and save, not saved unseen


def test_a_document_sent_after_expiry_is_named_as_not_kept(
    inventory, questionnaire, expired_client
):
    key = f"a{inventory['aspects'][0].pk}"
    expired_client.post(
        questionnaire["row"](key),
        {f"{key}-version": 0, f"{key}-degree": "2", f"{key}-document": _docx()},
        HTTP_HX_REQUEST="true",
    )
    expired_client.force_login(inventory["user_a"])
    page = expired_client.get(questionnaire["domain"])
    notes = " ".join(_texts(page))
    assert "verslag.docx" in notes


def test_submit_after_expiry_returns_to_the_questionnaire_not_a_405(
    inventory, questionnaire, expired_client
):
    sent = expired_client.post(questionnaire["submit"], {"confirm": "on"})
    assert sent.status_code == 302
    assert sent["Location"].endswith("?next=" + questionnaire["overview"])
    expired_client.force_login(inventory["user_a"])
    assert expired_client.get(questionnaire["overview"]).status_code == 200
    assert not Submission.objects.filter(pair=inventory["pair_a"]).exists()


@pytest.fixture
def focus_group(db):
    pair = factories.pair("21012")
    editor = factories.user(username="editor-fg")
    factories.pair_role(user=editor, pair=pair, role=PairRole.Role.EDITOR)
    group = factories.focus_group(pair=pair)
    page = reverse(
        "register-record", kwargs={"refnis": pair.refnis, "kind": "focus-group", "pk": group.pk}
    )
    return {"pair": pair, "editor": editor, "group": group, "page": page}


def test_focus_group_findings_sent_after_expiry_are_back_in_the_session_form(
    focus_group, expired_client
):
    expired_client.post(
        focus_group["page"],
        {"action": "add-session", "date": "15/2/2023", "findings": "Bevindingen na time-out"},
    )
    expired_client.force_login(focus_group["editor"])
    page = expired_client.get(focus_group["page"])
    assert page.context["session_form"].data.get("findings") == "Bevindingen na time-out"
    assert "Bevindingen na time-out" in page.content.decode()
    assert not FocusGroup.objects.get(pk=focus_group["group"].pk).sessions.exists()


def test_an_upload_after_expiry_returns_to_the_record_and_says_to_choose_the_file_again(
    focus_group, expired_client
):
    upload = reverse(
        "register-document-upload",
        kwargs={"refnis": "21012", "kind": "focus-group", "pk": focus_group["group"].pk},
    )
    sent = expired_client.post(upload, {"kind": "report", "document": _docx("notulen.docx")})
    assert sent["Location"].endswith("?next=" + focus_group["page"])
    expired_client.force_login(focus_group["editor"])
    page = expired_client.get(focus_group["page"])
    assert page.status_code == 200
    assert any("notulen.docx" in text for text in _texts(page))


def test_a_strangers_anonymous_post_creates_no_session(inventory, questionnaire, client):
    """Issue 15.15: only a browser that was logged in has its post kept; anyone else's posts
    (with a CSRF cookie from the login page) never fill the session table."""
    from django.contrib.sessions.models import Session

    domain = inventory["framework"].contact_domains.order_by("order").first()
    before = Session.objects.count()
    sent = client.post(questionnaire["contacts"], {f"c{domain.pk}-ocmw-name": "x" * 100_000})
    assert sent.status_code == 302
    assert Session.objects.count() == before
    client.cookies["tandem_returning"] = "1"  # not signed by the server: does not count
    client.post(questionnaire["contacts"], {f"c{domain.pk}-ocmw-name": "x" * 100_000})
    assert Session.objects.count() == before


def test_the_browser_is_marked_at_login_and_forgotten_at_logout(inventory, client):
    from tests.factories import PASSWORD

    login = client.post(
        reverse("login"), {"username": inventory["user_a"].username, "password": PASSWORD}
    )
    marked = login.cookies["tandem_returning"]
    assert marked.value and marked["httponly"] and marked["max-age"] == 30 * 86400
    out = client.post(reverse("logout"))
    assert out.cookies["tandem_returning"].value == ""  # deleted

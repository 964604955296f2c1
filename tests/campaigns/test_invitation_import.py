"""Issue 16.2: bulk invitations from CSV or XLSX (email, refnis, administration, role, language,
name): a preview first; every bad line named by line and column, and then no one invited; a
former REFNIS code accepted; the same person for the same pair and administration merged;
someone already invited left out; the confirmation tied to its preview."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from tandem.accounts.models import Invitation
from tandem.campaigns.models import CampaignMail
from tandem.campaigns.services import coordination
from tandem.places.models import Pair

HEADER = "email;refnis;administration;role;language;name"
HASSELT_BEFORE_2025 = "71022"  # Hasselt's code until its merger with Kortessem (71072 since)


@pytest.fixture
def campaign(inventory):
    hasselt = Pair.objects.get(municipality__refnis="71072")
    coordination.add_pairs(campaign=inventory["campaign"], pairs=[hasselt])
    return inventory["campaign"]


@pytest.fixture
def coordinator_client(inventory, client_as):
    client = client_as(inventory["coordinator"])
    client.cookies["tandem_language"] = "en"
    return client


def _csv(*lines: str) -> SimpleUploadedFile:
    text = "\n".join((HEADER, *lines)) + "\n"
    return SimpleUploadedFile("people.csv", text.encode(), content_type="text/csv")


def _url(campaign):
    return reverse("people-import", args=[campaign.slug])


def _check(client, campaign, upload):
    return client.post(_url(campaign), {"file": upload})


def test_a_good_file_shows_a_preview_and_invites_only_on_confirmation(
    campaign, coordinator_client, django_capture_on_commit_callbacks
):
    upload = _csv(
        "an.peeters@aalst.be;41002;ocmw;respondent;nl;An Peeters",
        "AN.PEETERS@aalst.be;41002;OCMW;;;An Peeters",  # the same person again: merged
        "jan@brugge.be;31005;gemeente;;fr;Jan Claes",
        f"els@hasselt.be;{HASSELT_BEFORE_2025};cpas;;;Els Maes",  # a former code
    )
    preview = _check(coordinator_client, campaign, upload)
    html = preview.content.decode()
    assert preview.status_code == 200
    assert (
        "3 people will be invited. Repeated lines merged: 1. Already invited, left out: 0." in html
    )
    assert "Hasselt" in html and Invitation.objects.count() == 0  # a preview writes nothing
    token = preview.context["preview"]
    with django_capture_on_commit_callbacks(execute=True):
        done = coordinator_client.post(
            _url(campaign), {"action": "confirm", "preview": token}, follow=True
        )
    assert "3 invitations queued" in done.content.decode()
    invited = {
        (i.email, i.pair.refnis, i.administration, i.language)
        for i in Invitation.objects.select_related("pair__municipality")
    }
    assert invited == {
        ("an.peeters@aalst.be", "41002", "ocmw", "nl"),
        ("jan@brugge.be", "31005", "gemeente", "fr"),
        ("els@hasselt.be", "71072", "ocmw", ""),
    }
    assert CampaignMail.objects.filter(status="sent").count() == 3 and len(mail.outbox) == 3
    # Jan asked for French although Brugge's questionnaire is Dutch.
    jan = next(m for m in mail.outbox if m.to == ["jan@brugge.be"])
    assert jan.subject.startswith("Invitation : questionnaire")


def test_every_bad_line_is_named_and_no_one_is_invited(campaign, coordinator_client):
    upload = _csv(
        "an.peeters@aalst.be;41002;ocmw;;;An Peeters",  # good, but the file is refused whole
        "not-an-address;41002;ocmw;;;Someone",
        "x@gent.be;44021;ocmw;;;Gent is not in the campaign",
        "y@aalst.be;99999;ocmw;;;Unknown code",
        "z@aalst.be;41002;school;;;Wrong administration",
        "w@aalst.be;41002;ocmw;coordinator;;Wrong role",
        "v@aalst.be;41002;ocmw;;de;Wrong language",
        "u@aalst.be;41002;ocmw;;;",
    )
    answer = _check(coordinator_client, campaign, upload)
    assert answer.status_code == 400
    problems = [str(p) for p in answer.context["plan"].problems]
    assert problems == [
        "Line 3, column 'email': 'not-an-address' is not an e-mail address.",
        "Line 4, column 'refnis': Gent (44021) does not take part in the campaign: add it first.",
        "Line 5, column 'refnis': '99999' is no REFNIS code of a municipality.",
        "Line 6, column 'administration': 'school' is not an administration: write gemeente or "
        "ocmw (commune or cpas).",
        "Line 7, column 'role': A campaign invites respondents: leave the role empty or write "
        "respondent.",
        "Line 8, column 'language': 'de' is not nl, fr or en.",
        "Line 9, column 'name': The person's name is missing.",
    ]
    assert "No one was invited: 7 problems in the file" in answer.content.decode()
    assert Invitation.objects.count() == 0


def test_an_xlsx_file_is_read_and_someone_already_invited_is_left_out(
    campaign, coordinator_client, inventory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            reverse("manage", args=[campaign.slug]),
            {
                "pair": inventory["pair_a"].pk,
                "administration": "ocmw",
                "name": "An Peeters",
                "email": "an.peeters@aalst.be",
            },
        )
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Email", "REFNIS", "Administration"])  # any order, any capitals
    sheet.append(["An Peeters", "an.peeters@aalst.be", 41002, "OCMW"])
    sheet.append(["Jan Claes", "jan@brugge.be", 31005, "Gemeente"])
    data = io.BytesIO()
    book.save(data)
    upload = SimpleUploadedFile("people.xlsx", data.getvalue())
    preview = _check(coordinator_client, campaign, upload)
    assert preview.status_code == 200, preview.content.decode()[:2000]
    plan = preview.context["plan"]
    assert [line.invitee.email for line in plan.lines] == ["jan@brugge.be"]
    assert [line.invitee.email for line in plan.already] == ["an.peeters@aalst.be"]


def test_a_confirmation_from_another_preview_invites_no_one(campaign, coordinator_client):
    first = _check(coordinator_client, campaign, _csv("a@aalst.be;41002;ocmw;;;A"))
    _check(coordinator_client, campaign, _csv("b@aalst.be;41002;ocmw;;;B"))  # another tab
    stale = coordinator_client.post(
        _url(campaign), {"action": "confirm", "preview": first.context["preview"]}, follow=True
    )
    assert "This preview is no longer the file waiting to be imported" in stale.content.decode()
    assert Invitation.objects.count() == 0


def test_a_file_missing_a_column_or_too_big_is_refused_whole(campaign, coordinator_client):
    upload = SimpleUploadedFile("people.csv", b"email;name\na@aalst.be;A\n")
    answer = _check(coordinator_client, campaign, upload)
    assert answer.status_code == 400
    assert "The header row lacks the columns: refnis, administration." in answer.content.decode()
    rows = "\n".join("a@aalst.be;41002;ocmw;;;A" for _ in range(2001))
    too_many = _check(coordinator_client, campaign, _csv(rows))
    assert "The file has more than 2000 rows." in too_many.content.decode()


def test_only_the_coordinator_imports(campaign, inventory, client_as):
    for user in (inventory["user_a"], inventory["supervisor"]):
        client = client_as(user)
        assert client.get(_url(campaign)).status_code == 404
        assert (
            client.post(_url(campaign), {"file": _csv("a@aalst.be;41002;ocmw;;;A")}).status_code
            == 404
        )
    assert Invitation.objects.count() == 0

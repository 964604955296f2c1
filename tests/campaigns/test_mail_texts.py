"""Issue 16.4: a coordinator writes the subject and opening paragraph of the invitation and the
reminder per campaign and language, sees them in a preview before saving, and the mails use
them in the recipient's language only; an empty field keeps Tandem's text in that language."""

import pytest
from django.core import mail
from django.urls import reverse

from tandem.campaigns.models import Campaign, CampaignPair

from .test_coordinator_pages import _invite

OWN = {
    "invitation_subject_nl": "Uw bijdrage aan de VVSG-bevraging",
    "invitation_opening_nl": "Beste collega,\nde VVSG vraagt uw medewerking.",
}


@pytest.fixture
def coordinator_client(inventory, client_as):
    client = client_as(inventory["coordinator"])
    client.cookies["tandem_language"] = "en"
    return client


def _url(inventory):
    return reverse("mail-texts", args=[inventory["campaign"].slug])


def test_the_preview_shows_the_texts_and_saves_nothing(inventory, coordinator_client):
    page = coordinator_client.post(_url(inventory), OWN | {"action": "preview"})
    assert page.status_code == 200
    previews = {(p[0], p[3].splitlines()[2]) for p in page.context["previews"]}
    assert ("nl", "Beste collega,") in previews
    subjects = [p[2] for p in page.context["previews"]]
    assert "Uw bijdrage aan de VVSG-bevraging" in subjects
    assert not Campaign.objects.get(pk=inventory["campaign"].pk).invitation_subject_nl


def test_the_mail_uses_the_texts_of_its_own_language_only(
    inventory, coordinator_client, django_capture_on_commit_callbacks
):
    coordinator_client.post(_url(inventory), OWN | {"action": "save"})
    campaign = Campaign.objects.get(pk=inventory["campaign"].pk)
    assert campaign.invitation_subject_nl == OWN["invitation_subject_nl"]
    with django_capture_on_commit_callbacks(execute=True):
        _invite(coordinator_client, campaign, inventory["pair_a"], "nl@aalst.be")
    dutch = mail.outbox[-1]
    assert dutch.subject == "Uw bijdrage aan de VVSG-bevraging"
    assert "Beste collega,\nde VVSG vraagt uw medewerking." in dutch.body
    html = dutch.alternatives[0][0]
    assert "<p>Beste collega,<br>de VVSG vraagt uw medewerking.</p>" in html
    # A French questionnaire gets Tandem's French text, never the Dutch one.
    CampaignPair.objects.filter(campaign=campaign, pair=inventory["pair_b"]).update(language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        _invite(coordinator_client, campaign, inventory["pair_b"], "fr@brugge.be", "gemeente")
    french = mail.outbox[-1]
    assert french.subject == "Invitation : questionnaire Inventaris 2026"
    assert "VVSG" not in french.body


def test_an_own_subject_that_is_too_long_is_refused_and_kept(inventory, coordinator_client):
    long_subject = "x" * 201
    page = coordinator_client.post(
        _url(inventory), {"invitation_subject_fr": long_subject, "action": "save"}
    )
    assert page.status_code == 400
    assert 'id="error-summary"' in page.content.decode()
    assert f'value="{long_subject}"' in page.content.decode()


def test_only_the_coordinator_edits_the_texts(inventory, client_as):
    for user in (inventory["user_a"], inventory["supervisor"]):
        client = client_as(user)
        assert client.get(_url(inventory)).status_code == 404
        assert client.post(_url(inventory), OWN | {"action": "save"}).status_code == 404
    assert not Campaign.objects.get(pk=inventory["campaign"].pk).invitation_subject_nl


def test_the_preview_heading_follows_french_typography_and_the_reminder_links_the_questionnaire(
    inventory, client_as
):
    """Walking the preview in French showed 'Anglais: Invitation' (French puts a space before
    the colon) and the reminder's preview linking to an invitation."""
    client = client_as(inventory["coordinator"])
    client.cookies["tandem_language"] = "fr"
    page = client.post(_url(inventory), {"action": "preview"})
    html = page.content.decode()
    assert "Anglais : Invitation: questionnaire" in html
    reminders = [p for p in page.context["previews"] if "Reminder" in p[2]]
    assert reminders and all("/questionnaire/" in p[3] for p in reminders)
    assert all("/invitations/" not in p[3] for p in reminders)

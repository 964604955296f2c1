"""Issue 16.1 (the campaign's part): the coordinator sees who reaches each pair of the campaign
(role, administration, invited / link opened / expired / withdrawn / active, last login) and,
without the admin, sends an invitation again, withdraws it (its link answers 404, no reminder
goes to it) or takes back an access the campaign gave; each step asks first and says what
happened, and the history names who gave and took each role."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import Invitation, PairRole

from .test_coordinator_pages import _invite, _link_of

PASSWORD = "Groene-Kaai-2026!"


@pytest.fixture
def coordinator_client(inventory, client_as):
    client = client_as(inventory["coordinator"])
    client.cookies["tandem_language"] = "en"
    return client


def _invited(inventory, coordinator_client, capture, email="an.peeters@aalst.be"):
    with capture(execute=True):
        _invite(coordinator_client, inventory["campaign"], inventory["pair_a"], email=email)
    return Invitation.objects.get(email=email), _link_of(mail.outbox[-1])


def _people_url(inventory):
    return reverse("manage-people", args=[inventory["campaign"].slug])


def _step_url(inventory, kind, pk, action):
    name = "people-invitation" if kind == "invitation" else "people-role"
    return reverse(name, args=[inventory["campaign"].slug, pk, action])


def _statuses(page) -> dict[str, str]:
    """E-mail address → the status the page shows (in English)."""
    return {
        person.email: person.status_label
        for entry in page.context["pairs"]
        for person in entry.people
    }


def test_the_page_lists_everyone_with_their_status(
    inventory, coordinator_client, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    _invited(inventory, coordinator_client, capture, "invited@aalst.be")
    opened, opened_link = _invited(inventory, coordinator_client, capture, "opened@aalst.be")
    Client().get(opened_link, follow=True)  # the link, then its page without the token
    expired, _link = _invited(inventory, coordinator_client, capture, "expired@aalst.be")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    _accepted, link = _invited(inventory, coordinator_client, capture, "active@aalst.be")
    Client().post(link, {"password1": PASSWORD, "password2": PASSWORD})
    page = coordinator_client.get(_people_url(inventory))
    assert page.status_code == 200
    statuses = _statuses(page)
    assert statuses["invited@aalst.be"] == "invited"
    assert statuses["opened@aalst.be"] == "link opened"
    assert statuses["expired@aalst.be"] == "link expired"
    assert statuses["active@aalst.be"] == "active"
    # Pair A's own respondent (a role for all its campaigns) is listed, without steps.
    user_a = inventory["user_a"]
    assert statuses[user_a.email or user_a.username] == "active"
    html = page.content.decode()
    assert "for all the pair’s campaigns" in html
    # Brugge takes part too, with no one invited for this campaign but its own respondent.
    assert "Brugge" in html


def test_a_withdrawn_invitation_link_answers_404_and_gets_no_reminder(
    inventory, coordinator_client, django_capture_on_commit_callbacks
):
    invitation, link = _invited(inventory, coordinator_client, django_capture_on_commit_callbacks)
    url = _step_url(inventory, "invitation", invitation.pk, "withdraw")
    asked = coordinator_client.get(url)
    assert "Withdraw the invitation to an.peeters@aalst.be?" in asked.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is None  # asking changes nothing
    done = coordinator_client.post(url, follow=True)
    assert (
        "The invitation to an.peeters@aalst.be is withdrawn: its link no longer works."
        in done.content.decode()
    )
    invitation.refresh_from_db()
    assert invitation.revoked_by == inventory["coordinator"]
    assert Client().get(link).status_code == 404
    sent = len(mail.outbox)
    coordinator_client.post(reverse("send-reminders", args=[inventory["campaign"].slug]))
    assert len(mail.outbox) == sent
    # Withdrawing twice says so and changes nothing.
    again = coordinator_client.post(url, follow=True)
    assert "This invitation was already withdrawn." in again.content.decode()


def test_sending_again_gives_a_new_link_and_the_old_one_stops(
    inventory, coordinator_client, django_capture_on_commit_callbacks
):
    invitation, old_link = _invited(
        inventory, coordinator_client, django_capture_on_commit_callbacks
    )
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        done = coordinator_client.post(
            _step_url(inventory, "invitation", invitation.pk, "resend"), follow=True
        )
    assert "A new invitation to an.peeters@aalst.be is queued" in done.content.decode()
    new_link = _link_of(mail.outbox[-1])
    assert new_link != old_link and mail.outbox[-1].to == ["an.peeters@aalst.be"]
    assert Client().get(old_link).status_code == 404
    assert Client().get(new_link).status_code == 302  # on to the page without the token
    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now() + timedelta(days=13)


def test_taking_back_an_access_removes_it_and_the_history_says_who(
    inventory, coordinator_client, django_capture_on_commit_callbacks
):
    _invitation, link = _invited(inventory, coordinator_client, django_capture_on_commit_callbacks)
    invitee = Client()
    invitee.post(link, {"password1": PASSWORD, "password2": PASSWORD})
    questionnaire = reverse(
        "questionnaire", args=[inventory["campaign"].slug, inventory["pair_a"].refnis]
    )
    assert invitee.get(questionnaire).status_code == 200
    role = PairRole.objects.get(user__username="an.peeters@aalst.be")
    url = _step_url(inventory, "role", role.pk, "take-back")
    assert "Take back the access of An Peeters?" in coordinator_client.get(url).content.decode()
    done = coordinator_client.post(url, follow=True)
    assert "An Peeters no longer reaches Aalst in this campaign." in done.content.decode()
    assert not PairRole.objects.filter(pk=role.pk).exists()
    assert invitee.get(questionnaire).status_code == 404
    history = coordinator_client.get(_people_url(inventory)).context["history"]
    assert [(h.kind, h.holder, h.by) for h in history] == [
        ("taken back", "An Peeters", "coordinator"),
        ("given", "An Peeters", "coordinator"),  # the link they accepted was the coordinator's
    ]
    assert (
        _statuses(coordinator_client.get(_people_url(inventory)))["an.peeters@aalst.be"]
        == "withdrawn"
    )


def test_a_pair_s_own_role_cannot_be_taken_back_here(inventory, coordinator_client):
    own = PairRole.objects.get(user=inventory["user_a"])
    assert own.campaign_id is None
    assert (
        coordinator_client.get(_step_url(inventory, "role", own.pk, "take-back")).status_code == 404
    )
    assert (
        coordinator_client.post(_step_url(inventory, "role", own.pk, "take-back")).status_code
        == 404
    )
    assert PairRole.objects.filter(pk=own.pk).exists()


def test_other_people_get_404_on_every_people_page(
    inventory, client_as, coordinator_client, django_capture_on_commit_callbacks
):
    invitation, _link = _invited(inventory, coordinator_client, django_capture_on_commit_callbacks)
    urls = [
        _people_url(inventory),
        _step_url(inventory, "invitation", invitation.pk, "withdraw"),
        _step_url(inventory, "invitation", invitation.pk, "resend"),
    ]
    for user in (inventory["user_a"], inventory["supervisor"]):
        client = client_as(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
            assert client.post(url).status_code == 404, (user, url)
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is None
    # A step of another campaign's invitation is 404 for this campaign's coordinator too.
    other = reverse("people-invitation", args=["private-shared", invitation.pk, "withdraw"])
    assert coordinator_client.post(other).status_code == 404
    # An unknown step.
    assert coordinator_client.get(urls[1].replace("withdraw", "delete")).status_code == 404

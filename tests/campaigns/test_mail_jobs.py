"""Issue 16.4: invitations and reminders are background jobs. The request only queues them; the
worker (`tandem worker`, django-tasks-db) sends them multipart in the pair's language; a failed
send is tried again and, after three attempts, shown as failed with its error and a button to
send it again. The link's token is made when the mail leaves: no row and no job argument holds
a working link."""

import re
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tandem.accounts.invitations import token_hash
from tandem.accounts.models import Invitation
from tandem.campaigns.models import CampaignMail, CampaignPair

from .test_coordinator_pages import _invite

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TOKEN = re.compile(r"http://testserver/invitations/([^/\s\"]+)/")
SEND = "django.core.mail.EmailMultiAlternatives.send"


def _run_worker(monkeypatch):
    """`tandem worker --batch`: the worker runs every job queued, then stops. It closes old
    connections as a long-running process should; in a test that connection holds the test's
    transaction, so it stays open."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


@pytest.fixture
def coordinator_client(inventory, client_as):
    client = client_as(inventory["coordinator"])
    client.cookies["tandem_language"] = "en"
    return client


def test_the_request_only_queues_and_the_worker_sends(
    inventory, coordinator_client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        answer = _invite(coordinator_client, inventory["campaign"], inventory["pair_a"])
    assert answer.status_code == 302 and mail.outbox == []
    queued = CampaignMail.objects.get()
    assert (queued.kind, queued.status, queued.attempts) == ("invitation", "queued", 0)
    assert DBTaskResult.objects.count() == 1
    _run_worker(monkeypatch)
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == ("sent", 1) and queued.sent_at is not None
    (sent,) = mail.outbox
    token = TOKEN.search(sent.body).group(1)
    # The link works, and only the mail has it: not the mail row, not the job's arguments.
    assert Invitation.objects.get().token_hash == token_hash(token)
    stored = " ".join(str(row) for row in DBTaskResult.objects.values_list("args_kwargs"))
    assert token not in stored and "base_url" in stored


def test_the_mail_is_multipart_in_the_pairs_language(
    inventory, coordinator_client, django_capture_on_commit_callbacks
):
    CampaignPair.objects.filter(campaign=inventory["campaign"], pair=inventory["pair_a"]).update(
        language="fr"
    )
    with django_capture_on_commit_callbacks(execute=True):
        _invite(coordinator_client, inventory["campaign"], inventory["pair_a"])
    (sent,) = mail.outbox
    ((html, kind),) = sent.alternatives
    assert kind == "text/html"
    link = TOKEN.search(sent.body).group(0)
    assert f'<a href="{link}">' in html and '<html lang="fr">' in html
    assert sent.subject == "Invitation : questionnaire Inventaris 2026"
    assert sent.body.startswith("Bonjour An Peeters,") and "<p>Bonjour An Peeters,</p>" in html


def test_a_failed_send_is_tried_three_times_then_shown_and_sent_again_on_request(
    inventory, coordinator_client, django_capture_on_commit_callbacks
):
    with mock.patch(SEND, side_effect=ConnectionRefusedError("mail server down")):
        with django_capture_on_commit_callbacks(execute=True):
            _invite(coordinator_client, inventory["campaign"], inventory["pair_a"])
    failed = CampaignMail.objects.get()
    assert (failed.status, failed.attempts) == ("failed", 3)
    assert failed.last_error == "ConnectionRefusedError: mail server down"
    page = coordinator_client.get(reverse("manage", args=[inventory["campaign"].slug]))
    html = page.content.decode()
    assert "Queued: 0 · sent: 0 · failed: 1." in html
    assert "ConnectionRefusedError: mail server down" in html
    assert "Send the 1 failed mail again" in html
    with django_capture_on_commit_callbacks(execute=True):
        again = coordinator_client.post(
            reverse("retry-mails", args=[inventory["campaign"].slug]), follow=True
        )
    assert "1 failed mail queued again." in again.content.decode()
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == ("sent", 1)
    assert [m.to for m in mail.outbox] == [["an.peeters@aalst.be"]]


def test_a_send_that_fails_once_goes_out_at_the_second_attempt(
    inventory, coordinator_client, django_capture_on_commit_callbacks
):
    attempts = []

    def flaky(message):
        attempts.append(message.to)
        if len(attempts) == 1:
            raise TimeoutError("slow server")
        mail.outbox.append(message)
        return 1

    with mock.patch(SEND, autospec=True, side_effect=flaky):
        with django_capture_on_commit_callbacks(execute=True):
            _invite(coordinator_client, inventory["campaign"], inventory["pair_a"])
    sent = CampaignMail.objects.get()
    assert (sent.status, sent.attempts, sent.last_error) == ("sent", 2, "TimeoutError: slow server")
    assert len(attempts) == 2 and len(mail.outbox) == 1


def test_a_withdrawn_invitation_s_queued_mail_does_not_leave(
    inventory, coordinator_client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        _invite(coordinator_client, inventory["campaign"], inventory["pair_a"])
    invitation = Invitation.objects.get()
    coordinator_client.post(
        reverse("people-invitation", args=[inventory["campaign"].slug, invitation.pk, "withdraw"])
    )
    _run_worker(monkeypatch)
    assert mail.outbox == []
    assert CampaignMail.objects.get().status == "failed"


def test_retrying_is_the_coordinator_s_only(inventory, client_as):
    url = reverse("retry-mails", args=[inventory["campaign"].slug])
    for user in (inventory["user_a"], inventory["supervisor"]):
        assert client_as(user).post(url).status_code == 404
        assert client_as(user).get(url).status_code == 404


def test_a_bulk_invitation_is_all_or_nothing_and_queues_one_job_per_25_mails(
    inventory, settings, django_capture_on_commit_callbacks
):
    from tandem.accounts.invitations import InvitationError
    from tandem.campaigns.services.invitations import Invitee, invite_many
    from tandem.places.models import Pair

    settings.TASKS = DATABASE_TASKS
    campaign = inventory["campaign"]
    people = [
        Invitee(pair=inventory["pair_a"], administration="ocmw", name=f"P{n}", email=f"p{n}@a.be")
        for n in range(30)
    ]
    gent = Pair.objects.get(municipality__refnis="44021")  # not in the campaign
    with pytest.raises(InvitationError, match="Gent does not take part in the campaign."):
        invite_many(
            campaign=campaign,
            invitees=[*people, Invitee(pair=gent, administration="ocmw", name="G", email="g@g.be")],
            invited_by=inventory["coordinator"],
            base_url="http://testserver/",
        )
    assert Invitation.objects.count() == 0 and CampaignMail.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        invite_many(
            campaign=campaign,
            invitees=people,
            invited_by=inventory["coordinator"],
            base_url="http://testserver/",
        )
    assert CampaignMail.objects.filter(status="queued").count() == 30
    assert DBTaskResult.objects.count() == 2  # 25 + 5

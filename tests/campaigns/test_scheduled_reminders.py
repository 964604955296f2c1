"""Issue 16.5: `tandem remind` queues, on the days the campaign names before the open round's
deadline and on the deadline itself, a reminder to everyone invited whose questionnaire is not
submitted; never to a pair that submitted, never past the maximum per person, never twice a day;
a confirmation round tells everyone who answers by mail."""

import io
from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from tandem.campaigns.models import CampaignMail, Round
from tandem.campaigns.reminders import queue_due_reminders, reminder_dates
from tandem.campaigns.services.answering import submit

from .test_answering import JOINT, _answer_everything
from .test_coordinator_pages import _invite

DEADLINE = date(2026, 12, 18)


@pytest.fixture
def invited(inventory, client_as, django_capture_on_commit_callbacks):
    """Aalst (joint answers) and Brugge's municipality invited; round 1 closes on 18/12/2026."""
    client = client_as(inventory["coordinator"])
    client.cookies["tandem_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, inventory["campaign"], inventory["pair_a"], "a@aalst.be")
        _invite(client, inventory["campaign"], inventory["pair_b"], "b@brugge.be", "gemeente")
    Round.objects.filter(pk=inventory["round"].pk).update(closes_on=DEADLINE)
    mail.outbox.clear()
    return client


def _remind(day: date, capture) -> list:
    with capture(execute=True):
        return queue_due_reminders(today=day, base_url="http://testserver/")


def test_the_default_schedule_is_7_and_2_days_before_and_the_deadline(inventory):
    assert reminder_dates(inventory["campaign"], DEADLINE) == [
        date(2026, 12, 11),
        date(2026, 12, 16),
        date(2026, 12, 18),
    ]


def test_reminders_go_on_the_scheduled_days_only_and_never_to_a_pair_that_submitted(
    inventory, invited, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    assert _remind(date(2026, 12, 10), capture) == []
    (due,) = _remind(date(2026, 12, 11), capture)
    assert (due.queued, due.deadline) == (2, DEADLINE)
    assert sorted(m.to[0] for m in mail.outbox) == ["a@aalst.be", "b@brugge.be"]
    # The same day again (a second cron run): nothing more.
    (again,) = _remind(date(2026, 12, 11), capture)
    assert again.queued == 0 and len(mail.outbox) == 2
    _answer_everything(inventory)
    submit(round_=inventory["round"], pair=inventory["pair_a"], respondent=JOINT, user=None)
    mail.outbox.clear()
    (deadline_day,) = _remind(date(2026, 12, 16), capture)
    assert deadline_day.queued == 1 and [m.to for m in mail.outbox] == [["b@brugge.be"]]


def test_no_one_gets_more_than_the_maximum(inventory, invited, django_capture_on_commit_callbacks):
    campaign = inventory["campaign"]
    campaign.reminder_days, campaign.max_reminders = "9,8,7,6", 2
    campaign.save()
    counts = [
        _remind(day, django_capture_on_commit_callbacks)[0].queued
        for day in (date(2026, 12, 9), date(2026, 12, 10), date(2026, 12, 11), date(2026, 12, 12))
    ]
    assert counts == [2, 2, 0, 0]
    assert CampaignMail.objects.filter(kind="reminder").count() == 4


def test_the_command_says_what_it_queued(invited, django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind", "--date", "2026-12-18", stdout=out)
    assert out.getvalue() == (
        "2026-12-18: inventaris-2026 round 1 (deadline 2026-12-18): 2 reminders queued\n"
    )
    out = io.StringIO()
    call_command("remind", "--date", "2026-12-17", stdout=out)
    assert out.getvalue() == "2026-12-17: no reminders are due.\n"


def test_the_schedule_page_refuses_a_bad_list_and_keeps_what_was_typed(inventory, invited):
    url = reverse("reminder-schedule", args=[inventory["campaign"].slug])
    page = invited.get(url)
    assert "Reminders on: 11/12/2026, 16/12/2026, 18/12/2026" in " ".join(
        page.content.decode().split()
    )
    refused = invited.post(url, {"reminder_days": "7, next week", "max_reminders": "3"})
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "Write whole numbers of days separated by commas, for example 7, 2." in html
    assert 'value="7, next week"' in html and 'id="error-summary"' in html
    saved = invited.post(
        url, {"reminder_days": "3", "remind_on_deadline": "", "max_reminders": "1"}, follow=True
    )
    assert "Reminders 3 days before the deadline; at most 1 per person." in saved.content.decode()
    inventory["campaign"].refresh_from_db()
    assert inventory["campaign"].days_before == [3]
    assert inventory["campaign"].remind_on_deadline is False


def test_a_confirmation_round_tells_everyone_who_answers(
    inventory, invited, django_capture_on_commit_callbacks
):
    from tandem.accounts.invitations import accept, new_token, token_hash
    from tandem.accounts.models import Invitation

    # Aalst's person accepts the invitation (a known token stands in for the mailed link).
    token = new_token()
    Invitation.objects.filter(email="a@aalst.be").update(token_hash=token_hash(token))
    accept(token=token, password="Groene-Kaai-2026!")
    campaign = inventory["campaign"]
    invited.post(reverse("round-action", args=[campaign.slug, 1, "close"]))
    with django_capture_on_commit_callbacks(execute=True):
        invited.post(reverse("round-action", args=[campaign.slug, 1, "confirm"]))
    assert campaign.rounds.get(number=2).status == "open"
    # Only Aalst's person accepted: Brugge's invitation is still unused.
    queued = CampaignMail.objects.filter(kind="round")
    assert [m.invitation.email for m in queued] == ["a@aalst.be"]
    # Aalst's questionnaire is in Dutch, so is the notice.
    notices = [m for m in mail.outbox if m.subject.startswith("Bevestigingsronde")]
    assert [m.to for m in notices] == [["a@aalst.be"]]
    assert notices[0].subject == "Bevestigingsronde: vragenlijst Inventaris 2026"
    assert "/campaigns/inventaris-2026/pairs/41002/questionnaire/" in notices[0].body

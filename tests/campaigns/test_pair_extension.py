"""Issue 16.6: the coordinator extends the deadline for one pair: the pair's questionnaire shows
its own date, its reminders follow it, and closing the round names the pairs it still affects.
A date in the past, or not after the round's own deadline, is refused."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.campaigns.models import CampaignPair, Round
from tandem.campaigns.reminders import queue_due_reminders

from .test_coordinator_pages import _invite


@pytest.fixture
def coordinator(inventory, client_as):
    client = client_as(inventory["coordinator"])
    client.cookies["tandem_language"] = "en"
    return client


def _url(inventory, refnis="41002"):
    return reverse("pair-extension", args=[inventory["campaign"].slug, refnis])


def test_an_extension_is_refused_before_the_round_s_deadline_or_in_the_past(inventory, coordinator):
    deadline = timezone.localdate() + datetime.timedelta(days=5)
    Round.objects.filter(pk=inventory["round"].pk).update(closes_on=deadline)
    same_day = coordinator.post(_url(inventory), {"until": deadline.isoformat()})
    assert same_day.status_code == 400
    assert f"The round closes on {deadline:%d/%m/%Y}: an extension ends later." in (
        same_day.content.decode()
    )
    past = coordinator.post(_url(inventory), {"until": "2020-01-01"})
    assert past.status_code == 400
    assert not CampaignPair.objects.filter(extended_until__isnull=False).exists()


def test_the_pair_sees_its_own_deadline_and_its_reminders_follow_it(
    inventory, coordinator, client_as, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    # 12 days: Aalst's own reminder days (5, 10, 12) miss the round's deadline day (3).
    deadline, extended = today + datetime.timedelta(days=3), today + datetime.timedelta(days=12)
    Round.objects.filter(pk=inventory["round"].pk).update(closes_on=deadline)
    with django_capture_on_commit_callbacks(execute=True):
        _invite(coordinator, inventory["campaign"], inventory["pair_a"], "a@aalst.be")
        _invite(coordinator, inventory["campaign"], inventory["pair_b"], "b@brugge.be", "gemeente")
    done = coordinator.post(
        _url(inventory), {"until": extended.isoformat(), "reason": "Gemeenteraad"}, follow=True
    )
    assert f"Aalst may answer until {extended:%d/%m/%Y}." in done.content.decode()
    respondent = client_as(inventory["user_a"])
    respondent.cookies["tandem_language"] = "en"
    page = respondent.get(
        reverse("questionnaire", args=[inventory["campaign"].slug, "41002"])
    ).content.decode()
    assert f"<dd>{extended:%d/%m/%Y}</dd>" in page
    # On the round's deadline only Brugge is reminded; on Aalst's own day only Aalst.
    (on_deadline,) = queue_due_reminders(today=deadline, base_url="http://testserver/")
    (on_extension,) = queue_due_reminders(today=extended, base_url="http://testserver/")
    emails = [
        m.invitation.email
        for m in inventory["campaign"].mails.filter(kind="reminder").order_by("scheduled_for")
    ]
    assert emails == ["b@brugge.be", "a@aalst.be"]
    assert (on_deadline.queued, on_extension.queued) == (1, 1)


def test_closing_names_the_pairs_with_a_later_deadline(inventory, coordinator):
    extended = timezone.localdate() + datetime.timedelta(days=10)
    coordinator.post(_url(inventory), {"until": extended.isoformat()})
    page = coordinator.get(
        reverse("round-action", args=[inventory["campaign"].slug, 1, "close"])
    ).content.decode()
    assert "1 pair has a later deadline; closing the round closes its questionnaire too:" in page
    assert f"Aalst · {extended:%d/%m/%Y}" in page


def test_only_the_coordinator_extends(inventory, client_as):
    for user in (inventory["user_a"], inventory["supervisor"]):
        assert client_as(user).post(_url(inventory), {"until": "2030-01-01"}).status_code == 404
    assert not CampaignPair.objects.filter(extended_until__isnull=False).exists()

"""Issue 16.6: a round's irreversible steps ask first, on a page that states the consequence
with numbers, and say afterwards what happened; a deadline in the past is refused."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from tandem.campaigns.forms.coordination import CampaignForm
from tandem.campaigns.models import Response, Round
from tandem.campaigns.services import rounds
from tandem.campaigns.services.answering import save_answer, submit
from tandem.campaigns.services.coordination import CoordinationError
from tests import factories

JOINT = Response.Respondent.JOINT


def _text(response):
    return " ".join(response.content.decode().split())


@pytest.fixture
def coordinator(inventory, client_as):
    client = client_as(inventory["coordinator"])
    client.cookies["tandem_language"] = "en"
    return client


@pytest.fixture
def answered(inventory, monkeypatch):
    """Aalst submitted; Brugge's municipality answered one aspect; Brugge's OCMW nothing: three
    questionnaires (Brugge answers per administration)."""
    from tandem.campaigns.services import answering

    monkeypatch.setattr(answering, "problems_of", lambda *args: [])
    round_, aspect = inventory["round"], inventory["aspects"][0]
    for pair, respondent in ((inventory["pair_a"], JOINT), (inventory["pair_b"], "gemeente")):
        save_answer(
            round_=round_,
            pair=pair,
            respondent=respondent,
            values={"degree": 1},
            expected_version=0,
            user=None,
            aspect=aspect,
        )
    submit(round_=round_, pair=inventory["pair_a"], respondent=JOINT, user=None)
    return inventory


def test_closing_asks_first_with_the_numbers_and_changes_nothing(answered, coordinator):
    campaign = answered["campaign"]
    url = reverse("round-action", args=[campaign.slug, 1, "close"])
    page = coordinator.get(url)
    assert page.status_code == 200
    text = _text(page)
    assert "Close round 1?" in text
    assert "Of 3 questionnaires: 1 submitted, 1 in progress, 1 not started." in text
    assert "can no longer answer" in text
    assert Round.objects.get(pk=answered["round"].pk).status == "open"


def test_closing_says_what_happened_with_numbers(answered, coordinator):
    campaign = answered["campaign"]
    done = coordinator.post(reverse("round-action", args=[campaign.slug, 1, "close"]))
    assert done.status_code == 302
    assert [str(m) for m in get_messages(done.wsgi_request)] == [
        "Round 1 is closed. Submitted, and now counted in the matrices: 1 of 3 questionnaires;"
        " not submitted: 2."
    ]
    assert Round.objects.get(pk=answered["round"].pk).status == "closed"


def test_the_coordination_page_links_to_the_question_not_to_the_step(answered, coordinator):
    campaign = answered["campaign"]
    html = coordinator.get(reverse("manage", args=[campaign.slug])).content.decode()
    close = reverse("round-action", args=[campaign.slug, 1, "close"])
    assert f'href="{close}"' in html
    assert f'action="{close}"' not in html


def test_a_round_cannot_open_with_a_deadline_that_has_passed(db, client_as):
    coordinator_user = factories.user()
    campaign = factories.campaign(pairs=["41002"])
    factories.campaign_role(user=coordinator_user, campaign=campaign)
    round_ = factories.round_(
        campaign=campaign, status=Round.Status.PLANNED, closes_on=datetime.date(2020, 3, 1)
    )
    client = client_as(coordinator_user)
    client.cookies["tandem_language"] = "en"
    url = reverse("round-action", args=[campaign.slug, 1, "open"])
    refused = client.post(url)  # the round's own deadline, 1/3/2020, has passed
    assert refused.status_code == 400
    assert "The deadline 1/3/2020 has passed: choose today or a later day." in _text(refused)
    typed = client.post(url, {"deadline": "2020-03-01"})
    assert "The deadline cannot be in the past" in _text(typed)
    round_.refresh_from_db()
    assert round_.status == "planned"
    later = timezone.localdate() + datetime.timedelta(days=30)
    opened = client.post(url, {"deadline": later.isoformat()})
    assert opened.status_code == 302
    round_.refresh_from_db()
    assert (round_.status, round_.closes_on) == ("open", later)
    assert [str(m) for m in get_messages(opened.wsgi_request)] == [
        "Round 1 is open: 1 pair can answer."
    ]


def test_the_services_refuse_a_past_deadline_too(db):
    campaign = factories.campaign(pairs=["41002"])
    round_ = factories.round_(campaign=campaign, status=Round.Status.PLANNED)
    with pytest.raises(CoordinationError):
        rounds.open_round(round_=round_, closes_on=datetime.date(2001, 1, 1))
    round_.status = Round.Status.CLOSED
    round_.save()
    with pytest.raises(CoordinationError):
        rounds.start_confirmation_round(
            campaign=campaign, user=None, closes_on=datetime.date(2001, 1, 1)
        )


def test_a_new_campaign_with_a_deadline_in_the_past_is_refused(db):
    form = CampaignForm(
        data={
            "name_nl": "Bevraging",
            "slug": "bevraging",
            "framework": factories.framework().pk,
            "year": "2026",
            "deadline": "2020-01-31",
        }
    )
    assert not form.is_valid()
    assert list(form.errors) == ["deadline"]


def test_a_closed_round_is_reopened_with_a_reason_after_a_question(answered, coordinator):
    """Issue 16.6: reopening asks first with the numbers, needs a reason and a deadline that has
    not passed, keeps the submitted questionnaire submitted and lets the others answer again."""
    campaign = answered["campaign"]
    rounds.close_round(round_=answered["round"])
    url = reverse("round-action", args=[campaign.slug, 1, "reopen"])
    asked = _text(coordinator.get(url))
    assert "Reopen round 1?" in asked
    assert "Of 3 questionnaires: 1 submitted, 1 in progress, 1 not started." in asked
    refused = coordinator.post(url, {"deadline": "", "reason": ""})
    assert refused.status_code == 400
    assert Round.objects.get(pk=answered["round"].pk).status == "closed"
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    late = coordinator.post(
        url, {"deadline": yesterday.isoformat(), "reason": "Brugge vroeg uitstel"}
    )
    assert late.status_code == 400
    new_deadline = timezone.localdate() + datetime.timedelta(days=10)
    done = coordinator.post(
        url, {"deadline": new_deadline.isoformat(), "reason": "Brugge vroeg uitstel"}, follow=True
    )
    expected = (
        f"Round 1 is open again until {new_deadline:%d/%m/%Y}: 2 questionnaires not submitted "
        "can be answered; the 1 submitted stay submitted."
    )
    assert expected in _text(done)
    round_ = Round.objects.get(pk=answered["round"].pk)
    assert (round_.status, round_.closes_on) == ("open", new_deadline)
    assert round_.note.endswith("by coordinator: Brugge vroeg uitstel")
    assert Response.objects.filter(
        round=round_, pair=answered["pair_a"], status="submitted"
    ).exists()


def test_only_the_last_closed_round_can_be_reopened(answered):
    campaign = answered["campaign"]
    rounds.close_round(round_=answered["round"])
    coordinator = answered["coordinator"]
    with pytest.raises(CoordinationError, match="Only a closed round can be reopened."):
        rounds.reopen_round(
            round_=factories.round_(campaign=campaign, number=2, status="planned"),
            reason="x",
            closes_on=timezone.localdate(),
            user=coordinator,
        )
    with pytest.raises(CoordinationError, match="A later round exists"):
        rounds.reopen_round(
            round_=answered["round"], reason="x", closes_on=timezone.localdate(), user=coordinator
        )

"""Issue 16.6: removing a pair that has answered is a step that asks first. The pairs page never
deletes a pair with answers or grid entries by an unticked box; its row links to a page that
counts what goes with the pair (answers, submissions, contacts, invitations, grid entries…),
offers the answers to read or download, and only its POST removes. The history keeps the deleted
answers with who removed them; other pairs and other campaigns stay untouched."""

import pytest
from django.urls import reverse

from tandem.accounts.models import Invitation, PairRole
from tandem.campaigns.models import CampaignPair, ContactPerson, Response, Submission
from tandem.grid.models import FactorColumn, GridEntry, SynthesisTable
from tests import factories


@pytest.fixture
def answered(inventory):
    """Pair A (Aalst) answered three aspects and submitted; it has a contact and an invitation."""
    campaign, round_, pair_a = inventory["campaign"], inventory["round"], inventory["pair_a"]
    for aspect in inventory["aspects"][:3]:
        factories.response(round_=round_, pair=pair_a, aspect=aspect, degree=1, respondent="joint")
    factories.submission(round_=round_, pair=pair_a, respondent="joint")
    factories.contact_person(campaign=campaign, pair=pair_a)
    from django.utils import timezone

    Invitation.objects.create(
        campaign=campaign,
        pair=pair_a,
        administration="gemeente",
        name="An Peeters",
        email="an@aalst.be",
        token_hash="a" * 64,
        expires_at=timezone.now(),
    )
    # Pair B answered too: it must keep everything.
    factories.response(
        round_=round_, pair=inventory["pair_b"], aspect=inventory["aspects"][0], degree=2
    )
    return inventory


@pytest.fixture
def coordinator(answered, client_as):
    client = client_as(answered["coordinator"])
    client.cookies["tandem_language"] = "en"
    return client


def _url(answered, refnis="41002"):
    return reverse("pair-removal", args=[answered["campaign"].slug, refnis])


def test_unticking_a_pair_with_answers_keeps_it_and_points_to_the_removal_page(
    answered, coordinator
):
    campaign = answered["campaign"]
    pairs_page = coordinator.get(reverse("manage-pairs", args=[campaign.slug])).content.decode()
    assert pairs_page.count("Remove with its answers…") == 2  # Aalst and Brugge answered
    assert _url(answered) in pairs_page
    done = coordinator.post(
        reverse("manage-pairs", args=[campaign.slug]),
        {
            "action": "save",
            "drop": [answered["pair_a"].pk],
            f"language-{answered['pair_a'].pk}": "nl",
            f"language-{answered['pair_b'].pk}": "nl",
            f"mode-{answered['pair_a'].pk}": "joint",
            f"mode-{answered['pair_b'].pk}": "separate",
        },
        follow=True,
    )
    assert "has answers or other data in the campaign, so it stays" in done.content.decode()
    assert CampaignPair.objects.filter(campaign=campaign, pair=answered["pair_a"]).exists()
    assert Response.objects.filter(pair=answered["pair_a"], round__campaign=campaign).count() == 3


def test_the_page_counts_what_goes_and_a_get_changes_nothing(answered, coordinator):
    page = coordinator.get(_url(answered))
    assert page.status_code == 200
    text = page.content.decode()
    assert "<h1>Remove Aalst from 'Inventaris 2026'?</h1>" in text
    counts = dict(page.context["removal"].counts)
    assert counts == {
        "responses": 3,
        "submission": 1,
        "contact person": 1,
        "invitation": 1,
    }
    for kind, count in counts.items():
        assert f"<li>{count} {kind}</li>" in text
    answers = reverse("manage-answers", args=[answered["campaign"].slug, "41002", "joint"])
    # One link per respondent, not one per answer (walking the demo showed 18 identical ones).
    assert text.count(f'href="{answers}"') == 1 and f"{answers}answers.pdf" in text
    assert (
        Response.objects.filter(
            pair=answered["pair_a"], round__campaign=answered["campaign"]
        ).count()
        == 3
    )


def test_the_removal_deletes_the_pair_s_part_only_and_the_history_says_who(answered, coordinator):
    campaign, pair_a = answered["campaign"], answered["pair_a"]
    kept_elsewhere = Response.objects.exclude(round__campaign=campaign).filter(pair=pair_a).count()
    assert kept_elsewhere  # Aalst answered the shared campaign too
    done = coordinator.post(_url(answered), follow=True)
    assert (
        "Aalst is removed from &#x27;Inventaris 2026&#x27;; deleted with it: 3 responses, "
        "1 contact person, 1 invitation, 1 submission."
    ) in done.content.decode()
    assert not CampaignPair.objects.filter(campaign=campaign, pair=pair_a).exists()
    assert not Response.objects.filter(round__campaign=campaign, pair=pair_a).exists()
    assert not Submission.objects.filter(round__campaign=campaign, pair=pair_a).exists()
    assert not ContactPerson.objects.filter(campaign=campaign, pair=pair_a).exists()
    assert not Invitation.objects.filter(campaign=campaign, pair=pair_a).exists()
    assert Response.objects.filter(round__campaign=campaign, pair=answered["pair_b"]).count() == 1
    assert Response.objects.exclude(round__campaign=campaign).filter(pair=pair_a).count() == (
        kept_elsewhere
    )
    deleted = Response.history.filter(history_type="-", pair_id=pair_a.pk)
    assert deleted.count() == 3
    assert {record.history_user for record in deleted} == {answered["coordinator"]}


def test_a_grid_pair_s_entries_are_counted_and_never_dropped_by_the_checkbox(tenants, client_as):
    campaign = tenants["grid_shared"]
    coordinator = factories.user(username="grid-coordinator")
    factories.campaign_role(user=coordinator, campaign=campaign)
    client = client_as(coordinator)
    client.cookies["tandem_language"] = "en"
    pair_b = tenants["pair_b"]
    participations = {p.pair_id: p for p in campaign.participations.all()}
    done = client.post(
        reverse("manage-pairs", args=[campaign.slug]),
        {"action": "save", "drop": [pair_b.pk]}
        | {f"language-{pk}": p.language for pk, p in participations.items()}
        | {f"mode-{pk}": p.answer_mode for pk, p in participations.items()},
        follow=True,
    )
    assert "so it stays" in done.content.decode()
    assert GridEntry.objects.filter(table__participation=participations[pair_b.pk]).exists()
    page = client.get(reverse("pair-removal", args=[campaign.slug, "31005"]))
    counts = dict(page.context["removal"].counts)
    assert counts["synthesis table"] == 1 and counts["factor value"] == 1
    client.post(reverse("pair-removal", args=[campaign.slug, "31005"]))
    assert not SynthesisTable.objects.filter(participation=participations[pair_b.pk]).exists()
    assert not FactorColumn.objects.filter(participation=participations[pair_b.pk]).exists()
    # Pair A's table in the same campaign, and pair B's in its other grid campaign, stay.
    assert SynthesisTable.objects.filter(participation=participations[tenants["pair_a"].pk])
    assert SynthesisTable.objects.filter(participation__campaign=tenants["grid_b"]).exists()


def test_only_the_campaign_s_coordinator_reaches_the_page(answered, client_as):
    outsider = factories.user(username="other-coordinator")
    factories.campaign_role(user=outsider, campaign=answered["only_b"])
    for user in (outsider, answered["user_a"], answered["supervisor"]):
        client = client_as(user)
        assert client.get(_url(answered)).status_code == 404
        assert client.post(_url(answered)).status_code == 404
    assert CampaignPair.objects.filter(
        campaign=answered["campaign"], pair=answered["pair_a"]
    ).exists()


def test_a_pair_not_in_the_campaign_answers_404(answered, coordinator):
    assert coordinator.get(_url(answered, refnis="11002")).status_code == 404


def test_the_campaign_s_roles_for_the_pair_go_with_it(answered, coordinator):
    respondent = factories.user(username="campaign-respondent")
    PairRole.objects.create(
        user=respondent, pair=answered["pair_a"], role="respondent", campaign=answered["campaign"]
    )
    coordinator.post(_url(answered))
    assert not PairRole.objects.filter(user=respondent).exists()
    assert PairRole.objects.filter(user=answered["user_a"], campaign__isnull=True).exists()

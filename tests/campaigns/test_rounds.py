"""Rounds as in seed 001 (S001:35, 83): close round 1, review the 'other' aspects pairs named,
open a confirmation round with every answer prefilled and the promoted aspects asked of all."""

import pytest

from tandem.campaigns import completeness
from tandem.campaigns.models import ProposedAspect, Response
from tandem.campaigns.queries import domain_matrix, questionnaire_aspects
from tandem.campaigns.services import coordination, rounds
from tandem.campaigns.services.answering import Incomplete, add_own_row, save_answer, submit
from tandem.catalogue.models import ReasonCluster

from .test_answering import JOINT, _answer_everything


def _own_row(inventory, pair, label, respondent=JOINT, user=None, degree=2):
    row = add_own_row(
        round_=inventory["round"],
        pair=pair,
        respondent=respondent,
        domain=inventory["financieel"],
        label=label,
        user=user or inventory["user_a"],
    )
    return save_answer(
        round_=inventory["round"],
        pair=pair,
        respondent=respondent,
        proposal=row.proposal,
        values={"degree": degree, "obstacles": "-"},
        expected_version=row.version,
        user=user or inventory["user_a"],
    )


@pytest.fixture
def round_one_done(inventory):
    """Pair A submitted with an own row 'Budget'; pair B's OCMW named 'budgetopmaak'."""
    _answer_everything(inventory)
    a_row = _own_row(inventory, inventory["pair_a"], "Budget")
    cluster = ReasonCluster.objects.first()
    a_row.reason_clusters.set([cluster])
    submit(round_=inventory["round"], pair=inventory["pair_a"], respondent=JOINT, user=None)
    ocmw = Response.Respondent.WELFARE_CENTRE
    _answer_everything(
        inventory, user=inventory["user_b"], pair=inventory["pair_b"], respondent=ocmw
    )
    _own_row(
        inventory, inventory["pair_b"], "budgetopmaak", respondent=ocmw, user=inventory["user_b"]
    )
    submit(round_=inventory["round"], pair=inventory["pair_b"], respondent=ocmw, user=None)
    rounds.close_round(round_=inventory["round"])
    return {**inventory, "cluster": cluster}


def test_round_two_needs_every_other_aspect_reviewed(round_one_done):
    with pytest.raises(coordination.CoordinationError):
        rounds.start_confirmation_round(campaign=round_one_done["campaign"], user=None)


def test_duplicates_merge_and_a_promoted_aspect_is_asked_of_every_pair(round_one_done):
    proposals = {
        p.label: p for p in ProposedAspect.objects.filter(campaign=round_one_done["campaign"])
    }
    coordination.merge_proposals(
        target=proposals["Budget"], others=[proposals["budgetopmaak"]], user=None
    )
    aspect = coordination.promote_proposal(
        proposal=proposals["Budget"],
        labels={"nl": "Budget en meerjarenplanning", "fr": "Budget et planification"},
        short_labels={"nl": "Budget/mjp"},
        user=round_one_done["coordinator"],
    )
    assert aspect.origin == "confirmation" and aspect.short_label_nl == "Budget/mjp"
    assert sorted(aspect.source_labels) == ["Budget", "budgetopmaak"]
    # The naming pairs' round-1 answers moved to the new aspect: the 'other' matrix shows them.
    matrix = domain_matrix(round_one_done["campaign"], round_one_done["financieel"], "other")
    assert [c.key for c in matrix.matrix.columns] == [aspect.pk]
    assert matrix.matrix.row(round_one_done["pair_a"].pk).cells == [2]
    # Round 1 did not ask it; the confirmation round asks it of everyone.
    assert aspect not in questionnaire_aspects(
        round_one_done["round"], round_one_done["financieel"]
    )
    round_two = rounds.start_confirmation_round(campaign=round_one_done["campaign"], user=None)
    assert aspect in questionnaire_aspects(round_two, round_one_done["financieel"])


def test_round_two_prefills_round_one_answers_and_a_change_needs_a_reason(round_one_done):
    for proposal in ProposedAspect.objects.filter(campaign=round_one_done["campaign"]):
        proposal.status = ProposedAspect.Status.KEPT
        proposal.save()
    round_two = rounds.start_confirmation_round(campaign=round_one_done["campaign"], user=None)
    pair_a = round_one_done["pair_a"]
    first = round_one_done["aspects"][0]
    prefilled = Response.objects.get(round=round_two, pair=pair_a, aspect=first)
    original = Response.objects.get(round=round_one_done["round"], pair=pair_a, aspect=first)
    assert prefilled.previous == original and prefilled.degree == original.degree == 2
    assert prefilled.status == Response.Status.DRAFT
    own = Response.objects.get(round=round_two, pair=pair_a, aspect__isnull=True)
    assert list(own.reason_clusters.all()) == [round_one_done["cluster"]]
    changed = save_answer(
        round_=round_two,
        pair=pair_a,
        respondent=JOINT,
        aspect=first,
        values={"degree": 1, "formal_desirable": True},
        expected_version=prefilled.version,
        user=round_one_done["user_a"],
    )
    with pytest.raises(Incomplete) as incomplete:
        submit(round_=round_two, pair=pair_a, respondent=JOINT, user=None)
    assert [p.message for p in incomplete.value.problems] == ["give a short reason for the change"]
    save_answer(
        round_=round_two,
        pair=pair_a,
        respondent=JOINT,
        aspect=first,
        values={"change_reason": "Convenant opgezegd"},
        expected_version=changed.version,
        user=round_one_done["user_a"],
    )
    submission, created = submit(round_=round_two, pair=pair_a, respondent=JOINT, user=None)
    assert created and submission.round == round_two


def test_progress_per_pair_and_domain(round_one_done):
    rows = completeness.progress(round_one_done["round"])
    states = {(r.participation.pair.municipality.name_nl, r.respondent): r for r in rows}
    assert set(states) == {("Aalst", "joint"), ("Brugge", "gemeente"), ("Brugge", "ocmw")}
    assert states[("Aalst", "joint")].is_submitted
    financieel = round_one_done["financieel"].pk
    assert states[("Brugge", "gemeente")].state(financieel) == "not_started"
    assert states[("Brugge", "ocmw")].state(financieel) == "submitted"


def test_the_answer_mode_cannot_change_once_the_pair_answered(inventory):
    """Issue 15.8: switching joint to separate hid the answers already given (and back). Once a
    pair has an answer in the campaign its mode stays; before that it may change."""
    from tandem.campaigns.models import CampaignPair

    campaign, pair_a, pair_b = inventory["campaign"], inventory["pair_a"], inventory["pair_b"]
    save_answer(
        round_=inventory["round"],
        pair=pair_a,
        respondent=JOINT,
        aspect=inventory["aspects"][0],
        values={"degree": 1},
        expected_version=0,
        user=inventory["user_a"],
    )
    pairs = [p.pair for p in campaign.participations.select_related("pair")]
    with pytest.raises(coordination.CoordinationError):
        coordination.set_pairs(campaign=campaign, pairs=pairs, answer_modes={pair_a.pk: "separate"})
    modes = dict(CampaignPair.objects.filter(campaign=campaign).values_list("pair", "answer_mode"))
    assert modes[pair_a.pk] == "joint"
    coordination.set_pairs(campaign=campaign, pairs=pairs, answer_modes={pair_b.pk: "separate"})
    assert CampaignPair.objects.get(campaign=campaign, pair=pair_b).answer_mode == "separate"


def test_the_matrix_page_says_which_answers_it_counts(inventory, client_as):
    """Issue 15.8: the page states how answers per administration count, with how many pairs
    answer that way (the counting itself: tests/campaigns/test_separate_answers.py)."""
    from django.urls import reverse

    from tandem.campaigns.models import CampaignPair

    campaign = inventory["campaign"]
    url = reverse("matrix", args=[campaign.slug, "financieel"])
    client = client_as(inventory["coordinator"])
    client.cookies["tandem_language"] = "en"
    CampaignPair.objects.filter(campaign=campaign).update(answer_mode="joint")
    assert "answer per administration" not in client.get(url).content.decode()
    CampaignPair.objects.filter(campaign=campaign).update(answer_mode="separate")
    pairs = CampaignPair.objects.filter(campaign=campaign).count()
    html = " ".join(client.get(url).content.decode().split())
    assert (
        f"{pairs} pairs answer per administration: per aspect, the higher of the two submitted"
        " degrees counts." in html
    )

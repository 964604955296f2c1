"""Faults in campaigns/services/answering.py that a sampled mutation run (issue 15, QUALITY.md T1;
benchmarks/mutation_sample.py) showed the suite let through: the answer a save returns, a save
without a form token, a confirmation round's answer whose degree changes, and a pair outside
the campaign."""

import pytest

from tandem.campaigns.models import Response
from tandem.campaigns.services import rounds
from tandem.campaigns.services.answering import (
    EditConflict,
    QuestionnaireClosed,
    save_answer,
    submit,
)
from tandem.catalogue.models import Instrument
from tests import factories

from .test_answering import JOINT, _answer_everything, _save


def test_the_returned_answer_holds_the_cleared_follow_ups_as_stored(inventory):
    """No cooperation (degree 0): the questions of informal and formal cooperation are emptied,
    the yes/no and choice fields to None and the texts to "", in the object the page gets back
    as in the database."""
    response = _save(
        inventory,
        inventory["aspects"][0],
        {
            "degree": 0,
            "desirable": True,
            "formal_desirable": True,
            "formal_desirable_reasons": "niet gevraagd",
            "instrument": Instrument.objects.first(),
            "obstacles": "niet gevraagd",
        },
    )
    assert response.desirable is True
    assert response.formal_desirable is None and response.instrument is None
    assert response.formal_desirable_reasons == "" and response.obstacles == ""


def test_a_save_without_a_form_token_never_skips_the_version_check(inventory):
    """A caller that passes no form token at all (a script, the API) has no page whose racing
    saves could be forgiven: its second save at version 0 is a conflict."""
    args = {
        "round_": inventory["round"],
        "pair": inventory["pair_a"],
        "respondent": JOINT,
        "aspect": inventory["aspects"][0],
        "user": inventory["user_a"],
    }
    first = save_answer(**args, values={"degree": 1}, expected_version=0)
    assert first.saved_by_form == ""
    with pytest.raises(EditConflict):
        save_answer(**args, values={"degree": 2}, expected_version=0)


@pytest.fixture
def round_two(inventory):
    """Pair A answered every aspect with degree 2 and submitted; round 1 closed; the
    confirmation round prefills those answers."""
    _answer_everything(inventory)
    submit(round_=inventory["round"], pair=inventory["pair_a"], respondent=JOINT, user=None)
    rounds.close_round(round_=inventory["round"])
    return rounds.start_confirmation_round(campaign=inventory["campaign"], user=None)


def test_a_changed_degree_withdraws_the_confirmation_of_a_prefilled_answer(inventory, round_two):
    aspect = inventory["aspects"][0]
    prefilled = Response.objects.get(round=round_two, pair=inventory["pair_a"], aspect=aspect)
    assert prefilled.degree == 2
    args = {
        "round_": round_two,
        "pair": inventory["pair_a"],
        "respondent": JOINT,
        "aspect": aspect,
        "user": inventory["user_a"],
    }
    same = save_answer(
        **args, values={"degree": 2, "confirmed": True}, expected_version=prefilled.version
    )
    assert same.confirmed is True  # the degree of round 1: the confirmation stands
    changed = save_answer(
        **args, values={"degree": 1, "confirmed": True}, expected_version=same.version
    )
    assert changed.confirmed is False
    changed.refresh_from_db()
    assert changed.confirmed is False


def test_a_pair_outside_the_campaign_may_neither_save_nor_submit(inventory):
    """The campaign has pairs (A and B), but not Sint-Jans-Molenbeek (21012): its lock finds no
    participation of its own, so nothing is written."""
    outsider = factories.pair("21012")
    with pytest.raises(QuestionnaireClosed, match="does not take part"):
        _save(inventory, inventory["aspects"][0], {"degree": 1}, pair=outsider)
    with pytest.raises(QuestionnaireClosed, match="does not take part"):
        submit(round_=inventory["round"], pair=outsider, respondent=JOINT, user=None)
    assert not Response.objects.filter(round=inventory["round"], pair=outsider).exists()

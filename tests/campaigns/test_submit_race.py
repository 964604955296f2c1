"""The submit lock, on PostgreSQL (issue 15): a save that arrives while the pair's submit is
being written waits for that transaction and is then refused; it never turns a submitted answer
back into a draft nor changes it. SQLite runs one writing transaction at a time, so the race
exists only on PostgreSQL: the test runs in the suite's PostgreSQL pass (make test-postgres)."""

import threading

import pytest
from django.db import connection, transaction

from tandem.campaigns.models import Response
from tandem.campaigns.services import answering
from tandem.campaigns.services.answering import QuestionnaireClosed, save_answer, submit

JOINT = Response.Respondent.JOINT
# Committed data: the two threads hold their own connections. The module reloads the session's
# reference data after the flush (tests/conftest.py).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reload_after")]


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's: SQLite serialises writing transactions")


def _in_thread(target, outcome, key):
    def run():
        try:
            outcome[key] = target()
        except Exception as error:  # noqa: BLE001 - the outcome is what the test reads
            outcome[key] = error
        finally:
            connection.close()

    return threading.Thread(target=run)


def test_a_save_racing_a_submit_waits_for_it_and_is_refused(postgres_only, inventory, monkeypatch):
    # Completeness is not what is raced here: a questionnaire of one answer may be submitted.
    monkeypatch.setattr(answering, "problems_of", lambda *args: [])
    round_, pair = inventory["round"], inventory["pair_a"]
    aspect = inventory["aspects"][0]
    first = save_answer(
        round_=round_,
        pair=pair,
        respondent=JOINT,
        values={"degree": 1},
        expected_version=0,
        user=None,
        aspect=aspect,
    )
    submitted, release, outcome = threading.Event(), threading.Event(), {}

    def submit_and_hold():
        with transaction.atomic():  # the submit is written, not yet committed
            submit(round_=round_, pair=pair, respondent=JOINT, user=None)
            submitted.set()
            release.wait(20)
        return "committed"

    def save_meanwhile():
        return save_answer(
            round_=round_,
            pair=pair,
            respondent=JOINT,
            values={"degree": 2},
            expected_version=first.version,
            user=None,
            aspect=aspect,
        )

    submitter = _in_thread(submit_and_hold, outcome, "submit")
    submitter.start()
    assert submitted.wait(20), outcome
    saver = _in_thread(save_meanwhile, outcome, "save")
    saver.start()
    saver.join(1.5)
    assert saver.is_alive(), f"the save did not wait for the submit: {outcome.get('save')!r}"
    release.set()
    submitter.join(20)
    saver.join(20)
    assert outcome["submit"] == "committed"
    assert isinstance(outcome["save"], QuestionnaireClosed)
    stored = Response.objects.get(round=round_, pair=pair, aspect=aspect, respondent=JOINT)
    assert (stored.degree, stored.status, stored.version) == (1, "submitted", first.version)

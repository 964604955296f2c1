"""Issue 18.2, the phased action plan of step 2 (S003:31-35): phases in their order, actions
with who carries them, start and end, status and health (a risk or a block says why), project
structure, change management, communication and follow-up; every save versioned and in the
history; an action only in a phase of the pair's own plan."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from tandem.trajectory.models import Action, Phase
from tests.trajectory.conftest import AALST

ACTION = {
    "title": "Eén boekhoudpakket kiezen",
    "owner": "joint",
    "starts_on": "01/02/2027",
    "ends_on": "30/06/2027",
    "status": "planned",
    "health": "on_track",
    "communication": "Personeelsvergadering in maart.",
}


def _url(name, **kwargs):
    return reverse(name, kwargs={"refnis": AALST, **kwargs})


def _phases():
    return Phase.objects.filter(trajectory__pair__municipality__refnis=AALST)


def _actions():
    return Action.objects.filter(phase__trajectory__pair__municipality__refnis=AALST)


def _with_phases(client):
    client.cookies["tandem_language"] = "en"
    for number, name in ((2, "Het loket"), (1, "Ondersteunende diensten")):
        assert (
            client.post(_url("trajectory-phase-new"), {"number": number, "name": name}).status_code
            == 302
        )
    return {p.number: p for p in _phases()}


def test_phases_and_actions_make_the_plan_in_order(scan, client_as):
    client = client_as(scan["editor"])
    phases = _with_phases(client)
    again = client.post(_url("trajectory-phase-new"), {"number": 1, "name": "Dubbel"})
    assert again.status_code == 200 and "The plan already has a phase with this number." in (
        again.content.decode()
    )
    saved = client.post(_url("trajectory-action-new"), {**ACTION, "phase": phases[1].pk})
    assert saved.status_code == 302 and saved["Location"].endswith("#plan")
    client.post(
        _url("trajectory-action-new"),
        {
            **ACTION,
            "title": "Eén onthaal",
            "phase": phases[2].pk,
            "starts_on": "01/01/2028",
            "ends_on": "31/12/2028",
        },
    )
    action = _actions().get(title="Eén boekhoudpakket kiezen")
    assert action.owner == "joint" and action.communication == "Personeelsvergadering in maart."
    assert action.history.latest().history_user == scan["editor"]
    page = " ".join(client.get(_url("trajectory")).content.decode().split())
    first, second = page.find("1. Ondersteunende diensten"), page.find("2. Het loket")
    assert 0 < first < page.find("Eén boekhoudpakket kiezen") < second < page.find("Eén onthaal")


def test_an_action_ends_after_it_starts_and_a_risk_says_why(scan, client_as):
    client = client_as(scan["editor"])
    phases = _with_phases(client)
    backwards = client.post(
        _url("trajectory-action-new"), {**ACTION, "phase": phases[1].pk, "ends_on": "01/01/2027"}
    )
    assert (
        backwards.status_code == 200
        and "The end comes before the start." in backwards.content.decode()
    )
    silent = client.post(
        _url("trajectory-action-new"), {**ACTION, "phase": phases[1].pk, "health": "blocked"}
    )
    html = silent.content.decode()
    assert silent.status_code == 200 and "Say why the action is at risk or blocked." in html
    assert "Personeelsvergadering in maart." in html  # what was typed stays
    assert not _actions().exists()
    with pytest.raises(IntegrityError):
        Action.objects.create(
            phase=phases[1], title="x", owner="joint", starts_on="2027-02-01",
            ends_on="2027-03-01", health="at_risk", health_reason="",
        )  # fmt: skip


def test_an_action_goes_only_into_a_phase_of_the_pair_s_own_plan(scan, client_as, tenants):
    client = client_as(scan["editor"])
    _with_phases(client)
    foreign = client.post(_url("trajectory-action-new"), {**ACTION, "phase": tenants["phase_b"].pk})
    assert foreign.status_code == 200 and not _actions().exists()
    assert not Action.objects.filter(phase=tenants["phase_b"], title=ACTION["title"]).exists()


def test_without_a_phase_an_action_asks_for_one_first(scan, client_as):
    client = client_as(scan["editor"])
    client.cookies["tandem_language"] = "en"
    answer = client.get(_url("trajectory-action-new"), follow=True)
    assert "Add a phase first: every action belongs to a phase." in answer.content.decode()


def test_a_stale_action_save_overwrites_nothing(scan, client_as):
    client = client_as(scan["editor"])
    phases = _with_phases(client)
    client.post(_url("trajectory-action-new"), {**ACTION, "phase": phases[1].pk})
    action = _actions().get()
    opened = action.version
    newer = {**ACTION, "phase": phases[1].pk, "status": "in_progress", "opened_version": opened}
    assert client.post(_url("trajectory-action", pk=action.pk), newer).status_code == 302
    stale = {**ACTION, "phase": phases[1].pk, "status": "done", "opened_version": opened}
    assert client.post(_url("trajectory-action", pk=action.pk), stale).status_code == 409
    action.refresh_from_db()
    assert action.status == "in_progress"


def test_a_reader_sees_the_plan_and_changes_nothing(scan, client_as):
    phases = _with_phases(client_as(scan["editor"]))
    client_as(scan["editor"]).post(_url("trajectory-action-new"), {**ACTION, "phase": phases[1].pk})
    action = _actions().get()
    client = client_as(scan["reader"])
    assert "Eén boekhoudpakket kiezen" in client.get(_url("trajectory")).content.decode()
    for url in (
        _url("trajectory-phase-new"),
        _url("trajectory-phase", pk=phases[1].pk),
        _url("trajectory-action-new"),
        _url("trajectory-action", pk=action.pk),
    ):
        assert client.get(url).status_code == 404, url

"""S3 for seed 000's feedback loop (issue 17.6): role × URL before and after the synthesis tables
are shared. Before, pair B's table is for pair B and the campaign's coordinators; once sent,
answered and shared, pair A reads it too, and still changes nothing of it nor reads its history.
200 = may see; 405 = may post to it (a GET is refused after access is checked); 302 = log in
first; 404 = must not know it exists."""

import pytest
from django.test import Client
from django.urls import reverse

from tandem.accounts.models import PairRole
from tests import factories

AALST, BRUGGE = "41002", "31005"
ROLES = (
    "anonymous",
    "respondent_a",
    "editor_a",
    "respondent_b",
    "editor_b",
    "grid_coordinator",
    "other_coordinator",
    "supervisor",
    "superuser",
)


def _statuses(**overrides: int) -> dict[str, int]:
    return {role: overrides.get(role, 404) for role in ROLES}


PAIR_B = {"respondent_b": 200, "editor_b": 200, "grid_coordinator": 200, "superuser": 200}
# An action asks a visitor to log in first (core.access.login_first), whatever it acts on.
COORDINATORS_POST = {"anonymous": 302, "grid_coordinator": 405, "superuser": 405}
BEFORE_SHARING = {
    "grid-feedback": _statuses(grid_coordinator=200, superuser=200),
    "grid-pair": _statuses(**PAIR_B),
    "grid-history": _statuses(**PAIR_B),
    "grid-send": _statuses(**COORDINATORS_POST),
    "grid-reopen": _statuses(**COORDINATORS_POST),
}
AFTER_SHARING = {
    **BEFORE_SHARING,
    # The answered table is read by every participating pair's people.
    "grid-pair": _statuses(**PAIR_B, respondent_a=200, editor_a=200),
}


@pytest.fixture
def people(tenants):
    users = {
        "respondent_a": tenants["user_a"],
        "respondent_b": tenants["user_b"],
        "editor_a": factories.user(username="editor-a"),
        "editor_b": factories.user(username="editor-b"),
        "grid_coordinator": factories.user(username="grid-coordinator"),
        "other_coordinator": tenants["coordinator"],  # coordinates 'private-shared' only
        "supervisor": tenants["supervisor"],
        "superuser": factories.superuser(username="root"),
    }
    factories.campaign_role(user=users["grid_coordinator"], campaign=tenants["grid_shared"])
    factories.pair_role(user=users["editor_a"], pair=AALST, role=PairRole.Role.EDITOR)
    factories.pair_role(user=users["editor_b"], pair=BRUGGE, role=PairRole.Role.EDITOR)
    return users


def _url(name: str) -> str:
    if name == "grid-feedback":
        return reverse(name, kwargs={"campaign": "grid-shared"})
    return reverse(name, kwargs={"campaign": "grid-shared", "refnis": BRUGGE})


def _check(people, table: dict[str, dict[str, int]]) -> list[str]:
    wrong = []
    for name, expected in table.items():
        for role, status in expected.items():
            client = Client()
            if role != "anonymous":
                client.force_login(people[role])
            got = client.get(_url(name)).status_code
            if got != status:
                wrong.append(f"{role} on {name}: {got}, expected {status}")
    return wrong


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _send_and_answer(people):
    assert _client(people["grid_coordinator"]).post(_url("grid-send")).status_code == 302
    answer = reverse("grid-answer", kwargs={"campaign": "grid-shared", "refnis": BRUGGE})
    assert _client(people["editor_b"]).post(answer, {"read": "on"}).status_code == 302


def _share(people):
    shared = _client(people["grid_coordinator"]).post(_url("grid-feedback"), {"understood": "on"})
    assert shared.status_code == 302


def test_each_role_reaches_exactly_what_it_should_while_the_table_is_a_draft(people):
    assert _check(people, BEFORE_SHARING) == []


def test_an_answered_table_stays_with_its_pair_until_the_tables_are_shared(people):
    _send_and_answer(people)
    assert _check(people, BEFORE_SHARING) == []


def test_each_role_reaches_exactly_what_it_should_once_the_tables_are_shared(people):
    _send_and_answer(people)
    _share(people)
    assert _check(people, AFTER_SHARING) == []

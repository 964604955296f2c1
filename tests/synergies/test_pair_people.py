"""Issue 16.1 (the pair's part): a pair's editors give an existing account the editor or reader
role for their pair and take roles back, within their own rights, never leaving the pair without
an editor; every change is in the history with who made it. Readers and other pairs get 404."""

import pytest
from django.urls import reverse

from tandem.accounts.models import PairRole
from tests import factories


@pytest.fixture
def editor_b(tenants):
    user = factories.user(username="editor-b", email="editor@brugge.be")
    factories.pair_role(user=user, pair=tenants["pair_b"], role=PairRole.Role.EDITOR)
    return user


@pytest.fixture
def client_b(editor_b, client_as):
    client = client_as(editor_b)
    client.cookies["tandem_language"] = "en"
    return client


URL = reverse("pair-people", kwargs={"refnis": "31005"})


def test_an_editor_gives_a_reader_role_and_the_history_names_them(tenants, client_b, editor_b):
    colleague = factories.user(username="ocmw-brugge", email="An.Claes@Brugge.be")
    done = client_b.post(
        URL,
        {
            "action": "grant",
            "email": "an.claes@brugge.be",
            "role": "reader",
            "administration": "ocmw",
            "language": "en",
        },
        follow=True,
    )
    assert "an.claes@brugge.be is now reader (coordinator or supervisor) of Brugge." in (
        done.content.decode()
    )
    role = PairRole.objects.get(user=colleague, pair=tenants["pair_b"])
    assert (role.role, role.campaign, role.administration) == ("reader", None, "ocmw")
    (record,) = PairRole.history.filter(user_id=colleague.pk)
    assert (record.history_type, record.history_user) == ("+", editor_b)


def test_no_campaign_role_and_no_second_grant(tenants, client_b):
    above = client_b.post(
        URL, {"action": "grant", "email": "editor@brugge.be", "role": "coordinator"}
    )
    assert above.status_code == 400 and "Select a valid choice" in above.content.decode()
    again = client_b.post(
        URL, {"action": "grant", "email": "editor@brugge.be", "role": "editor", "language": "en"}
    )
    assert "editor@brugge.be holds this role already." in again.content.decode()


def test_the_last_editor_stays_and_others_are_taken_back(tenants, client_b, editor_b):
    own = PairRole.objects.get(user=editor_b, pair=tenants["pair_b"], role="editor")
    kept = client_b.post(URL, {"action": "take-back", "role": own.pk}, follow=True)
    assert "A pair keeps at least one editor" in kept.content.decode()
    assert PairRole.objects.filter(pk=own.pk).exists()
    respondent = PairRole.objects.get(user=tenants["user_b"], pair=tenants["pair_b"])
    gone = client_b.post(URL, {"action": "take-back", "role": respondent.pk}, follow=True)
    who = tenants["user_b"].email or tenants["user_b"].username
    assert f"{who} no longer holds the role respondent." in gone.content.decode()
    assert not PairRole.objects.filter(pk=respondent.pk).exists()
    assert PairRole.history.filter(id=respondent.pk, history_type="-").get().history_user == (
        editor_b
    )


def test_a_role_of_another_pair_cannot_be_taken_back_from_here(tenants, client_b):
    role_a = PairRole.objects.get(user=tenants["user_a"], pair=tenants["pair_a"])
    client_b.post(URL, {"action": "take-back", "role": role_a.pk})
    assert PairRole.objects.filter(pk=role_a.pk).exists()


def test_readers_respondents_and_other_pairs_get_404(tenants, client_as, editor_b):
    reader = factories.user(username="reader-b")
    factories.pair_role(user=reader, pair=tenants["pair_b"], role=PairRole.Role.READER)
    for user in (reader, tenants["user_b"], tenants["user_a"], tenants["coordinator"]):
        client = client_as(user)
        assert client.get(URL).status_code == 404, user
        assert (
            client.post(URL, {"action": "grant", "email": "x@y.be", "role": "editor"}).status_code
            == 404
        )

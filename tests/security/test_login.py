"""S8: login is throttled (django-axes), a login gets a new session id, and logging out or
being deactivated ends the session."""

from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_five_failed_logins_lock_the_account_out(tenants):
    client = Client()
    for _ in range(5):
        assert _login(client, "respondent-a", "wrong password").status_code in (200, 429)
    locked = _login(client, "respondent-a", PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_login_gets_a_new_session_id(tenants):
    client = Client()
    client.get(reverse("login"))
    session = client.session
    session["probe"] = "before login"
    session.save()
    before = session.session_key
    client.cookies["sessionid"] = before
    assert _login(client, "respondent-a", PASSWORD).status_code == 302
    assert client.cookies["sessionid"].value != before


def test_logout_ends_the_session_and_the_old_cookie_no_longer_works(tenants):
    client = Client()
    _login(client, "respondent-a", PASSWORD)
    old = client.cookies["sessionid"].value
    questionnaire = reverse(
        "questionnaire", args=[tenants["shared"].slug, tenants["pair_a"].municipality.refnis]
    )
    assert client.get(questionnaire).status_code == 200
    client.post(reverse("logout"))
    replay = Client()
    replay.cookies["sessionid"] = old
    response = replay.get(questionnaire)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_deactivated_account_loses_its_session(tenants):
    client = Client()
    _login(client, "respondent-a", PASSWORD)
    tenants["user_a"].is_active = False
    tenants["user_a"].save()
    questionnaire = reverse(
        "questionnaire", args=[tenants["shared"].slug, tenants["pair_a"].municipality.refnis]
    )
    response = client.get(questionnaire)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))

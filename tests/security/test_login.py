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


def _login_from(address, username, password, proxy="10.0.0.5"):
    """A login as it reaches Tandem behind the reverse proxy: the proxy's own address as the
    peer, the person's address appended to X-Forwarded-For."""
    return Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=address).post(
        reverse("login"), {"username": username, "password": password}
    )


def test_behind_the_proxy_a_lockout_holds_for_the_guessers_address_only(tenants, settings):
    """Issue 15.12: axes locked username + the proxy's address, so five bad guesses locked the
    account out for everyone."""
    settings.TANDEM_BEHIND_PROXY = True
    for _ in range(5):
        _login_from("203.0.113.9", "respondent-a", "wrong password")
    assert _login_from("203.0.113.9", "respondent-a", PASSWORD).status_code == 429
    assert _login_from("198.51.100.7", "respondent-a", PASSWORD).status_code == 302


def test_without_the_proxy_setting_a_forwarded_header_is_not_believed(tenants, settings):
    settings.TANDEM_BEHIND_PROXY = False
    for n in range(5):
        _login_from(f"203.0.113.{n}", "respondent-a", "wrong password", proxy="192.0.2.1")
    assert (
        _login_from("198.51.100.7", "respondent-a", PASSWORD, proxy="192.0.2.1").status_code == 429
    )


def test_guesses_spread_over_many_names_from_one_address_are_limited(tenants, settings):
    """Issue 15.12: one address trying a password on many accounts is stopped too."""
    settings.TANDEM_LOGIN_FAILURES_PER_ADDRESS = 12
    client = Client(REMOTE_ADDR="203.0.113.50")
    for n in range(12):
        _login(client, f"someone-{n}@example.be", "Winter2026!")
    refused = _login(client, "respondent-a", PASSWORD)
    assert refused.status_code != 302 and "_auth_user_id" not in client.session
    assert "failed logins from your network" in refused.content.decode().replace("\n", " ") or (
        "mislukte aanmeldingen" in refused.content.decode()
    )
    assert _login(Client(REMOTE_ADDR="198.51.100.8"), "respondent-a", PASSWORD).status_code == 302

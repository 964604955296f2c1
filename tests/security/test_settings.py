"""S7 production settings and headers; S13 plain error pages."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.test import Client, override_settings

from tests import factories

ROOT = Path(__file__).resolve().parents[2]


def _production_env(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTEST_VERSION", "TANDEM_TEST_DATABASE_URL", "DEBUG"}
    }
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": "tandem.example.be",
            "TANDEM_VAR_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        }
    )
    return env


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@override_settings(
    SECURE_SSL_REDIRECT=True,
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
)
def test_security_headers_on_sample_urls(db):
    campaign = factories.campaign(is_public=True, pairs=["41002"])
    factories.round_(campaign=campaign)
    client = Client()
    assert client.get("/").status_code == 301  # plain HTTP goes to HTTPS
    for url in ["/", f"/campaigns/{campaign.slug}/domains/ict/", "/governance/"]:
        response = client.get(url, secure=True)
        assert response.status_code == 200
        assert response["Strict-Transport-Security"].startswith("max-age=31536000")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
    login = client.get("/accounts/login/", secure=True)
    cookie = login.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["secure"] and cookie["samesite"] == "Lax"


def test_production_cookies_are_all_secure(tmp_path):
    """Issue 15.15: the language cookie too, not only the session and CSRF cookies."""
    names = ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE")
    code = f"from django.conf import settings; print([getattr(settings, n) for n in {names!r}])"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "[True, True, True]", result.stdout + result.stderr


def test_every_page_refuses_the_browsers_powerful_features(db, client):
    policy = client.get("/").headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_session_cookie_is_httponly_and_samesite(db):
    factories.user(username="someone", password="correct horse battery staple")
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "someone", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


@override_settings(DEBUG=False, ROOT_URLCONF="tests.urls_failing")
def test_errors_show_a_plain_page_without_details(db):
    client = Client(raise_request_exception=False)
    response = client.get("/test-only/fail/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Er ging iets mis" in body
    for leak in [
        "Traceback",
        "ZeroDivisionError",
        "secret detail",
        settings.SECRET_KEY,
        "SELECT",
        "settings",
    ]:
        assert leak not in body


def test_not_found_page_is_the_site_page(db, client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "<main" in response.content.decode()

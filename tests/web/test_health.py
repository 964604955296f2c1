"""The load balancer's probe (issue 15, operations): 200 while the database answers, 503 when
it does not, no data either way, and reachable over plain HTTP behind the HTTPS redirect."""

from django.db import OperationalError
from django.test import override_settings


def test_the_probe_answers_ok_while_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_the_probe_answers_503_when_the_database_does_not(client, db, monkeypatch):
    from tandem.web import views

    class Broken:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(views, "connection", Broken())
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json() == {"status": "unavailable"}


@override_settings(SECURE_SSL_REDIRECT=True)
def test_the_probe_is_not_redirected_to_https(client, db):
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301

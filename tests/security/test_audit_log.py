"""Security events are logged as JSON lines on `tandem.security` (issue 15, operations): who
(by id), from where, what; an e-mail address typed at login appears only as a hash."""

import json
import logging

import pytest
from django.test import Client
from django.urls import reverse

from tandem.accounts.models import PairRole
from tests import factories
from tests.factories import PASSWORD


@pytest.fixture
def events(caplog):
    caplog.set_level(logging.INFO, logger="tandem.security")

    def read():
        return [json.loads(r.getMessage()) for r in caplog.records if r.name == "tandem.security"]

    return read


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_logins_failures_and_a_lockout_are_logged_without_the_typed_address(tenants, events):
    client = Client(REMOTE_ADDR="203.0.113.7")
    _login(client, "respondent-a", PASSWORD)
    for _ in range(5):
        _login(Client(REMOTE_ADDR="203.0.113.8"), "an.peeters@aalst.be", "wrong")
    logged = events()
    login = next(e for e in logged if e["event"] == "login")
    assert (login["user"], login["address"]) == (tenants["user_a"].pk, "203.0.113.7")
    failed = [e for e in logged if e["event"] == "login_failed"]
    assert len(failed) >= 5 and {e["address"] for e in failed} == {"203.0.113.8"}
    assert any(e["event"] == "lockout" for e in logged)
    assert "an.peeters@aalst.be" not in json.dumps(logged)


def test_roles_given_and_taken_are_logged(tenants, events):
    someone = factories.user(username="someone-new")
    role = factories.pair_role(user=someone, pair=tenants["pair_a"], role=PairRole.Role.EDITOR)
    role.delete()
    logged = [e for e in events() if e["event"] in ("role_given", "role_taken")]
    assert [(e["event"], e["holder"], e["role"]) for e in logged] == [
        ("role_given", someone.pk, "editor"),
        ("role_taken", someone.pk, "editor"),
    ]


def test_every_download_is_logged_with_its_view_and_format_but_no_file_name(
    tenants, events, client_as, settings, tmp_path
):
    """Issue 15, operations: an export is a security event (who took which data, in what
    format); the file name, which may carry a person's upload name, stays out."""
    client = client_as(tenants["coordinator"])
    shared = tenants["shared"]
    matrix = reverse("matrix-download", args=[shared.slug, "financieel", "csv"])
    assert client.get(matrix).status_code == 200
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "responses").mkdir()
    (tmp_path / "responses" / "none").write_bytes(b"%PDF-1.4\n")
    document = reverse(
        "response-document", args=[tenants["only_b"].slug, "31005", tenants["document_b"].pk]
    )
    assert Client().get(document).status_code in (302, 404)  # anonymous: no export
    assert client_as(tenants["user_b"]).get(document).status_code == 200
    client = client_as(tenants["coordinator"])
    assert client.get(reverse("matrix", args=[shared.slug, "financieel"])).status_code == 200
    assert client.get(matrix.replace("csv", "xyz")).status_code == 404
    exports = [e for e in events() if e["event"] == "export"]
    assert exports[0] == {
        "event": "export",
        "user": tenants["coordinator"].pk,
        "address": "127.0.0.1",
        "view": "matrix-download",
        "format": "csv",
        "arguments": {"campaign": shared.slug, "domain": "financieel", "fmt": "csv"},
    }
    assert len(exports) == 2  # the page and the refused format are no exports
    assert exports[1]["user"] == tenants["user_b"].pk and exports[1]["format"] == "pdf"
    assert "b.pdf" not in json.dumps(exports)

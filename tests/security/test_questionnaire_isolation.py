"""S2, S5, S9 and R4/R6 for the questionnaire: another tenant's text never shows, GET changes
nothing, free text is escaped, a failed submit shows no success, tracked models are never
bulk-updated behind the history's back."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import DatabaseError
from django.urls import reverse

from tandem.campaigns.models import Response, Submission
from tests import factories
from tests.security.urlwalk import targets_of_other_tenant

MARKER = "ZZ-pair-b-only-7f3a"
PAYLOAD = '"><svg onload=alert(1)>'


@pytest.fixture
def marked(tenants):
    """Pair B's free text in the shared campaign carries a marker pair A must never see."""
    shared, pair_b = tenants["shared"], tenants["pair_b"]
    response = Response.objects.get(round__campaign=shared, pair=pair_b)
    response.reasons = f"{MARKER} reasons"
    response.regulation = f"{MARKER} regulation"
    response.obstacles = f"{MARKER} obstacles"
    response.save()
    round_ = shared.rounds.get()
    own = factories.own_row(round_=round_, pair=pair_b, domain=response.aspect.domain, label=MARKER)
    factories.response(round_=round_, pair=pair_b, proposal=own, degree=1, reasons=MARKER)
    factories.contact_person(campaign=shared, pair=pair_b, name=MARKER, email="marker@brugge.be")
    return tenants


def _pages_of_a(tenants):
    shared, refnis = tenants["shared"].slug, tenants["pair_a"].municipality.refnis
    return [
        "/",
        reverse("campaign", args=[shared]),
        reverse("matrix", args=[shared, "financieel"]),
        reverse("matrix", args=[shared, "financieel"]) + "?aspects=all",
        reverse("matrix-download", args=[shared, "financieel", "csv"]),
        reverse("matrix-download", args=[shared, "financieel", "json"]),
        reverse("campaign-pair", args=[shared, refnis]),
        reverse("questionnaire", args=[shared, refnis]),
        reverse("questionnaire-domain", args=[shared, refnis, "financieel"]),
        reverse("questionnaire-contacts", args=[shared, refnis]),
        reverse("pair-history", args=[shared, refnis]),
        reverse("pair-comparison", args=[shared, refnis]),
    ]


def test_pair_b_text_never_shows_on_pair_a_pages(marked, client_as):
    client = client_as(marked["user_a"])
    for url in _pages_of_a(marked):
        response = client.get(url)
        assert response.status_code == 200, url
        assert MARKER not in response.content.decode(), url


def _counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in ("campaigns", "accounts", "places", "catalogue")
    }


def test_get_never_changes_data(marked, client):
    """S5: every URL, as every role, read only (an invitation's first opening is a read receipt
    on an existing row and changes no count)."""
    superuser = factories.superuser(username="root")
    urls = _pages_of_a(marked) + [
        reverse(t.name, kwargs=t.kwargs)
        for targets in targets_of_other_tenant(marked).values()
        for t in targets
    ]
    before = _counts()
    for user in (None, marked["user_a"], marked["user_b"], marked["coordinator"], superuser):
        client.logout()
        if user is not None:
            client.force_login(user)
        for url in urls:
            client.get(url)
    assert _counts() == before


def test_free_text_is_escaped_everywhere_it_shows(tenants, client_as):
    """S9 on the server side: the payload comes back as text, never as markup."""
    shared, pair_a = tenants["shared"], tenants["pair_a"]
    response = Response.objects.get(round__campaign=shared, pair=pair_a)
    response.reasons = PAYLOAD
    response.status = "draft"
    response.save()
    shared.rounds.update(status="open")
    round_ = shared.rounds.get()
    own = factories.own_row(
        round_=round_, pair=pair_a, domain=response.aspect.domain, label=PAYLOAD
    )
    factories.response(round_=round_, pair=pair_a, proposal=own, degree=1, reasons=PAYLOAD)
    client = client_as(tenants["user_a"])
    refnis = pair_a.municipality.refnis
    for url in (
        reverse("questionnaire-domain", args=[shared.slug, refnis, "financieel"]),
        reverse("questionnaire", args=[shared.slug, refnis]),
        reverse("pair-history", args=[shared.slug, refnis]),
    ):
        html = client.get(url).content.decode()
        assert "<svg onload" not in html, url
        assert "&lt;svg onload=alert(1)&gt;" in html, url


def test_a_failed_submit_writes_nothing_and_shows_no_success(tenants, client_as, monkeypatch):
    """R4: a database error during submit rolls everything back."""
    from tests.campaigns.test_answering import _answer_everything

    shared, pair_a = tenants["shared"], tenants["pair_a"]
    Response.objects.filter(round__campaign=shared).delete()
    round_ = shared.rounds.get()
    round_.status = "open"
    round_.save()
    _answer_everything({"round": round_, "pair_a": pair_a, "user_a": tenants["user_a"], **tenants})

    def broken(self, *args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(Submission, "save", broken)
    client = client_as(tenants["user_a"])
    client.raise_request_exception = False
    response = client.post(
        reverse("questionnaire-submit", args=[shared.slug, pair_a.municipality.refnis]),
        {"confirm": "on"},
    )
    assert response.status_code == 500
    assert not Submission.objects.filter(round=round_).exists()
    assert not Response.objects.filter(round=round_, status="submitted").exists()


TRACKED = [
    model.__name__
    for model in apps.get_models()
    if hasattr(model, "history") and not model.__name__.startswith("Historical")
]


def test_tracked_models_are_never_bulk_updated():
    """R6: QuerySet.update() bypasses the history, so no source line updates a tracked model."""
    source = Path(__file__).resolve().parents[2] / "src" / "tandem"
    offenders = []
    for path in source.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if ".update(" in line and any(re.search(rf"\b{name}\b", line) for name in TRACKED):
                offenders.append(f"{path.relative_to(source)}:{number}: {line.strip()}")
            if re.search(r"\b(responses|submissions|contacts)\b.*\.update\(", line):
                offenders.append(f"{path.relative_to(source)}:{number}: {line.strip()}")
    assert "Response" in TRACKED and "Submission" in TRACKED
    assert offenders == []

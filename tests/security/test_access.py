"""S1-S3: a user of pair A never reaches pair B's objects; each role sees exactly its share."""

import pytest
from django.urls import resolve, reverse

from tandem.accounts.models import PairRole
from tests import factories
from tests.security.urlwalk import EXCLUDED, LOGIN_FIRST, targets_of_other_tenant, walk


def test_every_url_pattern_is_mapped_or_excluded(tenants):
    mapping = targets_of_other_tenant(tenants)
    unmapped = [
        (name, route) for name, route, _ in walk() if name not in mapping and name not in EXCLUDED
    ]
    assert unmapped == [], "add these URL patterns to tests/security/urlwalk.py"


def test_every_argument_of_every_pattern_is_filled(tenants):
    mapping = targets_of_other_tenant(tenants)
    for name, route, arguments in walk():
        if name in EXCLUDED:
            continue
        if arguments:
            assert mapping[name], f"{name} ({route}) takes {arguments} but has no target"
        for target in mapping[name]:
            assert sorted(target.kwargs) == arguments, name


@pytest.mark.parametrize("method", ["get", "post"])
def test_respondent_of_pair_a_gets_404_on_every_object_of_pair_b(tenants, client_as, method):
    client = client_as(tenants["user_a"])
    for targets in targets_of_other_tenant(tenants).values():
        for target in targets:
            url = reverse(target.name, kwargs=target.kwargs)
            response = getattr(client, method)(url)
            assert response.status_code == 404, f"{method.upper()} {url}: {response.status_code}"


def test_anonymous_visitor_gets_404_or_the_login_page_on_private_campaigns(tenants, client):
    for name, targets in targets_of_other_tenant(tenants).items():
        for target in targets:
            url = reverse(target.name, kwargs=target.kwargs)
            response = client.get(url)
            if name in LOGIN_FIRST:
                assert response.status_code == 302, url
                assert response["Location"].startswith(reverse("login")), url
            else:
                assert response.status_code == 404, url


# S3: role × URL. 200 = may see; 404 = must not know it exists.
ROLE_TABLE = {
    # (url name, kwargs key): {role: status}
    ("campaign", "shared"): {
        "anonymous": 404,
        "user_a": 200,
        "user_b": 200,
        "coordinator": 200,
        "supervisor": 404,
        "superuser": 200,
    },
    ("campaign", "only_b"): {
        "anonymous": 404,
        "user_a": 404,
        "user_b": 200,
        "coordinator": 404,
        "supervisor": 404,
        "superuser": 200,
    },
    ("campaign-pair", "shared/pair_b"): {
        "anonymous": 404,
        "user_a": 404,
        "user_b": 200,
        "coordinator": 200,
        "supervisor": 404,
        "superuser": 200,
    },
    ("campaign-pair", "shared/pair_a"): {
        "anonymous": 404,
        "user_a": 200,
        "user_b": 404,
        "coordinator": 200,
        "supervisor": 404,
        "superuser": 200,
    },
    ("questionnaire", "shared/pair_a"): {
        "anonymous": 302,
        "user_a": 200,
        "user_b": 404,
        "coordinator": 404,  # coordinators follow progress; they do not answer for a pair
        "supervisor": 404,
        "superuser": 404,
    },
    ("questionnaire-print", "shared/pair_a"): {
        "anonymous": 302,
        "user_a": 200,
        "user_b": 404,
        "coordinator": 404,
        "supervisor": 404,
        "superuser": 404,
    },
    ("pair-history", "shared/pair_a"): {
        "anonymous": 404,
        "user_a": 200,
        "user_b": 404,
        "coordinator": 200,
        "supervisor": 404,
        "superuser": 200,
    },
    ("benchmark", "shared"): {
        "anonymous": 404,
        "user_a": 200,
        "user_b": 200,
        "coordinator": 200,
        "supervisor": 404,
        "superuser": 200,
    },
    ("benchmark-pair", "shared/pair_b"): {
        "anonymous": 404,
        "user_a": 404,
        "user_b": 200,
        "coordinator": 200,
        "supervisor": 404,
        "superuser": 200,
    },
    ("benchmark-trends", "only_b"): {
        "anonymous": 404,
        "user_a": 404,
        "user_b": 200,
        "coordinator": 404,
        "supervisor": 404,
        "superuser": 200,
    },
    ("matrix", "shared"): {
        "anonymous": 404,
        "user_a": 200,
        "user_b": 200,
        "coordinator": 200,
        "supervisor": 404,
        "superuser": 200,
    },
    # Issue 17.4: the study report's texts are its coordinators' to write.
    ("study-texts", "shared"): {
        "anonymous": 404,
        "user_a": 404,
        "user_b": 404,
        "coordinator": 200,
        "supervisor": 404,
        "superuser": 200,
    },
    ("study-texts", "only_b"): {
        "anonymous": 404,
        "user_a": 404,
        "user_b": 404,
        "coordinator": 404,
        "supervisor": 404,
        "superuser": 200,
    },
    # Issue 17.1: a domain's findings, beside its matrix and scoped like it.
    ("findings", "shared"): {
        "anonymous": 404,
        "user_a": 200,
        "user_b": 200,
        "coordinator": 200,
        "supervisor": 404,
        "superuser": 200,
    },
    ("findings", "only_b"): {
        "anonymous": 404,
        "user_a": 404,
        "user_b": 200,
        "coordinator": 404,
        "supervisor": 404,
        "superuser": 200,
    },
    # Issue 16.7: a pair's answers, read by the coordinator from the progress table.
    ("manage-answers", "shared/pair_b"): {
        "anonymous": 404,
        "user_a": 404,
        "user_b": 404,
        "coordinator": 200,
        "supervisor": 404,
        "superuser": 200,
    },
    # Issue 17.2: every answer as data; user A and user B get their own pair's rows only.
    ("answers-download", "shared"): {
        "anonymous": 404,
        "user_a": 200,
        "user_b": 200,
        "coordinator": 200,
        "supervisor": 404,
        "superuser": 200,
    },
    ("answers-download", "only_b"): {
        "anonymous": 404,
        "user_a": 404,
        "user_b": 200,
        "coordinator": 404,
        "supervisor": 404,
        "superuser": 200,
    },
    # Issue 16.6: removing a pair asks its campaign's coordinator first; no one else sees it.
    ("pair-removal", "shared/pair_b"): {
        "anonymous": 302,  # to the login page, then back to the question
        "user_a": 404,
        "user_b": 404,
        "coordinator": 200,
        "supervisor": 404,
        "superuser": 200,
    },
    ("pair-removal", "only_b/pair_b"): {
        "anonymous": 302,
        "user_a": 404,
        "user_b": 404,
        "coordinator": 404,
        "supervisor": 404,
        "superuser": 200,
    },
    # Issue 16.1: who reaches the pairs is the coordinator's page, and no respondent's.
    ("manage-people", "shared"): {
        "anonymous": 404,
        "user_a": 404,
        "user_b": 404,
        "coordinator": 200,
        "supervisor": 404,
        "superuser": 200,
    },
    ("manage-people", "only_b"): {
        "anonymous": 404,
        "user_a": 404,
        "user_b": 404,
        "coordinator": 404,
        "supervisor": 404,
        "superuser": 200,
    },
}


def _url(name, key, tenants):
    campaign_key, _, pair_key = key.partition("/")
    kwargs = {"campaign": tenants[campaign_key].slug}
    if name == "manage-answers":
        kwargs["respondent"] = "joint"
    if name in ("matrix", "findings"):
        kwargs["domain"] = "financieel"
    if name == "answers-download":
        kwargs["fmt"] = "json"
    if pair_key:
        kwargs["refnis"] = tenants[pair_key].municipality.refnis
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("cell", sorted(ROLE_TABLE), ids=lambda c: f"{c[0]}:{c[1]}")
def test_each_role_reaches_exactly_what_it_should(tenants, client, cell):
    superuser = factories.superuser(username="root")
    users = {
        "user_a": tenants["user_a"],
        "user_b": tenants["user_b"],
        "coordinator": tenants["coordinator"],
        "supervisor": tenants["supervisor"],
        "superuser": superuser,
    }
    expected = ROLE_TABLE[cell]
    assert set(expected) == {"anonymous", *users}, "every role needs an expectation"
    url = _url(*cell, tenants)
    for role, status in expected.items():
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        assert client.get(url).status_code == status, f"{role} on {url}"


def test_shared_campaign_lists_and_matrices_hold_only_the_users_own_pair(tenants, client_as):
    client = client_as(tenants["user_a"])
    shared = tenants["shared"].slug
    html = client.get(reverse("campaign", args=[shared])).content.decode()
    assert "Aalst" in html and "Brugge" not in html
    matrix = client.get(reverse("matrix", args=[shared, "financieel"])).content.decode()
    assert "Aalst" in matrix and "Brugge" not in matrix
    exported = client.get(
        reverse("matrix-download", args=[shared, "financieel", "csv"])
    ).content.decode()
    assert "Brugge" not in exported
    findings = client.get(reverse("findings", args=[shared, "financieel"])).content.decode()
    assert "Brugge" not in findings
    answers = client.get(reverse("answers-download", args=[shared, "csv"]))
    exported = b"".join(answers.streaming_content).decode()
    assert "Aalst" in exported and "Brugge" not in exported
    assert "private-b" not in client.get("/").content.decode()


def test_a_tampered_answer_post_cannot_change_owner_fields(tenants, client_as):
    """S4: extra fields for pair, round, respondent, status, author are ignored."""
    from tandem.campaigns.models import Response

    campaign, pair_a = tenants["shared"], tenants["pair_a"]
    campaign.rounds.update(status="open")
    campaign.is_public = False
    client = client_as(tenants["user_a"])
    key = f"a{tenants['thesaurie'].pk}"
    stored = Response.objects.get(
        round__campaign=campaign, pair=pair_a, aspect=tenants["thesaurie"]
    )
    stored.status = "draft"
    stored.save()
    url = reverse(
        "questionnaire-domain", args=[campaign.slug, pair_a.municipality.refnis, "financieel"]
    )
    client.post(
        url,
        {
            f"{key}-version": stored.version,
            f"{key}-degree": "1",
            f"{key}-pair": tenants["pair_b"].pk,
            f"{key}-respondent": "ocmw",
            f"{key}-status": "submitted",
            f"{key}-round": 999,
            f"{key}-updated_by": tenants["coordinator"].pk,
            "pair": tenants["pair_b"].pk,
            "campaign": tenants["only_b"].pk,
        },
    )
    stored.refresh_from_db()
    assert stored.degree == 1
    assert (stored.pair, stored.respondent, stored.status) == (pair_a, "joint", "draft")
    assert stored.updated_by == tenants["user_a"] and stored.round.campaign == campaign


def test_state_changing_requests_need_the_csrf_token(tenants):
    """S6: every questionnaire form refuses a POST without the token."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(tenants["user_a"])
    args = [tenants["shared"].slug, tenants["pair_a"].municipality.refnis]
    for url in (
        reverse("questionnaire-domain", args=[*args, "financieel"]),
        reverse("questionnaire-row", args=[*args, "financieel", f"a{tenants['thesaurie'].pk}"]),
        reverse("questionnaire-contacts", args=args),
        reverse("questionnaire-submit", args=args),
    ):
        assert client.post(url, {"x": "1"}).status_code == 403, url


def _own_pages_of_pair_a(tenants):
    """Every GET page of the walk pointed at pair A and its shared campaign instead of B's."""
    pair_a, pair_b = (tenants[k].municipality.refnis for k in ("pair_a", "pair_b"))
    swap = {pair_b: pair_a, tenants["only_b"].slug: tenants["shared"].slug}
    urls = {reverse("registers"), reverse("my-work"), reverse("home")}
    for name, targets in targets_of_other_tenant(tenants).items():
        if name in (
            "round-action",
            "reopen-submission",
            "send-reminders",
            "retry-mails",
            "invitation",
        ):
            continue  # actions, not pages
        for target in targets:
            urls.add(reverse(name, kwargs={k: swap.get(v, v) for k, v in target.kwargs.items()}))
    return sorted(urls)


def test_no_page_of_pair_a_shows_an_aspect_promoted_in_a_campaign_it_is_not_in(tenants, client_as):
    """Issue 15.2: an 'other' aspect promoted from pair B's own row in B's own campaign is B's
    text; pair A's pages (its register form above all) never list it, while B's do."""
    secret = tenants["promoted_b"].label
    editor_a = factories.user(username="editor-a")
    factories.pair_role(user=editor_a, pair=tenants["pair_a"], role=PairRole.Role.EDITOR)
    shown = []
    for user in (tenants["user_a"], editor_a):
        client = client_as(user)
        for url in _own_pages_of_pair_a(tenants):
            response = client.get(url)
            body = b"".join(response) if response.streaming else response.content
            if response.status_code == 200 and secret.encode() in body:
                shown.append((user.username, url))
    assert shown == []
    editor_b = factories.user(username="editor-b")
    factories.pair_role(user=editor_b, pair=tenants["pair_b"], role=PairRole.Role.EDITOR)
    form_b = client_as(editor_b).get(
        reverse("register-record-new", kwargs={"refnis": "31005", "kind": "synergy"})
    )
    assert secret in form_b.content.decode()


# Views that take a POST (a form or an action); every other page answers it with 405.
TAKES_POST = {
    "account",
    "grid-answer",
    "grid-entry",
    "grid-entry-delete",
    "grid-entry-new",
    "grid-factor-values",
    "grid-feedback",
    "grid-note",
    "grid-note-delete",
    "grid-note-new",
    "grid-reopen",
    "grid-send",
    "grid-table",
    "manage",
    "mail-texts",
    "manage-pairs",
    "pair-extension",
    "pair-people",
    "pair-removal",
    "people-import",
    "study-section",
    "trajectory-settings",
    "trajectory-interview-new",
    "trajectory-interview",
    "trajectory-interview-delete",
    "trajectory-picture",
    "trajectory-dossier",
    "trajectory-own-dossier-new",
    "trajectory-own-dossier",
    "trajectory-target",
    "trajectory-phase-new",
    "trajectory-phase",
    "trajectory-action-new",
    "trajectory-action",
    "people-invitation",
    "people-role",
    "questionnaire-contacts",
    "reminder-schedule",
    "retry-mails",
    "questionnaire-domain",
    "questionnaire-row",
    "questionnaire-start",
    "questionnaire-submit",
    "register-document-upload",
    "register-import",
    "register-record",
    "register-record-delete",
    "register-record-new",
    "review-proposals",
    "synergy-report",
    "synergy-report-approve",
}


def test_a_page_that_changes_nothing_answers_a_post_with_405(tenants, client_as):
    """Issue 15.15: read-only pages answered a POST with 200, as if something was done."""
    editor_a = factories.user(username="editor-a-post")
    factories.pair_role(user=editor_a, pair=tenants["pair_a"], role=PairRole.Role.EDITOR)
    factories.campaign_role(user=editor_a, campaign=tenants["shared"])
    client = client_as(editor_a)
    answered = {}
    for url in _own_pages_of_pair_a(tenants):
        name = resolve(url).url_name
        if name not in TAKES_POST:
            answered[url] = client.post(url).status_code
    assert len(answered) > 25
    assert {url: s for url, s in answered.items() if s not in (405, 404)} == {}
    assert list(answered.values()).count(405) > 25

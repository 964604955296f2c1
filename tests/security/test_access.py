"""S1-S3: a user of pair A never reaches pair B's objects; each role sees exactly its share."""

import pytest
from django.urls import reverse

from tests.security.urlwalk import EXCLUDED, targets_of_other_tenant, walk


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


def test_anonymous_visitor_gets_404_on_private_campaigns(tenants, client):
    for targets in targets_of_other_tenant(tenants).values():
        for target in targets:
            assert client.get(reverse(target.name, kwargs=target.kwargs)).status_code == 404


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
    ("matrix", "shared"): {
        "anonymous": 404,
        "user_a": 200,
        "user_b": 200,
        "coordinator": 200,
        "supervisor": 404,
        "superuser": 200,
    },
}


def _url(name, key, tenants):
    campaign_key, _, pair_key = key.partition("/")
    kwargs = {"campaign": tenants[campaign_key].slug}
    if name == "matrix":
        kwargs["domain"] = "financieel"
    if pair_key:
        kwargs["refnis"] = tenants[pair_key].municipality.refnis
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("cell", sorted(ROLE_TABLE), ids=lambda c: f"{c[0]}:{c[1]}")
def test_each_role_reaches_exactly_what_it_should(tenants, client, django_user_model, cell):
    superuser = django_user_model.objects.create_superuser("root", "root@example.be", "x" * 20)
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
    assert "private-b" not in client.get("/").content.decode()

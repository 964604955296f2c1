"""S1-S3 for benchmarking: a user compares only the pairs whose answers they may read; another
tenant's private campaign, its pairs and its answers stay out of every page, export and trend."""

import csv
import io
import json

import pytest
from django.urls import reverse

from tandem.campaigns.models import Campaign, Response
from tandem.campaigns.scoping import campaign_pairs_for, campaigns_for, readable_answers

from .support import heatmap, table, tree

FORMATS = ("csv", "xlsx", "json")


def test_user_of_pair_a_gets_404_on_the_benchmark_of_pair_bs_private_campaign(tenants, client_as):
    client = client_as(tenants["user_a"])
    only_b, pair_b = tenants["only_b"].slug, tenants["pair_b"].municipality.refnis
    urls = [
        reverse("benchmark", args=[only_b]),
        reverse("benchmark-trends", args=[only_b]),
        reverse("benchmark-pair", args=[only_b, pair_b]),
        *[reverse("benchmark-export", args=[only_b, f]) for f in FORMATS],
        *[reverse("benchmark-trends-export", args=[only_b, f]) for f in FORMATS],
        *[reverse("benchmark-pair-export", args=[only_b, pair_b, f]) for f in FORMATS],
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    # Pair B's own user reaches them all.
    client = client_as(tenants["user_b"])
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_in_a_shared_campaign_a_pair_compares_only_what_it_may_read(tenants, client_as):
    client = client_as(tenants["user_a"])
    shared = tenants["shared"].slug
    assert list(heatmap(tree(client.get(reverse("benchmark", args=[shared]))))) == ["Aalst"]
    exported = client.get(reverse("benchmark-export", args=[shared, "csv"]))
    content = b"".join(exported.streaming_content).decode()
    assert "Brugge" not in content and len(list(csv.reader(io.StringIO(content)))) == 2
    document = json.loads(client.get(reverse("benchmark-export", args=[shared, "json"])).content)
    assert [p["code"] for p in document["pairs"]] == ["41002"]
    # Aalst against its peers: none it may see, so no median leaks Brugge's answers.
    profile = client.get(reverse("benchmark-pair", args=[shared, "41002"]))
    shown = table(tree(profile), "profile-table")
    assert all(cells[1] == "—" for _, cells in shown)
    assert "Brugge" not in profile.content.decode()
    profile = json.loads(
        client.get(reverse("benchmark-pair-export", args=[shared, "41002", "json"])).content
    )
    assert profile["peers"] == [] and profile["total"]["peer_median"] is None
    # Even when asked for by code.
    listed = tree(client.get(reverse("benchmark", args=[shared]), {"pairs": "41002,31005"}))
    assert list(heatmap(listed)) == ["Aalst"]


def trend(client, campaign):
    response = client.get(
        reverse("benchmark-trends", args=[campaign]),
        {"domain": "financieel", "aspect": "thesaurie"},
    )
    assert response.status_code == 200
    return {name: cells[1] for name, cells in table(tree(response), "trend-counts-table")}


def test_trends_hold_only_the_campaigns_and_answers_a_user_may_read(tenants, client_as):
    shared, only_b = tenants["shared"], tenants["only_b"]
    demo = Campaign.objects.get(slug="centrumsteden-2010")
    # Pair A: the published demo and the shared campaign, where it reads its own answer only.
    seen = trend(client_as(tenants["user_a"]), shared.slug)
    assert set(seen) == {demo.name, shared.name}
    assert seen[shared.name] == "1"
    # Pair B also sees its own campaign; the coordinator of the shared one reads both answers.
    seen = trend(client_as(tenants["user_b"]), shared.slug)
    assert set(seen) == {demo.name, shared.name, only_b.name}
    assert seen[shared.name] == "1" and seen[only_b.name] == "1"
    seen = trend(client_as(tenants["coordinator"]), shared.slug)
    assert set(seen) == {demo.name, shared.name} and seen[shared.name] == "2"
    exported = json.loads(
        client_as(tenants["user_a"])
        .get(
            reverse("benchmark-trends-export", args=[shared.slug, "json"]),
            {"domain": "financieel", "aspect": "thesaurie"},
        )
        .content
    )
    assert "private-b" not in {p["campaign"] for p in exported["points"]}


@pytest.mark.parametrize("role", ["anonymous", "user_a", "user_b", "coordinator", "supervisor"])
def test_readable_answers_follow_campaign_pairs_for(tenants, role, django_user_model):
    """The row-by-row rule of the trend query agrees with campaign_pairs_for in every campaign
    the user may see."""
    from django.contrib.auth.models import AnonymousUser

    user = AnonymousUser() if role == "anonymous" else tenants[role]
    answers = Response.objects.filter(aspect__isnull=False)
    for campaign in campaigns_for(user):
        in_campaign = answers.filter(round__campaign=campaign)
        expected = set(
            in_campaign.filter(pair__in=campaign_pairs_for(user, campaign)).values_list(
                "pk", flat=True
            )
        )
        assert set(readable_answers(user, in_campaign).values_list("pk", flat=True)) == expected

"""Coordinators manage the catalogue, campaigns and data in the Django admin, in Dutch or French."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests import factories

TANDEM_MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label in {"places", "catalogue", "campaigns", "accounts", "synergies"}
]


@pytest.fixture
def coordinator_client(client, db):
    user = factories.superuser(username="coord")
    client.force_login(user)
    return client


def test_every_tandem_model_is_in_the_admin():
    names = {m._meta.model_name for m in TANDEM_MODELS}
    assert {
        "municipality",
        "pair",
        "governancestatement",
        "framework",
        "domain",
        "aspect",
        "degreelevel",
        "campaign",
        "response",
        "pairrole",
        "campaignrole",
        "synergydomain",
        "synergy",
        "meeting",
        "measure",
        "approvedreport",
    } <= names


@pytest.mark.parametrize("model", TANDEM_MODELS, ids=lambda m: m._meta.label)
def test_changelist_and_add_form_open(coordinator_client, model, django_assert_max_num_queries):
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    with django_assert_max_num_queries(15):
        assert coordinator_client.get(reverse(f"{prefix}_changelist")).status_code == 200
    # Approved reports are made on the report page, which generates their frozen files.
    expected = 403 if model._meta.model_name == "approvedreport" else 200
    assert coordinator_client.get(reverse(f"{prefix}_add")).status_code == expected


@pytest.mark.parametrize(
    "language, words",
    [
        (
            "nl",
            [
                "Gemeenten",
                "Aspecten",
                "Campagnes",
                "Tandem-beheer",
                "Catalogus, campagnes en gegevens",
            ],
        ),
        (
            "fr",
            [
                "Communes",
                "Aspects",
                "Campagnes",
                "Administration de Tandem",
                "Catalogue, campagnes et données",
            ],
        ),
    ],
)
def test_admin_index_in_dutch_and_french(coordinator_client, language, words):
    coordinator_client.cookies["tandem_language"] = language
    html = coordinator_client.get(reverse("admin:index")).content.decode()
    for word in words:
        assert word in html, (language, word)


def test_aspect_form_has_the_three_language_fields(coordinator_client):
    from tandem.catalogue.models import Aspect

    aspect = Aspect.objects.get(domain__slug="financieel", slug="thesaurie")
    html = coordinator_client.get(
        reverse("admin:catalogue_aspect_change", args=[aspect.pk])
    ).content.decode()
    for field in ("label_nl", "label_fr", "label_en", "short_label_nl"):
        assert f'name="{field}"' in html


def test_non_staff_users_are_sent_to_the_login(client, db):
    user = factories.user(username="resp")
    client.force_login(user)
    response = client.get(reverse("admin:campaigns_response_changelist"))
    assert response.status_code == 302 and "/login/" in response["Location"]

"""Only a pair's editors change its register and reports; its readers (a coordinator or supervisor
given read rights on the pair) read them; anyone else gets 404 (S1, PRODUCT roles)."""

import pytest
from django.urls import reverse

from tandem.accounts.models import PairRole
from tests import factories
from tests.security.urlwalk import REGISTER_VIEWS, targets_of_other_tenant
from tests.synergies.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_editor_of_pair_a_gets_404_on_every_register_url_of_pair_b(tenants, client, method):
    editor_a = make_user("editor-a", tenants["pair_a"], PairRole.Role.EDITOR)
    client.force_login(editor_a)
    targets = targets_of_other_tenant(tenants)
    checked = 0
    for name in REGISTER_VIEWS:
        for target in targets[name]:
            url = reverse(target.name, kwargs=target.kwargs)
            response = getattr(client, method)(url)
            assert response.status_code == 404, f"{method.upper()} {url}: {response.status_code}"
            checked += 1
    assert checked >= 28


def _urls(pair, synergy_pk):
    refnis = pair.refnis
    read = [
        reverse("register", kwargs={"refnis": refnis}),
        reverse("register-history", kwargs={"refnis": refnis}),
        reverse("register-export", kwargs={"refnis": refnis, "fmt": "csv"}),
        reverse("synergy-report", kwargs={"refnis": refnis, "year": 2023, "lang": "fr"}),
        reverse(
            "synergy-report-draft",
            kwargs={"refnis": refnis, "year": 2023, "lang": "nl", "fmt": "html"},
        ),
    ]
    write = [
        reverse("register-record-new", kwargs={"refnis": refnis, "kind": "synergy"}),
        reverse("register-record", kwargs={"refnis": refnis, "kind": "synergy", "pk": synergy_pk}),
        reverse("register-import", kwargs={"refnis": refnis}),
    ]
    return read, write


@pytest.mark.parametrize(
    "role, reads, writes",
    [
        (PairRole.Role.EDITOR, 200, 200),
        (PairRole.Role.READER, 200, 404),
        (PairRole.Role.RESPONDENT, 404, 404),
        (None, 404, 404),
    ],
)
def test_each_role_reaches_the_register_as_it_should(molenbeek, client, role, reads, writes):
    user = make_user(f"user-{role}", molenbeek if role else None, role)
    client.force_login(user)
    synergy = factories.synergy(pair=molenbeek)
    read, write = _urls(molenbeek, synergy.pk)
    for url in read:
        assert client.get(url).status_code == reads, url
    for url in write:
        assert client.get(url).status_code == writes, url


def test_a_campaign_bound_editor_role_does_not_open_the_register(molenbeek, client):
    user = make_user("bound-editor")
    campaign = factories.campaign(pairs=[molenbeek])
    factories.pair_role(user=user, pair=molenbeek, role=PairRole.Role.EDITOR, campaign=campaign)
    client.force_login(user)
    assert client.get(reverse("register", kwargs={"refnis": molenbeek.refnis})).status_code == 404


def test_a_reader_cannot_approve_or_post_to_the_register(molenbeek, reader, client):
    from tandem.synergies.models import ApprovedReport, Synergy

    client.force_login(reader)
    refnis = molenbeek.refnis
    approve = reverse(
        "synergy-report-approve", kwargs={"refnis": refnis, "year": 2023, "lang": "nl"}
    )
    response = client.post(approve, {"body": "councils", "decision_date": "20/1/2023"})
    assert response.status_code == 404
    assert not ApprovedReport.objects.filter(pair=molenbeek).exists()
    synergy = factories.synergy(pair=molenbeek)
    delete = reverse(
        "register-record-delete", kwargs={"refnis": refnis, "kind": "synergy", "pk": synergy.pk}
    )
    assert client.post(delete).status_code == 404
    assert Synergy.objects.filter(pk=synergy.pk).exists()


def test_a_reader_never_answers_a_questionnaire(tenants, client):
    """Read rights on a pair are not a respondent's role: the campaign stays closed to them."""
    from tandem.campaigns.scoping import answering_pairs

    reader = make_user("reader-a", tenants["pair_a"], PairRole.Role.READER)
    assert not answering_pairs(reader, tenants["shared"]).exists()


def test_lists_exports_and_reports_never_hold_another_pairs_register(tenants, client):
    """S2: a marker in every text field of pair B's register is absent from all of A's views."""
    from tandem.synergies.models import FocusGroup, Measure, Meeting, Synergy

    marker = "MARKER-B-7f3a"
    for obj in (tenants["synergy_b"], tenants["meeting_b"], tenants["measure_b"]):
        for field in obj._meta.get_fields():
            if getattr(field, "get_internal_type", lambda: "")() in ("CharField", "TextField"):
                if field.name not in ("status", "kind", "partners", "source") and not field.choices:
                    setattr(obj, field.name, f"{marker} {field.name}")
        obj.save()
    FocusGroup.objects.filter(pk=tenants["focus_group_b"].pk).first().save()
    editor_a = make_user("editor-a2", tenants["pair_a"], PairRole.Role.EDITOR)
    client.force_login(editor_a)
    a = tenants["pair_a"].refnis
    urls = [
        reverse("registers"),
        reverse("register", kwargs={"refnis": a}),
        reverse("register-history", kwargs={"refnis": a}),
        reverse("register-export", kwargs={"refnis": a, "fmt": "csv"}),
        reverse("register-export", kwargs={"refnis": a, "fmt": "xlsx"}),
        reverse("synergy-report", kwargs={"refnis": a, "year": 2023, "lang": "nl"}),
        reverse(
            "synergy-report-draft", kwargs={"refnis": a, "year": 2023, "lang": "nl", "fmt": "html"}
        ),
    ]
    assert Synergy.objects.filter(title_nl__contains=marker).exists()
    assert Meeting.objects.filter(decisions_nl__contains=marker).exists()
    assert Measure.objects.filter(title_nl__contains=marker).exists()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert marker.encode() not in response.content, url
        assert b"Synergie B" not in response.content, url

"""Issue 17.4 (the coordinator's texts): per domain and for the whole study, per language,
saved with history; a stale page is a conflict that loses nothing; a session that expired keeps
what was typed; only the campaign's coordinators reach it."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from tandem.campaigns.models import Response, StudyText
from tests import factories


def texts_of(inventory):
    """The study texts of the test's campaign (the demo's 2010 campaign has its own)."""
    return StudyText.objects.filter(campaign=inventory["campaign"])


def _url(inventory, section="financieel", language="nl"):
    return reverse("study-section", args=[inventory["campaign"].slug, section, language])


@pytest.fixture
def coordinator(inventory, client_as):
    client = client_as(inventory["coordinator"])
    client.cookies["tandem_language"] = "en"
    return client


def test_a_coordinator_writes_a_domain_s_texts_with_history(inventory, coordinator):
    done = coordinator.post(
        _url(inventory),
        {"text-how": "De meeste steden werken samen via protocollen.", "text-why": "Schaal."},
        follow=True,
    )
    assert "2 parts saved." in done.content.decode()
    how = texts_of(inventory).get(part="how", language="nl")
    assert (how.domain.slug, how.text, how.version) == (
        "financieel",
        "De meeste steden werken samen via protocollen.",
        1,
    )
    assert how.history.get().history_user == inventory["coordinator"]
    overview = coordinator.get(reverse("study-texts", args=[inventory["campaign"].slug]))
    rows = {slug: languages for slug, _name, languages in overview.context["rows"]}
    # Five parts per domain: the score tables, how, why, wishes, obstacles.
    assert rows["financieel"] == [("nl", 2, 5), ("fr", 0, 5)]
    assert rows["general"] == [("nl", 0, 4), ("fr", 0, 4)]
    # The report in both languages, each as HTML, PDF and DOCX, with and without the annex.
    links = overview.content.decode()
    for language in ("nl", "fr"):
        for fmt in ("html", "pdf", "docx"):
            assert f'/campaigns/inventaris-2026/study/{language}.{fmt}"' in links
        for fmt in ("pdf", "docx"):
            assert f'/campaigns/inventaris-2026/study/{language}.{fmt}?annex=0"' in links
    # Saving the same text again changes nothing; a change makes version 2.
    page = coordinator.get(_url(inventory))
    assert "De meeste steden werken samen via protocollen." in page.content.decode()
    coordinator.post(
        _url(inventory),
        {
            "text-how": "Protocollen en convenanten.",
            "text-why": "Schaal.",
            "version-how": 1,
            "version-why": 1,
        },
    )
    assert [t.version for t in texts_of(inventory).order_by("part")] == [2, 1]


def test_the_whole_study_has_its_own_parts(inventory, coordinator):
    coordinator.post(_url(inventory, "general", "fr"), {"text-conclusions": "Collaborer, sauf…"})
    text = texts_of(inventory).get()
    assert (text.domain, text.part, text.language) == (None, "conclusions", "fr")
    with pytest.raises(IntegrityError):
        StudyText.objects.create(campaign=inventory["campaign"], part="how", language="nl")


def test_a_stale_page_is_a_conflict_and_loses_nothing(inventory, coordinator):
    coordinator.post(_url(inventory), {"text-how": "Eerste versie"})
    # Someone else saves after this person opened the page at version 1.
    texts_of(inventory).filter(part="how").update(text="Tekst van een collega", version=2)
    stale = coordinator.post(
        _url(inventory), {"text-how": "Mijn aanvulling", "version-how": 1, "text-why": "Waarom"}
    )
    assert stale.status_code == 409
    text = stale.content.decode()
    assert "Mijn aanvulling" in text and "Tekst van een collega" in text
    assert texts_of(inventory).get(part="how").text == "Tekst van een collega"
    assert not texts_of(inventory).filter(part="why").exists()  # all or nothing
    assert 'name="version-how" value="2"' in text  # saving again is a deliberate choice


def test_what_was_typed_after_the_session_expired_comes_back(inventory, expired_client):
    expired_client.post(_url(inventory), {"text-obstacles": "Typed after the time-out"})
    expired_client.force_login(inventory["coordinator"])
    page = expired_client.get(_url(inventory))
    assert "Typed after the time-out" in page.content.decode()
    assert not texts_of(inventory).exists()


def test_the_findings_stand_beside_the_texts(inventory, coordinator):
    factories.response(
        round_=inventory["round"],
        pair=inventory["pair_a"],
        aspect=inventory["aspects"][0],
        degree=0,
        desirable=True,
        status=Response.Status.SUBMITTED,
    )
    text = coordinator.get(_url(inventory)).content.decode()
    assert "<li>Loans: no cooperation 1 (desirable 1, not 0); informal 0" in " ".join(text.split())


def test_only_the_campaign_s_coordinators_reach_it(inventory, client_as):
    outsider = factories.user(username="other-coordinator")
    factories.campaign_role(user=outsider, campaign=inventory["only_b"])
    for user in (inventory["user_a"], outsider, inventory["supervisor"]):
        client = client_as(user)
        assert client.get(_url(inventory)).status_code == 404
        assert client.post(_url(inventory), {"text-how": "x"}).status_code == 404
    assert not texts_of(inventory).exists()
    client = client_as(inventory["coordinator"])
    assert client.get(_url(inventory, language="en")).status_code == 404
    assert client.get(_url(inventory, section="nope")).status_code == 404

"""Issue 18.5, "samenwerken, tenzij…" (comply or explain; seed 000 §6, S000:7316-7345): for the
product dossiers of the catalogue (the products of S000:5348-5352 and pensions) and any the pair
adds, the default is to cooperate; not cooperating is recorded with a motivation (refused
without one, also by the database) and flagged for review a year after it was decided."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.db import IntegrityError
from django.urls import reverse

from tandem.catalogue.models import ProductDossier
from tandem.trajectory.models import DossierDecision, Trajectory
from tests import factories
from tests.trajectory.conftest import AALST

SEED_000 = next((Path(__file__).resolve().parents[3] / "shared" / "seeds").glob("000_*.txt"))


def _url(name, **kwargs):
    return reverse(name, kwargs={"refnis": AALST, **kwargs})


def _decisions():
    return DossierDecision.objects.filter(trajectory__pair__municipality__refnis=AALST)


@pytest.mark.django_db
def test_the_listed_dossiers_are_the_products_the_seed_names():
    lines = SEED_000.read_text(encoding="utf-8").splitlines()
    named = " ".join(lines[5347:5352]).casefold()  # S000:5348-5352
    assert "overheidsopdrachten, verzekeringen, leningen" in named and "thesaurie" in named
    dossiers = list(ProductDossier.objects.values_list("slug", flat=True))
    assert dossiers == [
        "overheidsopdrachten",
        "verzekeringen",
        "leningen",
        "thesaurie",
        "pensioenen",
    ]
    for slug in dossiers[:4]:
        assert slug in named


def test_every_listed_dossier_starts_as_cooperation_by_default(scan, client_as):
    client = client_as(scan["editor"])
    client.cookies["tandem_language"] = "en"
    page = client.get(_url("trajectory")).content.decode()
    assert page.count("cooperate (the default; nothing recorded)") == 5
    assert "Public procurement" in page and "Pensions" in page


def test_an_exception_needs_a_motivation_and_then_shows(scan, client_as):
    client = client_as(scan["editor"])
    client.cookies["tandem_language"] = "en"
    url = _url("trajectory-dossier", dossier="verzekeringen")
    refused = client.post(
        url, {"cooperates": "False", "motivation": " ", "decided_on": "05/01/2026"}
    )
    assert refused.status_code == 200 and not _decisions().exists()
    assert "Say why the administrations do not cooperate on this dossier." in (
        refused.content.decode()
    )
    saved = client.post(
        url,
        {
            "cooperates": "False",
            "motivation": "Het OCMW zit in een raamcontract.",
            "decided_on": "05/01/2026",
        },
    )
    assert saved.status_code == 302
    decision = _decisions().get()
    assert decision.dossier.slug == "verzekeringen" and decision.cooperates is False
    assert decision.history.latest().history_user == scan["editor"]
    page = client.get(_url("trajectory")).content.decode()
    assert "exception: no cooperation" in page and "Het OCMW zit in een raamcontract." in page
    assert page.count("cooperate (the default; nothing recorded)") == 4


def test_the_database_refuses_an_unmotivated_exception(scan):
    trajectory = Trajectory.objects.create(pair=factories.pair(AALST))
    with pytest.raises(IntegrityError):
        DossierDecision.objects.create(
            trajectory=trajectory,
            dossier=ProductDossier.objects.get(slug="leningen"),
            cooperates=False,
            motivation="",
            decided_on=date(2026, 1, 5),
        )


def test_a_pair_adds_its_own_dossier_and_a_year_old_decision_is_due_for_review(scan, client_as):
    client = client_as(scan["editor"])
    client.cookies["tandem_language"] = "en"
    missing_name = client.post(
        _url("trajectory-own-dossier-new"), {"cooperates": "True", "decided_on": "05/01/2026"}
    )
    assert missing_name.status_code == 200 and not _decisions().exists()
    year_ago = date.today() - timedelta(days=400)
    client.post(
        _url("trajectory-own-dossier-new"),
        {
            "own_name": "Energieaankoop",
            "cooperates": "True",
            "decided_on": year_ago.strftime("%d/%m/%Y"),
        },
    )
    client.post(
        _url("trajectory-dossier", dossier="leningen"),
        {"cooperates": "True", "decided_on": date.today().strftime("%d/%m/%Y")},
    )
    own = _decisions().get(own_name="Energieaankoop")
    assert own.review_due(date.today()) and not _decisions().get(
        dossier__slug="leningen"
    ).review_due(date.today())
    page = client.get(_url("trajectory")).content.decode()
    assert "Energieaankoop" in page and page.count("review due") == 1


def test_a_first_decision_recorded_meanwhile_is_a_conflict(scan, client_as):
    client = client_as(scan["editor"])
    url = _url("trajectory-dossier", dossier="thesaurie")
    first = {"cooperates": "False", "motivation": "Eigen rentecomité.", "decided_on": "05/01/2026"}
    assert client.post(url, first).status_code == 302
    # A second person opened the empty form before: their save shows both and changes nothing.
    late = client.post(url, {"cooperates": "True", "decided_on": "06/01/2026"})
    assert late.status_code == 409
    assert _decisions().get().motivation == "Eigen rentecomité."


def test_a_reader_sees_the_decisions_and_records_none(scan, client_as):
    client = client_as(scan["reader"])
    assert client.get(_url("trajectory")).status_code == 200
    for url in (
        _url("trajectory-dossier", dossier="leningen"),
        _url("trajectory-own-dossier-new"),
    ):
        assert client.get(url).status_code == 404
        assert (
            client.post(url, {"cooperates": "True", "decided_on": "05/01/2026"}).status_code == 404
        )
    assert not _decisions().exists()

"""Issue 17.7: the crosswalk of subjects across frameworks (catalogue data, Tandem's proposal from
SEEDS.md §7.3) and one pair's page that follows each subject from the 2010 inventory through the
2012 grid to its synergy register, showing only what the user may read."""

import pytest
from django.test import Client
from django.urls import reverse

from tandem.accounts.models import PairRole
from tandem.catalogue.models import Subject
from tandem.catalogue.services import CatalogueError, load_catalogue
from tandem.grid.models import GridEntry
from tests import factories
from tests.catalogue.data_copy import copy_catalogue_data
from tests.seed000 import SUB_DOMAINS

AALST, TOURNAI = "41002", "57081"

# SEEDS.md §7.3, row by row: S001 management domain → S000 sub-domains → S004 synergy domains.
CROSSWALK = {
    "financieel": ({"financieel"}, set(SUB_DOMAINS), {"begroting-boekhouding"}),
    "personeel": ({"personeel"}, set(), {"human-resources"}),
    "facilitair": ({"facilitair"}, set(), {"infrastructuur-materiaal"}),
    "ict": ({"ict"}, set(), {"informatica"}),
    "communicatie": ({"communicatie"}, set(), {"communicatie"}),
    "aankoop": ({"aankoop"}, {"andere-onderdelen"}, {"overheidsopdrachten"}),
    "andere": ({"andere"}, set(), {"veiligheid-welzijn-hygiene"}),
    "maatschappelijk": (set(), set(), {"maatschappelijk", "varia", "andere-ocmws"}),
}


def _text(response):
    return " ".join(response.content.decode().split())


def test_the_catalogue_holds_the_crosswalk_of_seeds_md_7_3_marked_as_a_proposal(db):
    subjects = {s.slug: s for s in Subject.objects.prefetch_related("domains__framework")}
    assert set(subjects) == set(CROSSWALK)
    for slug, (inventory, grid, synergy) in CROSSWALK.items():
        subject = subjects[slug]
        by_framework = {"management-2010": set(), "financieel-2012": set()}
        for domain in subject.domains.all():
            by_framework[domain.framework.slug].add(domain.slug)
        assert by_framework == {"management-2010": inventory, "financieel-2012": grid}, slug
        assert {d.slug for d in subject.synergy_domains.all()} == synergy, slug
        assert "Tandem's proposal" in subject.source, slug
        assert subject.name_nl and subject.name_fr and subject.name_en, slug


def test_a_subject_naming_an_unknown_domain_is_refused_with_its_file_and_entry(db, tmp_path):
    copy_catalogue_data(tmp_path)
    subjects = tmp_path / "subjects.yaml"
    subjects.write_text(
        subjects.read_text(encoding="utf-8").replace("[personeel]", "[personeel-x]"),
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match="subjects.yaml personeel: .*personeel-x"):
        load_catalogue(tmp_path)


def test_aalst_is_followed_from_the_2010_inventory_to_the_2012_grid(db, client):
    client.cookies["tandem_language"] = "en"
    response = client.get(reverse("pair-subjects", args=[AALST]))
    assert response.status_code == 200
    rows = {row.subject.slug: row for row in response.context["rows"]}
    # Seed 001: Aalst's financial scores, table (1) 0 1 0 0 0 0 1 (S001:64) and table (2)
    # 1 2 1 0 0 (S001:88): TOT 6, five of twelve aspects with cooperation.
    (score,) = rows["financieel"].inventory
    assert (score.total, score.cooperating, score.answered) == (6, 5, 12)
    # The grid: Aalst's entries (not "no cooperation") in the seven sub-domains, and in
    # "Andere onderdelen" alone for joint purchasing.
    entries = GridEntry.objects.filter(
        table__participation__campaign__slug="financieel-2012",
        table__participation__pair__municipality__refnis=AALST,
        is_none=False,
    )
    (grid,) = rows["financieel"].grid
    assert (grid.current, grid.desirable) == (
        entries.filter(stage="current").count(),
        entries.filter(stage="desirable").count(),
    )
    assert grid.current > 0
    (purchasing,) = rows["aankoop"].grid
    other_parts = entries.filter(domain__slug="andere-onderdelen")
    assert purchasing.current == other_parts.filter(stage="current").count()
    assert rows["personeel"].grid == [] and rows["maatschappelijk"].inventory == []
    text = _text(response)
    assert "TOT 6; 5 of 12 aspects with cooperation" in text
    assert "Tandem's proposal" in text and "not yours to read" in text


def test_the_register_column_counts_a_domains_themes_and_only_for_its_readers(db):
    pair = factories.pair(TOURNAI)
    factories.synergy(pair=pair, domain="communicatie", title_nl="Gezamenlijke nieuwsbrief")
    factories.synergy(pair=pair, domain="huisvesting", title_nl="Sociale woningen samen")
    factories.measure(pair=pair, domain="varia", title_nl="Gedeelde archiefruimte")
    url = reverse("pair-subjects", args=[TOURNAI])
    # Nothing of the pair is public: anonymous visitors and other users learn nothing.
    assert Client().get(url).status_code == 404
    stranger = Client()
    stranger.force_login(factories.user(username="stranger"))
    assert stranger.get(url).status_code == 404
    user = factories.user(username="register-reader")
    factories.pair_role(user=user, pair=pair, role=PairRole.Role.READER)
    reader = Client()
    reader.force_login(user)
    response = reader.get(url)
    assert response.status_code == 200
    rows = {row.subject.slug: row for row in response.context["rows"]}
    assert (rows["communicatie"].register.synergies, rows["communicatie"].register.measures) == (
        1,
        0,
    )
    # Huisvesting is a theme of Maatschappelijk; Varia is a domain of the social subject.
    social = rows["maatschappelijk"].register
    assert (social.synergies, social.measures) == (1, 1)
    assert rows["ict"].register.synergies == 0


def test_a_private_campaign_shows_only_to_those_who_read_it(tenants):
    """Pair B (Brugge) is in the public demo campaigns and in private ones: a user of pair A
    reads the public scores on B's page, never the private campaigns'."""
    client = Client()
    client.force_login(tenants["user_a"])
    response = client.get(reverse("pair-subjects", args=["31005"]))
    assert response.status_code == 200
    shown = {score.campaign.slug for row in response.context["rows"] for score in row.inventory}
    assert "centrumsteden-2010" in shown
    assert not shown & {"private-shared", "private-b"}
    own = Client()
    own.force_login(tenants["user_b"])
    shown_b = {
        score.campaign.slug
        for row in own.get(reverse("pair-subjects", args=["31005"])).context["rows"]
        for score in row.inventory
    }
    assert {"private-shared", "private-b"} <= shown_b

"""Issue 17.7: one subject followed across every campaign the reader may see, whatever its
framework, and through the registers they may read. The expected figures are counted here from
the sources: seed 001's score tables (the 2010 inventory), the demo's transcription of seed 000's
synthesis tables (the 2012 grid) and of seed 004's register (Molenbeek)."""

import pytest
import yaml
from django.urls import reverse

from tandem.campaigns.models import Campaign
from tandem.demo.services import DATA_DIR
from tests import factories
from tests.seed001 import read_tables


def _inventory_2010(domain: str) -> tuple[int, int, int]:
    """(pairs that answered, cooperate, cooperate formally) on a domain's predefined aspects."""
    table = next(t for t in read_tables() if t.domain == domain and t.aspects == "predefined")
    rows = [[c for c in cells if c is not None] for cells in table.cells.values()]
    return (
        sum(1 for r in rows if r),
        sum(1 for r in rows if any(c >= 1 for c in r)),
        sum(1 for r in rows if 2 in r),
    )


def _grid_2012() -> tuple[int, int, int]:
    """The same from the synthesis tables: a pair cooperates where a current entry names a
    component, formally where such an entry is formalised (S000's typology)."""
    answered = cooperating = formal = 0
    for path in sorted((DATA_DIR / "financieel-2012").glob("*.yaml")):
        if path.stem in ("campaign", "factors", "practice-notes"):
            continue
        city = yaml.safe_load(path.read_text(encoding="utf-8"))
        current = [e for s in city["subdomains"] for e in s.get("current") or []]
        named = [e for e in current if not e.get("none") and e.get("components")]
        answered += bool(current)
        cooperating += bool(named)
        formal += any((e.get("typology") or {}).get("formalisation") == "formeel" for e in named)
    return answered, cooperating, formal


def _row(page, campaign: str) -> list[str]:
    trend = page.context["trend"]
    line = next(p for p in trend.points if p.point.campaign.slug == campaign)
    return [line.point.answered, line.point.cooperating, line.point.formal]


def test_a_subject_runs_from_the_inventory_through_the_grid(client_as, db):
    coordinator = factories.user(username="subject-coordinator")
    for slug in ("centrumsteden-2010", "financieel-2012"):
        campaign = Campaign.objects.get(slug=slug)
        campaign.is_public = False
        campaign.save()
        factories.campaign_role(user=coordinator, campaign=campaign)
    client = client_as(coordinator)
    client.cookies["tandem_language"] = "en"
    page = client.get(reverse("subject-trend"), {"subject": "financieel"})
    assert page.status_code == 200
    assert [p.point.year for p in page.context["trend"].points] == [2010, 2012]
    assert _row(page, "centrumsteden-2010") == list(_inventory_2010("financieel"))
    assert _row(page, "financieel-2012") == list(_grid_2012())
    html = page.content.decode()
    assert "Tandem's proposal" in html and '<table class="simple data-table"' in html
    # Someone without a role sees neither private campaign.
    stranger = client_as(factories.user(username="subject-stranger"))
    stranger.cookies["tandem_language"] = "en"
    empty = stranger.get(reverse("subject-trend"), {"subject": "financieel"})
    assert empty.context["trend"].points == []
    assert "No campaign you can see asks about this subject." in empty.content.decode()


def test_like_with_like_holds_the_pairs_within_each_framework(client_as, db):
    page = client_as(factories.user(username="subject-reader")).get(
        reverse("subject-trend"), {"subject": "personeel", "same_pairs": "on"}
    )
    (line,) = page.context["trend"].points  # personeel is no sub-domain of the 2012 grid
    assert line.same_pairs == _inventory_2010("personeel")[0]
    assert [line.point.answered, line.point.cooperating] == list(_inventory_2010("personeel"))[:2]


def test_the_register_counts_only_what_the_reader_may_read(client_as, db):
    data = yaml.safe_load((DATA_DIR / "molenbeek-synergies-2023.yaml").read_text(encoding="utf-8"))
    years: dict[int, int] = {}
    for synergy in data["synergies"]:
        if synergy["domain"] == "human-resources" and synergy.get("status") != "planned":
            years[synergy["start_year"]] = years.get(synergy["start_year"], 0) + 1
    editor = factories.user(username="molenbeek-subject")
    factories.pair_role(user=editor, pair=data["pair"], role="editor")
    page = client_as(editor).get(reverse("subject-trend"), {"subject": "personeel"})
    trend = page.context["trend"]
    assert trend.registers == 1
    assert [(y.year, y.synergies, y.pairs) for y in trend.register] == [
        (year, count, 1) for year, count in sorted(years.items())
    ]
    outsider = client_as(factories.user(username="no-register"))
    assert (
        outsider.get(reverse("subject-trend"), {"subject": "personeel"}).context["trend"].register
        == []
    )


@pytest.mark.parametrize("query", [{"subject": "onbekend"}, {"subject": ""}])
def test_an_unknown_subject_is_a_form_error(client, db, query):
    page = client.get(reverse("subject-trend"), query)
    assert page.status_code == 400
    assert page.context["form"].errors["subject"]

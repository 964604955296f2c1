"""Issue 17.6: the financial sub-domains carry their definitions (seed 000 §3.1.3) and the example
activities of seed 000 Bijlage 2, in Dutch as the seed prints them and in French and English,
shown where a respondent or coordinator chooses a component."""

import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape

from tandem.accounts.models import PairRole
from tandem.catalogue.models import Domain, ExampleActivity
from tandem.catalogue.services import DATA_DIR, CatalogueError, load_catalogue
from tests import factories

SEED = Path(settings.SEEDS_DIR) / "000_e3622efdf355ac19.txt"
GUIDES = DATA_DIR / "guides" / "financieel-2012.yaml"
SUB_DOMAINS = [
    "financiele-planning",
    "boekhouding-jaarrekening",
    "rapportering-analyse",
    "debiteurenbeheer",
    "interne-financiele-controle",
    "andere-onderdelen",
    "externe-contacten",
]


def _letters(text: str) -> str:
    """Letters only: the seed's line breaks, hyphenation, bullets and footnote digits aside."""
    return re.sub(r"[^a-zà-ÿ]", "", text.lower())


def _seed_lines(source: str) -> str:
    first, _, last = source.removeprefix("S000:").partition("-")
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return "\n".join(lines[int(first) - 1 : int(last or first)])


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds is beside the clone in CI")
def test_every_dutch_text_is_the_seeds_own_at_its_lines():
    data = yaml.safe_load(GUIDES.read_text(encoding="utf-8"))
    assert sorted(data["domains"]) == sorted(SUB_DOMAINS)
    checked = 0
    for slug, guide in data["domains"].items():
        texts = [guide["definition"], *guide["examples"]]
        for text in texts:
            assert _letters(text["nl"]) in _letters(_seed_lines(text["source"])), (slug, text)
            checked += 1
    assert checked > 60


def test_the_sub_domains_carry_their_definition_and_examples_in_three_languages(db):
    for slug in SUB_DOMAINS:
        domain = Domain.objects.get(framework__slug="financieel-2012", slug=slug)
        assert domain.definition_nl and domain.definition_fr and domain.definition_en, slug
        assert re.fullmatch(r"S000:1[89]\d\d-1[89]\d\d", domain.definition_source), slug
        examples = list(ExampleActivity.objects.filter(domain=domain))
        assert len(examples) >= 7, slug
        assert all(e.text_nl and e.text_fr and e.text_en and e.source for e in examples), slug


def test_the_guide_is_shown_where_an_editor_chooses_a_component(db, client):
    user = factories.user(username="guide-editor")
    factories.pair_role(user=user, pair="41002", role=PairRole.Role.EDITOR)
    client.force_login(user)
    client.cookies["tandem_language"] = "fr"
    domain = Domain.objects.get(framework__slug="financieel-2012", slug="debiteurenbeheer")
    first = ExampleActivity.objects.filter(domain=domain).order_by("order").first()
    url = reverse("grid-entry-new", args=["financieel-2012", "41002"])
    html = client.get(url + "?domain=debiteurenbeheer&stage=current").content.decode()
    assert escape(domain.definition_fr)[:60] in " ".join(html.split())
    assert escape(first.text_fr)[:60] in " ".join(html.split())
    page = client.get(reverse("grid-pair-domain", args=["financieel-2012", "41002", domain.slug]))
    assert escape(first.text_fr)[:60] in " ".join(page.content.decode().split())


def test_a_guide_for_an_unknown_sub_domain_is_refused_naming_it(db, tmp_path):
    for path in DATA_DIR.rglob("*.yaml"):
        target = tmp_path / path.relative_to(DATA_DIR)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    guides = tmp_path / "guides" / "financieel-2012.yaml"
    guides.write_text(
        guides.read_text(encoding="utf-8").replace("  debiteurenbeheer:", "  debiteuren-x:"),
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match="financieel-2012.yaml debiteuren-x"):
        load_catalogue(tmp_path)

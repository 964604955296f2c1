"""Issue 17.6: the financial sub-domains carry their definitions (seed 000 §3.1.3) and the example
activities of seed 000 Bijlage 2, in Dutch as the seed prints them and in French and English,
shown where a respondent or coordinator chooses a component."""

import re

import pytest
import yaml
from django.urls import reverse
from django.utils.html import escape

from tandem.accounts.models import PairRole
from tandem.catalogue.models import Domain, ExampleActivity
from tandem.catalogue.services import DATA_DIR, CatalogueError, load_catalogue
from tests import factories
from tests.catalogue.data_copy import copy_catalogue_data
from tests.seed000 import SUB_DOMAINS, cited, letters

GUIDES = DATA_DIR / "guides" / "financieel-2012.yaml"


def test_every_dutch_text_is_the_seeds_own_at_its_lines():
    data = yaml.safe_load(GUIDES.read_text(encoding="utf-8"))
    assert sorted(data["domains"]) == sorted(SUB_DOMAINS)
    checked = 0
    for slug, guide in data["domains"].items():
        texts = [guide["definition"], *guide["examples"]]
        for text in texts:
            assert letters(text["nl"]) in letters(cited(text["source"])), (slug, text)
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
    copy_catalogue_data(tmp_path)
    guides = tmp_path / "guides" / "financieel-2012.yaml"
    guides.write_text(
        guides.read_text(encoding="utf-8").replace("  debiteurenbeheer:", "  debiteuren-x:"),
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match="financieel-2012.yaml debiteuren-x"):
        load_catalogue(tmp_path)

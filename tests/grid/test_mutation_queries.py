"""Faults in grid/queries.py that a sampled mutation run (issue 15, QUALITY.md T1;
benchmarks/mutation_sample.py) showed the suite let through: what matrix_data() returns for a
factor matrix of the demo's grid campaign (seed 000, §5.2), the focus mapping as plain data,
and the 404 of a pair one may not read."""

import pytest
from django.http import Http404

from tandem.campaigns.models import Campaign
from tandem.catalogue.models import Aspect, Domain, Framework
from tandem.grid.models import FactorMatrix
from tandem.grid.queries import focus_vocabulary, matrix_data, participation_for
from tandem.places.models import Pair

DEMO = "financieel-2012"


def test_matrix_data_holds_its_matrix_and_the_seeds_columns_and_rows(db):
    matrix = FactorMatrix.objects.get(campaign__slug=DEMO, focus__slug="planning")
    data = matrix_data(matrix)
    assert data.matrix == matrix  # the print view heads each table with its focus and title
    # The four cities and 14 factor rows the seed prints for planning (S000:4637-4745).
    assert [printed for _pair, printed in data.columns] == [
        "ANTWERPEN",
        "GENK",
        "BRUGGE",
        "OOSTENDE",
    ]
    assert len(data.rows) == 14


def test_focus_vocabulary_reads_sub_domain_and_component_assignments_apart(db):
    """The default mapping (§6.2.2, catalogue/data/grid.yaml from S000:6960-6968): whole
    sub-domains map to a focus by domain, single components by (domain, component)."""
    framework = Framework.objects.get(slug="financieel-2012")  # the grid framework
    mappings, maps, foci = focus_vocabulary(framework.pk)
    assert mappings[0].slug == "s622" and mappings[0].is_default
    assert [f.slug for f in foci] == ["planning", "processen", "producten"]
    domains = {d.slug: d.pk for d in Domain.objects.filter(framework=framework)}

    def component(domain, slug):
        return (domains[domain], Aspect.objects.get(domain_id=domains[domain], slug=slug).pk)

    focus_map = maps[mappings[0].pk]
    assert dict(focus_map.domains) == {
        domains["financiele-planning"]: "planning",
        domains["rapportering-analyse"]: "processen",
        domains["boekhouding-jaarrekening"]: "processen",
        domains["debiteurenbeheer"]: "processen",
    }
    assert dict(focus_map.components) == {
        component("andere-onderdelen", "project-bbc"): "planning",
        component("financiele-planning", "thesaurie"): "producten",
        component("andere-onderdelen", "aankopen"): "producten",
        component("andere-onderdelen", "leningen"): "producten",
        component("andere-onderdelen", "pensioenen"): "producten",
        component("andere-onderdelen", "hospitalisatieverzekering"): "producten",
    }


def test_a_pair_outside_the_readable_ones_is_a_404_that_says_so(db):
    campaign = Campaign.objects.get(slug=DEMO)
    with pytest.raises(Http404, match="^no such pair in this campaign$"):
        participation_for(Pair.objects.none(), campaign, "41002")

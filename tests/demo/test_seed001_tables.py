"""The 2010 baseline: every table of seed 001 is reproduced exactly by Tandem's matrices."""

import pytest
from django.core.management import call_command

from tandem.campaigns.models import Response
from tandem.campaigns.queries import domain_for, domain_matrix
from tandem.catalogue.models import Aspect
from tandem.core.integrity import check_integrity
from tandem.demo.services import load_demo
from tests.seed001 import DOMAIN_ORDER, read_tables

TABLES = read_tables()


def test_the_seed_holds_fourteen_tables_seven_with_printed_totals():
    assert len(TABLES) == 14
    assert [t.domain for t in TABLES[::2]] == DOMAIN_ORDER
    assert sum(1 for t in TABLES if t.tot_stad is not None) == 7
    assert all(len(t.cells) == 13 for t in TABLES)


def _matrix(campaign, table):
    return domain_matrix(
        campaign, domain_for(campaign, table.domain), table.aspects, language="nl"
    ).matrix


@pytest.mark.parametrize("table", TABLES, ids=lambda t: f"{t.domain}-{t.aspects}-S001:{t.line}")
def test_every_cell_matches_the_seed(demo_campaign, table):
    matrix = _matrix(demo_campaign, table)
    aspects = Aspect.objects.filter(pk__in=[c.key for c in matrix.columns])
    by_pk = {a.pk: a for a in aspects}
    # Columns in questionnaire order carry the seed's column labels, in the seed's order.
    seed_labels = [
        next((label for label in by_pk[c.key].source_labels if label in table.columns), None)
        for c in matrix.columns
    ]
    assert seed_labels == table.columns
    got = {row.header.name: row.cells for row in matrix.rows}
    assert got == table.cells


@pytest.mark.parametrize("table", [t for t in TABLES if t.tot_stad], ids=lambda t: t.domain)
def test_printed_tot_stad_and_tot_aspect_are_reproduced(demo_campaign, table):
    matrix = _matrix(demo_campaign, table)
    assert {row.header.name: row.total for row in matrix.rows} == table.tot_stad
    assert matrix.column_totals == table.tot_aspect


def test_kortrijk_winterdienst_stays_unanswered_and_out_of_the_totals(demo_campaign):
    table = next(t for t in TABLES if t.domain == "facilitair" and t.aspects == "other")
    assert table.cells["Kortrijk"] == [0, 1, None]  # blank in the source
    matrix = _matrix(demo_campaign, table)
    kortrijk = next(r for r in matrix.rows if r.header.name == "Kortrijk")
    assert kortrijk.cells == [0, 1, None]
    assert kortrijk.total == 1
    winter = [c.code for c in matrix.columns].index("winterdienst")
    assert matrix.column_answered[winter] == 12
    assert matrix.column_totals[winter] == 2  # Genk 1 + Roeselare 1
    assert matrix.column_counts[winter] == 2
    response = Response.objects.get(
        pair__municipality__name_nl="Kortrijk", aspect__slug="winterdienst"
    )
    assert response.degree is None


def _counts(campaign, domain, aspect_set="predefined"):
    matrix = domain_matrix(campaign, domain_for(campaign, domain), aspect_set, language="nl").matrix
    return (
        {c.code: n for c, n in zip(matrix.columns, matrix.column_counts, strict=True)},
        {c.code: n for c, n in zip(matrix.columns, matrix.column_formal_counts, strict=True)},
        matrix,
    )


def test_counts_stated_in_the_seed_text(demo_campaign):
    """The report's prose counts cities with cooperation (score above 0), not score sums."""
    fin, _, fin_matrix = _counts(demo_campaign, "financieel")
    # S001:79 "facturatie (1 stad), debiteurendienst (2 steden) en boekhouding (2 steden)",
    # "thesaurie (7 steden) en financieel advies/kostencalculatie (6 steden)".
    assert (fin["facturatie"], fin["debiteurendienst"], fin["boekhouding"]) == (1, 2, 2)
    assert (fin["thesaurie"], fin["financieel-advies"]) == (7, 6)
    # "de meerderheid, 11/13" without boekhouding; "Zeven steden" without fin. advies.
    assert 13 - fin["boekhouding"] == 11
    assert 13 - fin["financieel-advies"] == 7
    # S001:85 most cities cooperate on pensioenkas and offertes (8 and 7 of 13).
    fin_other, _, _ = _counts(demo_campaign, "financieel", "other")
    assert (fin_other["pensioen"], fin_other["offertes"]) == (8, 7)
    # S001:426 "gezamenlijke aankoop van energie en brandstof in 9 steden".
    purchase_other, _, _ = _counts(demo_campaign, "aankoop", "other")
    assert purchase_other["energie"] == 9
    # S001:487 ombud in four cities, formal; preventie in six, mostly informal (4 + 2);
    # juridische dienst 3, managementteams 3, archiefbeheer 4, kwaliteitsmanagement 2.
    other, formal, _ = _counts(demo_campaign, "andere")
    assert (other["ombudsdienst"], formal["ombudsdienst"]) == (4, 4)
    assert (other["preventie"], formal["preventie"]) == (6, 2)
    assert (
        other["juridische-ondersteuning"],
        other["managementteam"],
        other["archiefbeheer"],
        other["kwaliteitsmanagement"],
    ) == (3, 3, 4, 2)
    # S001:485 the één-loket function, where present, is formal (6 cities, all formal).
    assert other["een-loket"] == formal["een-loket"] == 6
    # S001:491 woonwinkel in five cities, adviesraden in "een zestal".
    other_extra, _, _ = _counts(demo_campaign, "andere", "other")
    assert (other_extra["woonwinkel"], other_extra["adviesraden"]) == (5, 6)
    # S001:313 enterprise architecture in Antwerpen, Brugge, Genk, St.Niklaas.
    ict_other, _, ict_other_matrix = _counts(demo_campaign, "ict", "other")
    assert ict_other["enterprise-architecture"] == 4
    # S001:59/70: Oostende, Roeselare, Sint-Niklaas, Turnhout (and Kortrijk) have no financial
    # cooperation at all.
    zero = {r.header.name for r in fin_matrix.rows if r.total == 0}
    assert zero == {"Kortrijk", "Oostende", "Roeselare", "Sint-Niklaas", "Turnhout"}


def test_hasselt_data_of_2010_attaches_to_the_municipality_of_today(demo_campaign):
    participation = demo_campaign.participations.get(pair__municipality__name_nl="Hasselt")
    assert participation.pair.municipality.refnis == "71072"
    assert "71022" in [c.code for c in participation.pair.municipality.former_codes.all()]
    assert participation.source_label == "HASSELT"


def test_seed_misprints_of_sint_niklaas_and_roeselare_resolve_to_one_pair(demo_campaign):
    sint_niklaas = demo_campaign.participations.get(pair__municipality__refnis="46021")
    assert sint_niklaas.source_label == "STRIJKLAAS / STNIKLAAS"
    roeselare = demo_campaign.participations.get(pair__municipality__refnis="36015")
    assert roeselare.source_label == "ROESELARE / ROESLARE"
    assert demo_campaign.participations.count() == 13


def test_loading_the_demo_twice_changes_nothing(demo_campaign):
    before = list(Response.objects.order_by("pk").values_list("pk", "degree", "updated_at"))
    history_before = Response.history.count()
    counts = load_demo()
    assert not any(counts.values())
    assert list(Response.objects.order_by("pk").values_list("pk", "degree", "updated_at")) == before
    assert Response.history.count() == history_before


def test_check_integrity_is_clean_on_the_demo_and_finds_planted_faults(demo_campaign, capsys):
    assert check_integrity() == []
    call_command("check_integrity")
    assert "no integrity problems" in capsys.readouterr().out

    # Plant faults: a changed score (totals disagree with the seed's printed totals) and an
    # answer from a pair that does not take part in the campaign.
    response = Response.objects.get(pair__municipality__name_nl="Gent", aspect__slug="boekhouding")
    response.degree = 0
    response.save()
    outsider = Response.objects.get(pair__municipality__name_nl="Aalst", aspect__slug="leningen")
    Response.objects.create(
        round=outsider.round,
        pair=_pair("21012"),
        aspect=outsider.aspect,
        degree=1,
        status=Response.Status.SUBMITTED,
    )
    kinds = {finding.kind for finding in check_integrity()}
    assert {"tot-stad-differs", "tot-aspect-differs", "pair-not-in-campaign"} <= kinds
    with pytest.raises(Exception, match="integrity problem"):
        call_command("check_integrity")


def _pair(refnis):
    from tandem.places.models import Pair

    return Pair.objects.get(municipality__refnis=refnis)

"""The demo grid campaign "financieel-2012" (seed 000, Bijlage 6) through Tandem's own analysis:
tandem.grid.queries.entry_rows feeding the pure functions of tandem.analysis.grid. Every expected
number below was derived by hand, from the seed's synthesis tables (S000:8032-10342) or, for the
typology (Tandem's reading of each description, SEEDS §8.2 0.20), from the city YAML files in
src/tandem/demo/data/financieel-2012/, and is written literally with how it was found."""

from collections import Counter
from types import SimpleNamespace

import pytest
from django.apps import apps

from tandem.analysis.grid import (
    CURRENT,
    DESIRABLE,
    column_totals,
    cooperating_pairs,
    obstacle_counts,
    obstacle_pairs,
    peer_practice,
    stage_counts,
    typology_distribution,
)
from tandem.campaigns.models import Campaign
from tandem.catalogue.models import Aspect, Domain
from tandem.demo.services import load_demo
from tandem.grid.models import FactorValue, GridEntry, GridObstacle, SynthesisTable
from tandem.grid.queries import entry_rows
from tandem.places.models import Pair

CITIES = [
    "Aalst",
    "Antwerpen",
    "Brugge",
    "Genk",
    "Gent",
    "Hasselt",
    "Kortrijk",
    "Leuven",
    "Mechelen",
    "Oostende",
    "Roeselare",
    "Sint-Niklaas",
    "Turnhout",
]

# Read by hand from each city's synthesis table in the seed, sub-domains 1..7 left to right:
# "Y" = at least one component under Huidige (current) / Wenselijke (desirable), "N" = only "Geen
# (verdere) samenwerking (wenselijk)" (also "Geen samenwerking (wel bovenlokaal)"). The rows cited
# are the seed lines of each "Huidige" block, then each "Wenselijke" block.
CURRENT_BY_HAND = {
    "Aalst": "YNNYYYY",  # 8110 · 8171 · 8177 · 8186 · 8205 · 8225 (no "Huidige" label) · 8251
    "Antwerpen": "YYYYYYY",  # 8274 · 8334 · 8365 · 8415 · 8442 · 8465 · 8503
    "Brugge": "YNYYNYY",  # 8530 · 8555 · 8568 · 8587 (Procedure dwangbevelen) · 8609 · 8616 · 8681
    "Genk": "YNNYYYY",  # 8703 · 8746 · 8757 · 8772 · 8817 · 8827 · 8903
    "Gent": "YNYYYYN",  # 8924 · 8987 · 9020 · 9040 (Subsidies) · 9071 · 9087 · 9107
    "Hasselt": "YNNNNYY",  # 9130 · 9164 · 9173 · 9181 · 9191 · 9197 · 9239
    "Kortrijk": "YNNYNYY",  # 9254 · 9285 · 9293 (wel bovenlokaal) · 9313 · 9372 · 9385 · 9419
    "Leuven": "YNYNNYN",  # 9442 · 9467 · 9478 · 9505 · 9521 · 9531 · 9560
    "Mechelen": "YNNYNYY",  # 9578 · 9611 · 9621 (wel bovenlokaal) · 9651 · 9665 · 9679 · 9706
    "Oostende": "YNNYNYN",  # 9730 · 9761 · 9771 · 9785 (Subsidie ...) · 9803 · 9814 · 9828
    "Roeselare": "YNNNNYY",  # 9867 · 9892 · 9906 (wel bovenlokaal) · 9921 · 9927 · 9936 · 9979
    "Sint-Niklaas": "YYYYNYN",  # 10003 · 10040 · 10093 · 10108 · 10134 · 10142 · 10210
    "Turnhout": "YNYYNYN",  # 10228 · 10247 · 10258 · 10277 · 10291 (bovenlokaal) · 10309 · 10337
}
DESIRABLE_BY_HAND = {
    "Aalst": "YNYYNNY",  # 8140 · 8176 · 8181 · 8194 · 8218 · 8247 · 8260
    "Antwerpen": "NNYYNNY",  # 8332 · 8361 · 8400 · 8427 · 8461 · 8499 · 8523
    "Brugge": "YYYYYNN",  # 8550 · 8557 Boekhouding (?) · 8580 · 8592 · 8611 · 8652 · 8692
    "Genk": "YYYYYNN",  # 8739 · 8748 · 8761 · 8778 · 8823 · 8877 · 8913
    "Gent": "YYYYYYN",  # 8956 · 8989 · 9029 · 9046 · 9076 · 9102 · 9112
    "Hasselt": "YYYNNYN",  # 9157 · 9166 · 9177 · 9183 · 9193 · 9216 · 9250
    "Kortrijk": "YNYYNNN",  # 9271 · 9287 · 9304 · 9318 · 9374 · 9412 · 9429
    "Leuven": "YYYYNYN",  # 9461 · 9469 · 9491 · 9507 · 9523 · 9552 · 9565
    "Mechelen": "NYYNNYN",  # 9602 · 9613 · 9627 · 9660 · 9667 · 9701 · 9719
    "Oostende": "YYYYYYY",  # 9739 · 9763 · 9775 · 9788 · 9805 · 9822 · 9833
    # 9894 "Boekhouding (?)" is printed as a desirable component although its text says it is
    # not desirable now; it is an answer with a component, as printed.
    "Roeselare": "NYNNNYN",  # 9883 · 9894 · 9917 · 9923 · 9929 · 9967 · 9987
    "Sint-Niklaas": "NYNYYYN",  # 10030 · 10045 · 10098 · 10115 · 10136 · 10179 · 10215
    "Turnhout": "YYNNYYN",  # 10242 · 10249 · 10273 · 10282 · 10299 · 10329 · 10342
}
# Per sub-domain: (current cooperating, current "no", desirable cooperating, desirable "no"),
# counted by hand down the columns of the two tables above. Every pair answered every sub-domain
# in both stages (no block is empty in the seed), so each pair of numbers adds up to 13.
STAGE_COUNTS_BY_HAND = {
    1: (13, 0, 9, 4),  # desirable "no": Antwerpen, Mechelen, Roeselare, Sint-Niklaas
    2: (2, 11, 10, 3),  # current: Antwerpen, Sint-Niklaas; des. "no": Aalst, Antwerpen, Kortrijk
    3: (6, 7, 10, 3),  # current: Antwerpen, Brugge, Gent, Leuven, Sint-Niklaas, Turnhout
    4: (10, 3, 9, 4),  # current "no": Hasselt, Leuven, Roeselare
    5: (4, 9, 6, 7),  # current: Aalst, Antwerpen, Genk, Gent
    6: (13, 0, 8, 5),  # des. "no": Aalst, Antwerpen, Brugge, Genk, Kortrijk
    7: (8, 5, 3, 10),  # desirable: Aalst, Antwerpen, Oostende
}


@pytest.fixture
def grid(db):
    campaign = Campaign.objects.get(slug="financieel-2012")
    pairs = Pair.objects.filter(participations__campaign=campaign)
    names = dict(pairs.values_list("pk", "municipality__name_nl"))
    domains = dict(Domain.objects.filter(framework=campaign.framework).values_list("number", "pk"))

    def component(number, slug):
        return Aspect.objects.get(domain_id=domains[number], slug=slug).pk

    return SimpleNamespace(
        campaign=campaign,
        rows=entry_rows(campaign),
        names=names,
        pair={name: pk for pk, name in names.items()},
        domains=domains,
        component=component,
    )


def _names(grid, pairs) -> set[str]:
    return {grid.names[p] for p in pairs}


def test_the_campaign_has_the_thirteen_centrumsteden(grid):
    assert sorted(grid.names.values()) == CITIES
    assert sorted(grid.domains) == [1, 2, 3, 4, 5, 6, 7]


def test_the_hand_tables_agree_with_the_hand_counts():
    """A check of the arithmetic in this file, before it is set against the data."""
    for number, expected in STAGE_COUNTS_BY_HAND.items():
        current = sum(CURRENT_BY_HAND[c][number - 1] == "Y" for c in CITIES)
        desirable = sum(DESIRABLE_BY_HAND[c][number - 1] == "Y" for c in CITIES)
        assert (current, 13 - current, desirable, 13 - desirable) == expected


def test_stage_counts_per_sub_domain_match_the_seed(grid):
    table = stage_counts(grid.rows, list(grid.names), list(grid.domains.values()))
    for number, (current, current_none, desirable, desirable_none) in STAGE_COUNTS_BY_HAND.items():
        counts = table[grid.domains[number]]
        assert (counts[CURRENT].cooperating, counts[CURRENT].none) == (current, current_none), (
            f"sub-domain {number} current"
        )
        assert (counts[DESIRABLE].cooperating, counts[DESIRABLE].none) == (
            desirable,
            desirable_none,
        ), f"sub-domain {number} desirable"
        # No sub-domain is unanswered in the demo: "no" is an answer, never a gap.
        assert counts[CURRENT].unanswered == counts[DESIRABLE].unanswered == 0


@pytest.mark.parametrize("number", range(1, 8))
def test_the_cooperating_pairs_are_the_ones_read_in_the_seed(grid, number):
    domain = grid.domains[number]
    for stage, by_hand in ((CURRENT, CURRENT_BY_HAND), (DESIRABLE, DESIRABLE_BY_HAND)):
        expected = {c for c in CITIES if by_hand[c][number - 1] == "Y"}
        assert _names(grid, cooperating_pairs(grid.rows, domain, stage)) == expected, stage


# Current entries per typology value, summed over the sub-domains. Derived by hand from the
# `typology` of each current, non-"none" entry in the 13 city files (an entry with several
# components counts once), city by city in CITIES order:
#   level strategisch : 2+5+3+2+2+3+1+1+1+1+1+2+4 = 28
#   level tactisch    : 1+4+3+5+4+0+1+1+3+1+3+3+0 = 29
#   level operationeel: 7+10+3+4+5+3+5+4+6+2+3+4+2 = 58
#   level unclassified: Aalst 1 Thesaurie, Antwerpen 1 Thesaurie, Genk 7 Beroepsverenigingen = 3
#   formalisation formeel  : 9+17+3+8+4+0+3+1+5+3+2+3+3 = 61
#   formalisation informeel: 1+2+5+4+3+5+4+2+5+1+5+6+3 = 46
#   formalisation unclassified: 1+1+1+0+4+1+0+3+0+0+0+0+0 = 11
# 118 current entries in all (11+20+9+12+11+6+7+6+10+4+7+9+6).
LEVELS_BY_HAND = {"strategisch": 28, "tactisch": 29, "operationeel": 58, None: 3}
FORMALISATION_BY_HAND = {"formeel": 61, "informeel": 46, None: 11}


def test_typology_of_current_entries_summed_over_sub_domains(grid):
    levels = column_totals(typology_distribution(grid.rows, "level"))
    formalisation = column_totals(typology_distribution(grid.rows, "formalisation"))
    assert levels == Counter(LEVELS_BY_HAND)
    assert formalisation == Counter(FORMALISATION_BY_HAND)
    assert sum(levels.values()) == 118
    current = [r for r in grid.rows if r.stage == CURRENT and not r.is_none]
    assert len(current) == 118


def test_the_seeds_level_conclusion_only_half_holds_in_the_data(grid):
    """S000:3409-3415 and 7003-7009 conclude that cooperation is mostly on the strategic and
    operational levels, "eerder dan" on the tactical one. In Tandem's reading of the entries the
    operational level dominates (58 of 118), but tactical entries (29) are as many as strategic
    ones (28), one more even: the conclusion holds for "operational", not for "strategic rather
    than tactical". (The seed counts by theme, planning and producten against processen, at
    7003-7009, not by entry; and its own typology per entry is not reported, SEEDS §8.2 0.20.)"""
    levels = column_totals(typology_distribution(grid.rows, "level"))
    # Operational entries outnumber strategic and tactical ones together (58 > 28 + 29).
    assert levels["operationeel"] > levels["strategisch"] + levels["tactisch"]
    assert levels["tactisch"] > levels["strategisch"]  # not "less tactical than strategic"
    assert levels["tactisch"] - levels["strategisch"] == 1


def _current_on(grid, number, slug) -> set[str]:
    component = grid.component(number, slug)
    return {
        grid.names[r.pair]
        for r in grid.rows
        if r.stage == CURRENT and not r.is_none and component in r.components
    }


def test_pairs_with_a_current_joint_pension_fund(grid):
    """By hand from the sub-domain-6 rows of the tables: Aalst "-Pensioenfonds" merged since 2010
    (8228, 8234-8236), Antwerpen "Hospitalisatieverzekering, en pensioenbeleid" (2nd pillar for
    contract staff, 8480-8486), Genk (8861, 8871-8872), Gent "Beheer pensioenreserves" (9093,
    9096-9098), Roeselare (9953, 9963-9965), Turnhout (10320-10321). Six. The seed's text says
    five, without Aalst (S000:3223-3225; SEEDS §8.2 0.9)."""
    assert _current_on(grid, 6, "pensioenen") == {
        "Aalst",
        "Antwerpen",
        "Genk",
        "Gent",
        "Roeselare",
        "Turnhout",
    }


def test_pairs_with_current_joint_loans(grid):
    """By hand: the sub-domain-6 rows name joint loans for Brugge ("-Leningen" 8642, 8648-8651)
    and Genk ("-Leningen en uitgifte thesauriebewijzen" 8858-8859, 8867-8869). The seed's text
    names three cities, Brugge, Antwerpen and Genk (S000:3221-3223): Antwerpen's joint (mega)
    loan of 2007 is printed in its sub-domain-1 Thesaurie cell (8327), so it is found under the
    component thesaurie, not leningen (components belong to one sub-domain)."""
    assert _current_on(grid, 6, "leningen") == {"Brugge", "Genk"}
    assert "Antwerpen" in _current_on(grid, 1, "thesaurie")


def test_pairs_with_current_joint_hospitalisation_insurance(grid):
    """By hand: Antwerpen (8480-8486), Mechelen (9694-9698), Turnhout (10319-10321) and
    Sint-Niklaas, whose Overheidsopdrachten cell gives "hospitalisatieverzekering" as an example
    of its joint public procurement (10175-10177). Four, as the seed's text says (S000:3225-3227:
    Antwerpen, Mechelen, Sint-Niklaas en Turnhout)."""
    assert _current_on(grid, 6, "hospitalisatieverzekering") == {
        "Antwerpen",
        "Mechelen",
        "Sint-Niklaas",
        "Turnhout",
    }


# Current cooperation on debtors (sub-domain 4, component debiteurenbeheer), by hand: Aalst
# "Fiscale debiteuren" (8186), Antwerpen (8415), Brugge "Procedure dwangbevelen" (8587), Genk
# (8772), Kortrijk (9313), Mechelen (9651), Sint-Niklaas (10108), Turnhout (10277). Gent (9040)
# and Oostende (9785) cooperate on subsidies only; Hasselt, Leuven, Roeselare not at all.
DEBTORS_BY_HAND = {
    "Aalst",
    "Antwerpen",
    "Brugge",
    "Genk",
    "Kortrijk",
    "Mechelen",
    "Sint-Niklaas",
    "Turnhout",
}


def test_pairs_with_current_debtor_cooperation(grid):
    """Eight. The seed's text says "9 van de 13" (S000:3106); SEEDS §8.2 0.8 finds 7, or 8 when
    Brugge's informal question about the dwangbevel procedure counts, as it does here."""
    assert _current_on(grid, 4, "debiteurenbeheer") == DEBTORS_BY_HAND


def test_peer_practice_on_debtors_for_aalst(grid):
    component = grid.component(4, "debiteurenbeheer")
    peers = peer_practice(grid.rows, component, grid.pair["Aalst"])
    assert _names(grid, peers) == DEBTORS_BY_HAND - {"Aalst"}
    # The asking pair is not its own peer, although it cooperates on debtors itself.
    assert "Aalst" not in _names(grid, peers)
    # Gent (9046), Leuven (9507) and Oostende (9788) only wish to cooperate on debtors; Hasselt
    # and Roeselare answered "no" in both stages (9181-9183, 9921-9923).
    desirable_only = {"Gent", "Leuven", "Oostende"}
    for name in desirable_only:
        assert any(
            r.stage == DESIRABLE and component in r.components
            for r in grid.rows
            if r.pair == grid.pair[name]
        ), name
    assert not (_names(grid, peers) & (desirable_only | {"Hasselt", "Roeselare"}))
    for pair, entries in peers.items():
        assert entries, grid.names[pair]
        assert all(e.stage == CURRENT and not e.is_none for e in entries)
        assert all(component in e.components for e in entries)
    assert len(peers[grid.pair["Antwerpen"]]) == 1  # Debiteurenbeheer 8415 (Subsidies is not)


def test_peer_practice_on_mjp_and_dotatie_for_hasselt(grid):
    """Every table opens sub-domain 1 with current cooperation on the MJP and the dotatie: the 12
    other cities are Hasselt's peers. Antwerpen with two entries: "MJP" (8274) and "Dotatie
    (jaarlijks budget stad en OCMW, ...)" (8288)."""
    component = grid.component(1, "mjp-dotatie")
    peers = peer_practice(grid.rows, component, grid.pair["Hasselt"])
    assert _names(grid, peers) == set(CITIES) - {"Hasselt"}
    assert {grid.names[p]: len(e) for p, e in peers.items()} == {
        name: (2 if name == "Antwerpen" else 1) for name in CITIES if name != "Hasselt"
    }
    # Without an asking pair, Hasselt is one of the 13.
    assert len(peer_practice(grid.rows, component)) == 13


def test_peer_practice_on_loans_for_oostende_leaves_out_wishes(grid):
    """Oostende wishes joint loans (9822); Leuven's desirable tender with financial institutions
    (9552) is filed under leningen too. Neither cooperates on loans now: the peers are Brugge and
    Genk only."""
    component = grid.component(6, "leningen")
    peers = peer_practice(grid.rows, component, grid.pair["Oostende"])
    assert _names(grid, peers) == {"Brugge", "Genk"}
    wishing = {
        grid.names[r.pair] for r in grid.rows if r.stage == DESIRABLE and component in r.components
    }
    assert wishing == {"Oostende", "Leuven"}


def test_pairs_naming_a_legal_obstacle_to_debtor_cooperation(grid):
    """Sub-domain 4, obstacles of type juridisch (privacy, the ontvanger's autonomy, "wettelijk"),
    by hand: Antwerpen "Juridische obstakels" (8436-8441), Brugge "Juridisch obstakel:
    privacywetgeving" and "Juridisch/praktisch" (8601-8608), Genk (8781-8784), Gent "privacy-
    wetgeving?" (9064-9065), Kortrijk art. 94 (9322-9328), Leuven (9516-9520), Mechelen
    "Wettelijke obstakels: privacyregelgeving" next to its "Geen verdere samenwerking wenselijk"
    (9660-9664), Oostende (9797-9802), Sint-Niklaas "Wettelijk obstakel" (10121-10123). Nine.
    Technical obstacles instead: Aalst (8201-8204) and Turnhout (10289-10290)."""
    domain = grid.domains[4]
    by_type = obstacle_pairs(grid.rows)[domain]
    assert _names(grid, by_type["juridisch"]) == {
        "Antwerpen",
        "Brugge",
        "Genk",
        "Gent",
        "Kortrijk",
        "Leuven",
        "Mechelen",
        "Oostende",
        "Sint-Niklaas",
    }
    assert _names(grid, by_type["technisch"]) == {"Aalst", "Turnhout"}
    assert obstacle_counts(grid.rows)[domain]["juridisch"] == 9


def test_attitudes_of_the_pairs(grid):
    """S000:3879-3891 names the proactive cities, 3893-3905 the reticent ones; the third group
    ("de discussie leeft niet echt", 3490-3496) has no named member (SEEDS §8.2 0.21)."""
    attitudes = dict(
        SynthesisTable.objects.filter(participation__campaign=grid.campaign).values_list(
            "participation__pair__municipality__name_nl", "attitude"
        )
    )
    by_attitude = {}
    for name, attitude in attitudes.items():
        by_attitude.setdefault(attitude, set()).add(name)
    assert by_attitude == {
        "proactive": {"Antwerpen", "Genk", "Gent", "Sint-Niklaas", "Mechelen"},
        "reticent": {"Aalst", "Brugge", "Hasselt", "Roeselare"},
        "": {"Kortrijk", "Leuven", "Oostende", "Turnhout"},
    }


def _grid_snapshot():
    """Row counts of every model of the grid app, history and m2m history included, and the
    version stamps of the records the loader syncs."""
    counts = {
        m._meta.label: m._default_manager.count() for m in apps.get_app_config("grid").get_models()
    }
    stamps = {
        model._meta.label: list(
            model.objects.order_by("pk").values_list("pk", "version", "updated_at")
        )
        for model in (SynthesisTable, GridEntry, FactorValue)
    }
    components = list(
        GridEntry.components.through.objects.order_by("pk").values_list("pk", "aspect_id")
    )
    obstacles = list(GridObstacle.objects.order_by("pk").values_list("pk", "entry_id", "text"))
    return counts, stamps, components, obstacles


def test_loading_the_demo_a_second_time_changes_nothing(grid):
    before = _grid_snapshot()
    assert any(label.startswith("grid.Historical") for label in before[0])
    counts = load_demo()
    assert not any(counts.values()), {k: v for k, v in counts.items() if v}
    assert _grid_snapshot() == before

"""The pure grid functions (tandem.analysis.grid) on small hand-made synthesis entries."""

from collections import Counter

import pytest

from tandem.analysis.grid import (
    CURRENT,
    DESIRABLE,
    UNCLASSIFIED,
    EntryRow,
    FocusMap,
    column_totals,
    component_degrees,
    cooperating_pairs,
    degree_of,
    focus_counts,
    obstacle_counts,
    obstacle_pairs,
    peer_practice,
    stage_counts,
    typology_distribution,
)

_keys = iter(range(1, 10_000))


def entry(pair, domain, stage=CURRENT, *components, none=False, obstacles=(), **typology):
    return EntryRow(
        key=next(_keys),
        pair=pair,
        domain=domain,
        stage=stage,
        is_none=none,
        components=tuple(components),
        typology=typology,
        obstacle_types=tuple(tuple(o) for o in obstacles),
    )


# ---- stage_counts / cooperating_pairs: "no" is an answer, a missing stage is unanswered ----


def test_stage_counts_tell_cooperating_none_and_unanswered_apart():
    entries = [
        entry("A", 1, CURRENT, "mjp"),
        entry("A", 1, DESIRABLE, "mjp"),
        entry("B", 1, CURRENT, none=True),
        entry("B", 1, DESIRABLE, none=True),
        entry("C", 1, DESIRABLE, "thesaurie"),  # C says nothing about current cooperation
        entry("A", 2, CURRENT, none=True),
    ]
    table = stage_counts(entries, ["A", "B", "C"], [1, 2])
    current, desirable = table[1][CURRENT], table[1][DESIRABLE]
    assert (current.cooperating, current.none, current.unanswered) == (1, 1, 1)
    assert (desirable.cooperating, desirable.none, desirable.unanswered) == (2, 1, 0)
    # Sub-domain 2: only A answered, with "no"; B and C did not answer at all.
    assert (table[2][CURRENT].cooperating, table[2][CURRENT].none) == (0, 1)
    assert table[2][CURRENT].unanswered == 2
    assert table[2][DESIRABLE].unanswered == 3  # nobody answered: never counted as "no"


def test_a_component_next_to_a_no_counts_as_cooperating():
    entries = [entry("A", 1, CURRENT, none=True), entry("A", 1, CURRENT, "mjp")]
    counts = stage_counts(entries, ["A"], [1])[1][CURRENT]
    assert (counts.cooperating, counts.none, counts.unanswered) == (1, 0, 0)
    # Order does not matter.
    counts = stage_counts(list(reversed(entries)), ["A"], [1])[1][CURRENT]
    assert (counts.cooperating, counts.none) == (1, 0)


def test_stage_counts_only_count_the_pairs_and_domains_asked_for():
    entries = [entry("A", 1, CURRENT, "mjp"), entry("Z", 1, CURRENT, "mjp"), entry("A", 9)]
    table = stage_counts(entries, ["A", "B"], [1])
    assert list(table) == [1]
    assert table[1][CURRENT].cooperating == 1  # Z is not among the pairs
    assert table[1][CURRENT].unanswered == 1  # B


def test_every_pair_is_counted_exactly_once_per_domain_and_stage():
    entries = [
        entry("A", 1, CURRENT, "mjp"),
        entry("A", 1, CURRENT, "thesaurie"),
        entry("B", 1, CURRENT, none=True),
        entry("B", 1, CURRENT, none=True),
    ]
    counts = stage_counts(entries, ["A", "B", "C", "D"], [1])[1][CURRENT]
    assert (counts.cooperating, counts.none, counts.unanswered) == (1, 1, 2)
    assert counts.cooperating + counts.none + counts.unanswered == 4


def test_cooperating_pairs_leave_out_none_and_the_other_stage():
    entries = [
        entry("A", 1, CURRENT, "mjp"),
        entry("B", 1, CURRENT, none=True),
        entry("C", 1, DESIRABLE, "mjp"),
        entry("D", 2, CURRENT, "boekhouding"),
    ]
    assert cooperating_pairs(entries, 1, CURRENT) == {"A"}
    assert cooperating_pairs(entries, 1, DESIRABLE) == {"C"}
    assert cooperating_pairs(entries, 3, CURRENT) == set()


# ---- typology ----


def test_typology_distribution_counts_entries_per_value_and_unclassified():
    entries = [
        entry("A", 1, CURRENT, "mjp", level="strategisch"),
        entry("A", 1, CURRENT, "thesaurie", level="operationeel"),
        entry("B", 1, CURRENT, "mjp", level="strategisch"),
        entry("B", 1, CURRENT, "parameters"),  # level not told
        entry("C", 1, CURRENT, "mjp", level=""),  # empty is unclassified too
        entry("C", 1, CURRENT, none=True),  # "no" has no typology: left out
        entry("A", 2, CURRENT, "boekhouding", level="tactisch"),
        entry("A", 1, DESIRABLE, "mjp", level="tactisch"),  # other stage
    ]
    table = typology_distribution(entries, "level")
    assert table == {
        1: Counter({"strategisch": 2, "operationeel": 1, UNCLASSIFIED: 2}),
        2: Counter({"tactisch": 1}),
    }
    assert column_totals(table) == Counter(
        {"strategisch": 2, "operationeel": 1, "tactisch": 1, UNCLASSIFIED: 2}
    )
    desirable = typology_distribution(entries, "level", stage=DESIRABLE)
    assert desirable == {1: Counter({"tactisch": 1})}
    both = column_totals(typology_distribution(entries, "level", stage=None))
    assert both["tactisch"] == 2
    assert sum(both.values()) == 7  # every entry but the "no"


def test_typology_distribution_rejects_an_unknown_dimension():
    with pytest.raises(ValueError, match="unknown typology dimension 'colour'"):
        typology_distribution([], "colour")


def test_typology_distribution_of_nothing_is_empty():
    assert typology_distribution([], "formalisation") == {}
    assert column_totals({}) == Counter()


# ---- obstacles ----


def test_obstacle_pairs_count_each_pair_once_per_type():
    entries = [
        entry("A", 4, DESIRABLE, "deb", obstacles=[("juridisch",), ("juridisch", "technisch")]),
        entry("A", 4, DESIRABLE, "subsidies", obstacles=[("juridisch",)]),
        entry("B", 4, DESIRABLE, none=True, obstacles=[("juridisch",)]),  # on a "no": counts
        entry("C", 4, DESIRABLE, "deb", obstacles=[()]),  # an untyped obstacle
        entry("C", 1, DESIRABLE, "mjp", obstacles=[("cultureel",)]),
    ]
    assert obstacle_pairs(entries) == {
        4: {"juridisch": {"A", "B"}, "technisch": {"A"}},
        1: {"cultureel": {"C"}},
    }
    assert obstacle_counts(entries) == {
        4: Counter({"juridisch": 2, "technisch": 1}),
        1: Counter({"cultureel": 1}),
    }
    assert obstacle_counts([entry("A", 4, DESIRABLE, "deb")]) == {}


# ---- foci ----

FOCI = FocusMap(
    domains={1: "planning", 2: "processen", 6: "producten"},
    components={(6, "bbc"): "planning", (1, "thesaurie"): "producten"},
)


def test_a_component_assignment_wins_over_its_domains_assignment():
    assert FOCI.foci_of(entry("A", 6, CURRENT, "bbc")) == {"planning"}
    assert FOCI.foci_of(entry("A", 6, CURRENT, "aankopen")) == {"producten"}
    assert FOCI.foci_of(entry("A", 1, CURRENT, "thesaurie")) == {"producten"}
    assert FOCI.foci_of(entry("A", 1, CURRENT, "mjp")) == {"planning"}


def test_an_entry_with_several_components_can_belong_to_several_foci():
    assert FOCI.foci_of(entry("A", 6, CURRENT, "bbc", "aankopen")) == {"planning", "producten"}
    assert FOCI.foci_of(entry("A", 1, CURRENT, "mjp", "thesaurie")) == {"planning", "producten"}


def test_entries_without_components_take_their_domains_focus_or_none():
    assert FOCI.foci_of(entry("A", 2, CURRENT, none=True)) == {"processen"}
    assert FOCI.foci_of(entry("A", 5, CURRENT, "visum")) == set()  # sub-domain 5: no focus
    only_components = FocusMap(domains={}, components={(6, "bbc"): "planning"})
    assert only_components.foci_of(entry("A", 6, CURRENT, "aankopen")) == set()
    assert only_components.foci_of(entry("A", 6, CURRENT, "bbc")) == {"planning"}


def test_focus_counts_count_pairs_and_entries_without_the_nos():
    entries = [
        entry("A", 1, CURRENT, "mjp"),
        entry("A", 1, CURRENT, "parameters"),
        entry("B", 6, CURRENT, "bbc"),  # planning by its component
        entry("B", 6, CURRENT, "aankopen"),
        entry("C", 1, DESIRABLE, "mjp"),
        entry("C", 2, CURRENT, none=True),  # a "no" is in no focus count
        entry("D", 5, CURRENT, "visum"),  # in no focus
    ]
    counts = focus_counts(entries, FOCI, ["planning", "processen", "producten"])
    assert counts == {
        "planning": {
            "current_pairs": 2,
            "desirable_pairs": 1,
            "current_entries": 3,
            "desirable_entries": 1,
        },
        "processen": {
            "current_pairs": 0,
            "desirable_pairs": 0,
            "current_entries": 0,
            "desirable_entries": 0,
        },
        "producten": {
            "current_pairs": 1,
            "desirable_pairs": 0,
            "current_entries": 1,
            "desirable_entries": 0,
        },
    }
    # Foci not asked for are left out.
    assert list(focus_counts(entries, FOCI, ["producten"])) == ["producten"]


# ---- peer practice ----


def test_peer_practice_lists_only_other_pairs_current_entries_on_the_component():
    ours = entry("A", 4, CURRENT, "deb")
    b1, b2 = entry("B", 4, CURRENT, "deb", level="operationeel"), entry("B", 4, CURRENT, "deb")
    c = entry("C", 4, CURRENT, "subsidies", "deb")
    entries = [
        ours,
        b1,
        b2,
        c,
        entry("D", 4, DESIRABLE, "deb"),  # only wishes to
        entry("E", 4, CURRENT, none=True),  # answered "no"
        entry("E", 4, DESIRABLE, none=True),
        entry("F", 4, CURRENT, "subsidies"),  # another component
    ]
    peers = peer_practice(entries, "deb", "A")
    assert peers == {"B": [b1, b2], "C": [c]}
    assert set(peer_practice(entries, "deb")) == {"A", "B", "C"}
    assert peer_practice(entries, "nothing", "A") == {}


# ---- degrees: the grid on the questionnaire's 0/1/2 scale ----


def test_degree_of_formal_recorded_none_and_nothing():
    assert degree_of([entry("A", 1, CURRENT, "mjp", formalisation="formeel")]) == 2
    assert degree_of([entry("A", 1, CURRENT, "mjp", formalisation="informeel")]) == 1
    assert degree_of([entry("A", 1, CURRENT, "mjp")]) == 1  # recorded, formalisation unknown
    assert degree_of([entry("A", 1, CURRENT, none=True)]) == 0
    assert degree_of([]) is None
    assert degree_of([entry("A", 1, DESIRABLE, "mjp", formalisation="formeel")]) is None


def test_degree_of_takes_the_highest_whatever_the_order():
    informal = entry("A", 1, CURRENT, "mjp", formalisation="informeel")
    formal = entry("A", 1, CURRENT, "mjp", formalisation="formeel")
    none = entry("A", 1, CURRENT, none=True)
    assert degree_of([none, informal]) == 1
    assert degree_of([informal, none]) == 1
    assert degree_of([informal, formal, none]) == 2
    assert degree_of([none, formal]) == 2
    assert degree_of([none, none]) == 0


def test_component_degrees_score_unnamed_components_of_an_answered_domain_zero():
    domains = {1: ["mjp", "thesaurie", "parameters"], 4: ["deb"]}
    entries = [
        entry("A", 1, CURRENT, "mjp", formalisation="formeel"),
        entry("A", 1, CURRENT, "thesaurie", formalisation="informeel"),
        entry("B", 1, CURRENT, none=True),  # "no" for the whole sub-domain
        entry("C", 1, DESIRABLE, "mjp"),  # a wish only: nothing about the present
        entry("C", 7, CURRENT, "externe"),  # a domain outside the mapping
    ]
    assert sorted(component_degrees(entries, domains)) == [
        ("A", "mjp", 2),
        ("A", "parameters", 0),
        ("A", "thesaurie", 1),
        ("B", "mjp", 0),
        ("B", "parameters", 0),
        ("B", "thesaurie", 0),
    ]
    assert component_degrees([], domains) == []

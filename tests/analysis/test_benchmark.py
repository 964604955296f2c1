"""The pure benchmark functions (tandem.analysis.benchmark) on small hand-made rows: None is 'no
answer' and is never counted as 0."""

import pytest

from tandem.analysis.benchmark import (
    PairTotals,
    distribution,
    group_summaries,
    median,
    median_profile,
    pair_totals,
    profile_against,
    ranking,
    trend,
)

DOMAINS = ["fin", "hr"]


def row(key, name, fin=None, hr=None, group=""):
    return PairTotals(key, name, str(key), {"fin": fin, "hr": hr}, group)


# ---- totals ----


def test_a_total_sums_the_answered_domains_and_is_none_without_any():
    assert row(1, "A", 3, None).total == 3
    assert row(1, "A", 0, None).total == 0  # 0 is an answer
    assert row(1, "A", 0, 0).total == 0
    assert row(1, "A", 2, 5).total == 7
    assert row(1, "A").total is None


def test_pair_totals_place_sums_sort_by_name_and_ignore_strangers():
    rows = pair_totals(
        [(1, "Zele", "46029"), (2, "Écaussinnes", "55050"), (3, "aalter", "44084")],
        [(1, "fin", 4), (1, "hr", None), (2, "hr", 0), (9, "fin", 5), (3, "other", 7)],
        DOMAINS,
    )
    assert [r.name for r in rows] == ["aalter", "Écaussinnes", "Zele"]
    by_name = {r.name: r for r in rows}
    assert by_name["Zele"].totals == {"fin": 4, "hr": None}
    assert by_name["Écaussinnes"].totals == {"fin": None, "hr": 0}
    assert by_name["aalter"].totals == {"fin": None, "hr": None}  # its 'other' domain ignored
    assert by_name["aalter"].total is None
    assert by_name["Écaussinnes"].total == 0


# ---- ranking ----


def test_ranking_gives_competition_ranks_and_breaks_ties_by_name():
    rows = [
        row(1, "Brugge", 5),
        row(2, "Aalst", 3),
        row(3, "Écaussinnes", 3),
        row(4, "Gent", 7),
        row(5, "Hasselt", 1),
    ]
    ranked = [(rank, r.name) for rank, r in ranking(rows)]
    assert ranked == [(1, "Gent"), (2, "Brugge"), (3, "Aalst"), (3, "Écaussinnes"), (5, "Hasselt")]


def test_ranking_ties_at_the_top_and_unanswered_rows_last_unranked():
    rows = [row(1, "C", 4), row(2, "B", 4), row(3, "A"), row(4, "D", 0), row(5, "E", 2)]
    ranked = [(rank, r.name) for rank, r in ranking(rows)]
    assert ranked == [(1, "B"), (1, "C"), (3, "E"), (4, "D"), (0, "A")]


def test_ranking_on_one_domain_uses_that_domain_only():
    rows = [row(1, "A", 1, 9), row(2, "B", 2, None), row(3, "C", None, 1)]
    assert [(rank, r.name) for rank, r in ranking(rows, "fin")] == [(1, "B"), (2, "A"), (0, "C")]
    assert [(rank, r.name) for rank, r in ranking(rows, "hr")] == [(1, "A"), (2, "C"), (0, "B")]
    assert [(rank, r.name) for rank, r in ranking(rows)] == [(1, "A"), (2, "B"), (3, "C")]
    assert ranking([]) == []


# ---- medians and groups ----


def test_median_leaves_none_out_and_counts_zero():
    assert median([1, None, 3]) == 2
    assert median([None, 0, 4]) == 2  # (0 + 4) / 2: the 0 counts, the None does not
    assert median([0, None, None]) == 0
    assert median([5, 1, 3, 2]) == 2.5
    assert median([None, None]) is None
    assert median([]) is None


def test_median_profile_per_domain():
    rows = [row(1, "A", 1, None), row(2, "B", 3, None), row(3, "C", 8, 0)]
    assert median_profile(rows, DOMAINS) == {"fin": 3, "hr": 0}
    assert median_profile([], DOMAINS) == {"fin": None, "hr": None}


def test_group_summaries_per_group_in_name_order():
    rows = [
        row(1, "A", 2, 2, group="West-Vlaanderen"),
        row(2, "B", 4, None, group="West-Vlaanderen"),
        row(3, "C", None, None, group="West-Vlaanderen"),  # counted in the size only
        row(4, "D", 1, 0, group="Antwerpen"),
        row(5, "E", group="Éénhoek"),  # no answers at all
    ]
    summaries = group_summaries(rows, DOMAINS, lambda r: r.group)
    assert [s.label for s in summaries] == ["Antwerpen", "Éénhoek", "West-Vlaanderen"]
    antwerpen, eenhoek, west = summaries
    assert (west.size, west.medians, west.median_total, west.mean_total) == (
        3,
        {"fin": 3, "hr": 2},
        4,  # totals 4 and 4 (C has none)
        4.0,
    )
    assert (antwerpen.size, antwerpen.median_total, antwerpen.mean_total) == (1, 1, 1.0)
    assert (eenhoek.size, eenhoek.median_total, eenhoek.mean_total) == (1, None, None)
    assert eenhoek.medians == {"fin": None, "hr": None}


def test_group_mean_and_median_differ_on_skewed_totals():
    rows = [row(i, f"P{i}", total) for i, total in enumerate([0, 1, 2, 9])]
    (summary,) = group_summaries(rows, DOMAINS, lambda r: "all")
    assert summary.median_total == 1.5
    assert summary.mean_total == 3.0


# ---- distribution ----


def test_distribution_bins_of_one_include_empty_bins():
    assert distribution([1, 3, 3, None, 5]) == [
        (1, 1, 1),
        (2, 2, 0),
        (3, 3, 2),
        (4, 4, 0),
        (5, 5, 1),
    ]


def test_distribution_bins_of_a_width():
    values = [0, 4, 5, 9, 10, 23, None]
    assert distribution(values, 5) == [
        (0, 4, 2),
        (5, 9, 2),
        (10, 14, 1),
        (15, 19, 0),
        (20, 24, 1),
    ]
    assert sum(count for _, _, count in distribution(values, 5)) == 6  # the None is not binned


def test_distribution_of_a_single_value_and_of_nothing():
    assert distribution([7], 5) == [(5, 9, 1)]
    assert distribution([0]) == [(0, 0, 1)]
    assert distribution([]) == []
    assert distribution([None, None]) == []


def test_distribution_rejects_a_width_below_one():
    with pytest.raises(ValueError, match="bin width"):
        distribution([1, 2], 0)


# ---- profile against peers ----


def test_profile_against_peers_leaves_the_pair_out_of_its_peers():
    me = row(1, "A", 5, None)
    peers = [me, row(2, "B", 1, 2), row(3, "C", 3, None), row(4, "D", None, 4)]
    assert profile_against(me, peers, DOMAINS) == [
        ("fin", 5, 2, 3),  # peers B 1, C 3 (D unanswered): median 2; A's own 5 not included
        ("hr", None, 3, None),  # A did not answer: no difference
    ]


def test_profile_against_without_peer_answers_has_no_difference():
    me = row(1, "A", 0, 0)
    assert profile_against(me, [me, row(2, "B")], DOMAINS) == [
        ("fin", 0, None, None),
        ("hr", 0, None, None),
    ]


# ---- trend ----


def test_trend_orders_campaigns_by_year_and_means_only_answered_ones():
    campaigns = [("c2012", "Financieel 2012", 2012), ("c2010", "Centrumsteden 2010", 2010)]
    points = trend(campaigns, {"c2010": (13, 8, 3, 14), "c9": (1, 1, 1, 2)})
    assert [(p.campaign, p.year) for p in points] == [("c2010", 2010), ("c2012", 2012)]
    first, second = points
    assert (first.answered, first.cooperating, first.formal) == (13, 8, 3)
    assert first.mean == pytest.approx(14 / 13)
    assert (second.answered, second.cooperating, second.formal, second.mean) == (0, 0, 0, None)


def test_trend_breaks_a_tie_in_year_by_label():
    campaigns = [("b", "Beta", 2020), ("a", "Alpha", 2020)]
    assert [p.label for p in trend(campaigns, {"a": (2, 0, 0, 0)})] == ["Alpha", "Beta"]
    assert trend(campaigns, {"a": (2, 0, 0, 0)})[0].mean == 0  # answered, all zero: mean 0

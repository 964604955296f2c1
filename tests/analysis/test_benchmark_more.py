"""The benchmark functions added for the pages: bin widths, sums of derived degrees, trend
figures over a whole domain, and a pair's overall total against its peers."""

import pytest

from tandem.analysis.benchmark import (
    PairTotals,
    answer_trend,
    bin_width,
    degree_figures,
    distribution,
    domain_sums,
    total_against,
)


def test_bin_width_keeps_the_distribution_within_the_number_of_bins():
    assert bin_width([]) == 1
    assert bin_width([None, None]) == 1
    assert bin_width([3, 7, 12]) == 1  # 10 bins of 1
    values = list(range(0, 155))
    width = bin_width(values, max_bins=20)
    assert len(distribution(values, width)) <= 20
    assert len(distribution(values, width - 1)) > 20  # the smallest width that fits
    assert bin_width([6, 65], max_bins=5) == 14  # bins 0-13, 14-27, … 56-69


@pytest.mark.parametrize("max_bins", [1, 2, 5, 8, 20])
def test_bin_width_fits_any_spread(max_bins):
    values = [5, 9, 13, 40, 41, 63, 64, 65, None]
    assert len(distribution(values, bin_width(values, max_bins))) <= max_bins


def test_domain_sums_add_the_degrees_per_pair_and_domain():
    degrees = [
        ("A", 1, 2),
        ("A", 2, 1),
        ("A", 3, 0),
        ("B", 1, None),  # unanswered: no row
        ("B", 3, 2),
        ("C", 9, 2),  # an aspect outside the mapping
    ]
    domain_of = {1: "fin", 2: "fin", 3: "ict"}
    assert sorted(domain_sums(degrees, domain_of)) == [
        ("A", "fin", 3),
        ("A", "ict", 0),
        ("B", "ict", 2),
    ]


def test_degree_figures_count_each_pair_once():
    answers = [("A", 2), ("A", 0), ("B", 1), ("B", 1), ("C", 0), ("D", None)]
    # Pairs answered A, B, C; cooperating A, B; formal A; sum 4 over 5 answers.
    assert degree_figures(answers) == (3, 2, 1, 4, 5)
    assert degree_figures([]) == (0, 0, 0, 0, 0)


def test_answer_trend_divides_by_the_answers_in_year_order():
    campaigns = [("late", "Late", 2020), ("early", "Early", 2010), ("none", "Empty", 2015)]
    figures = {"early": (2, 2, 1, 5, 4), "late": (1, 0, 0, 0, 3)}
    points = answer_trend(campaigns, figures)
    assert [(p.campaign, p.year) for p in points] == [
        ("early", 2010),
        ("none", 2015),
        ("late", 2020),
    ]
    assert [p.mean for p in points] == [1.25, None, 0.0]
    assert [(p.answered, p.cooperating, p.formal) for p in points] == [
        (2, 2, 1),
        (0, 0, 0),
        (1, 0, 0),
    ]


def test_total_against_the_median_of_the_peers_overall_totals():
    pair = PairTotals("A", "Aalst", "41002", {"fin": 4, "ict": None})
    peers = [
        PairTotals("A", "Aalst", "41002", {"fin": 4}),  # the pair itself is not a peer
        PairTotals("B", "Gent", "44021", {"fin": 1, "ict": 2}),  # 3
        PairTotals("C", "Leuven", "24062", {"fin": 0, "ict": 1}),  # 1
        PairTotals("D", "Brugge", "31005", {"fin": None, "ict": None}),  # unanswered: left out
    ]
    assert total_against(pair, peers) == (4, 2, 2)
    assert total_against(PairTotals("E", "Eeklo", "43005", {"fin": None}), peers) == (
        None,
        3,
        None,
    )  # Aalst is a peer here
    assert total_against(pair, []) == (4, None, None)

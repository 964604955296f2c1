"""Faults in the savings table that `make mutation` showed the suite let through (QUALITY.md T1)."""

from decimal import Decimal

from tandem.synergies.savings import savings_table


def test_the_total_line_carries_the_label_it_was_given():
    lines, total = savings_table([("HR", {"expected_savings": Decimal("6500")})], "Totaal")
    assert total.label == "Totaal"
    assert [line.label for line in lines] == ["HR"]

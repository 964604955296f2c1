"""Faults in formats/belgian.py that a sampled mutation run (issue 15, QUALITY.md T1;
benchmarks/mutation_sample.py) showed the suite let through: amounts typed with spaces."""

from decimal import Decimal

import pytest

from tandem.formats.belgian import parse_money


@pytest.mark.parametrize(
    "text, amount",
    [
        ("6 500,50", Decimal("6500.50")),  # a space between the thousands, as French writes it
        ("€ 1 234 567", Decimal("1234567.00")),
        ("- 6.500", Decimal("-6500.00")),  # a space after the minus sign
    ],
)
def test_spaces_inside_an_amount_are_ignored(text, amount):
    assert parse_money(text) == amount

"""The register's amounts are kept exactly as typed or refused with a message: never negative,
never rounded, digits 0 to 9 only (issue 15, point 13)."""

from decimal import Decimal

import pytest
from django import forms

from tandem.synergies.fields import FteField, MoneyField


@pytest.mark.parametrize(
    "text, amount",
    [("6.500", Decimal("6500.00")), ("6.500,50", Decimal("6500.50")), ("0", Decimal("0.00"))],
)
def test_amounts_as_belgian_administrations_write_them(text, amount):
    assert MoneyField().clean(text) == amount


@pytest.mark.parametrize("text", ["-5", "-6.500,50", "١٢٣", "２０２２", "1e308", "6,5e3", "1,001"])
def test_negative_foreign_digit_exponent_or_too_fine_amounts_are_refused(text):
    with pytest.raises(forms.ValidationError):
        MoneyField().clean(text)


@pytest.mark.parametrize(
    "text, fte", [("0,5", Decimal("0.50")), ("2", Decimal("2.00")), ("1.25", Decimal("1.25"))]
)
def test_fte_as_typed(text, fte):
    assert FteField().clean(text) == fte


@pytest.mark.parametrize("text", ["0,001", "-0,5", "1e-400", "1E2", "٣", "２", "nan", "100000"])
def test_fte_that_would_be_rounded_or_is_negative_or_foreign_is_refused(text):
    with pytest.raises(forms.ValidationError):
        FteField().clean(text)

"""Form fields for amounts as Belgian administrations write them (R10): € 6.500,50 and 0,5 FTE.
Savings are not negative, and what is typed is kept exactly or refused: never rounded."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.formats.belgian import format_money, format_number, parse_money

FTE = re.compile(r"[0-9]{1,5}(\.[0-9]{1,2})?", re.ASCII)


class _AmountField(forms.CharField):
    """Typed as text, kept as a Decimal, shown again in Belgian format; empty means unknown."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return self.shown(value) if isinstance(value, Decimal) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return self.parsed(value)
        except (ValueError, InvalidOperation) as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error


class MoneyField(_AmountField):
    """An amount in euro, typed as 6.500 or 6.500,50 (a comma for cents)."""

    default_error_messages = {
        "invalid": _("Write an amount as 6.500 or 6.500,50, in digits 0 to 9 and not negative.")
    }

    def shown(self, value):
        return format_money(value).replace("€\u00a0", "")

    def parsed(self, value):
        amount = parse_money(value)
        if amount < 0:
            raise ValueError(value)
        return amount


class FteField(_AmountField):
    """Full-time equivalents, typed as 0,5 or 1,25 (a dot is accepted too)."""

    default_error_messages = {
        "invalid": _("Write a number of FTE as 0,5 or 2: at most two decimals, not negative.")
    }

    def shown(self, value):
        return format_number(value, 2)

    def parsed(self, value):
        text = value.replace(" ", "").replace(",", ".")
        if not FTE.fullmatch(text):
            raise ValueError(value)
        return Decimal(text).quantize(Decimal("0.01"))

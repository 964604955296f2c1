"""Form fields for amounts as Belgian administrations write them (R10): € 6.500,50 and 0,5 FTE."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.formats.belgian import format_money, format_number, parse_money


class MoneyField(forms.CharField):
    """An amount in euro, typed as 6.500 or 6.500,50 (a comma for cents); kept as a Decimal."""

    default_error_messages = {"invalid": _("Write an amount as 6.500 or 6.500,50.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_money(value).replace("€\u00a0", "")
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_money(value)
        except ValueError as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error


class FteField(forms.CharField):
    """Full-time equivalents, typed as 0,5 or 1,25 (a dot is accepted too)."""

    default_error_messages = {"invalid": _("Write a number of FTE as 0,5 or 2.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_number(value, 2)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            number = Decimal(value.replace(" ", "").replace(",", "."))
        except InvalidOperation as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error
        if not number.is_finite() or abs(number) >= 100000:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number.quantize(Decimal("0.01"))

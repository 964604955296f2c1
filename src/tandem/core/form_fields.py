"""Form fields that take whole numbers, dates and chosen records only as an administration writes
them.

Python's int() reads any script's digits ('٢٠٢٢', '２０２２') and Django's DateField any year
from 1, so both would be stored silently (issue 15.13); a posted id of 10**30 reaches the
database and fails there (issue 15.9). Every form takes its numbers, dates and records
through these fields; `StrictModelForm` gives them to the fields a model form derives, and
tests/core/test_form_fields.py refuses a form with a plain one.
"""

import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .converters import parse_id

# From the organic OCMW law (8 July 1976) to the furthest planning horizon the register takes.
FIRST_YEAR, LAST_YEAR = 1976, 2100

WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+", re.ASCII)


class WholeNumberField(forms.IntegerField):
    """An integer typed in the digits 0 to 9, nothing else."""

    default_error_messages = {"invalid": _("Write a whole number in the digits 0 to 9.")}

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str) and value.strip() and not WHOLE_NUMBER.fullmatch(value.strip()):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class RecordDateField(forms.DateField):
    """A date typed in the digits 0 to 9, in a year between FIRST_YEAR and LAST_YEAR."""

    default_error_messages = {
        "out_of_range": _("Give a date between %(first)s and %(last)s."),
    }

    def to_python(self, value: Any) -> datetime.date | None:
        if isinstance(value, str) and not value.isascii():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        date: datetime.date | None = super().to_python(value)
        if date is not None and not FIRST_YEAR <= date.year <= LAST_YEAR:
            raise ValidationError(
                self.error_messages["out_of_range"],
                code="out_of_range",
                params={"first": FIRST_YEAR, "last": LAST_YEAR},
            )
        return date


class RecordChoiceField(forms.ModelChoiceField):
    """A record chosen by its id; an id no integer column can hold (10**30, '٣') is an invalid
    choice, never a database error (SQLite raises OverflowError, PostgreSQL a DataError)."""

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and self.to_field_name is None:
            if parse_id(str(value)) is None:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class RecordsChoiceField(forms.ModelMultipleChoiceField):
    """Records chosen by their ids, each checked as RecordChoiceField checks one."""

    def clean(self, value: Any) -> Any:
        if self.to_field_name is None and isinstance(value, list | tuple):
            for pk in value:
                if parse_id(str(pk)) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super().clean(value)


def strict_formfield(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    """A model field's form field, with the strict fields for dates and whole numbers (a field
    with choices keeps its choice field: Django replaces form_class for those)."""
    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("form_class", RecordDateField)
    elif isinstance(db_field, models.IntegerField):
        kwargs.setdefault("form_class", WholeNumberField)
    elif isinstance(db_field, models.ForeignKey):
        kwargs.setdefault("form_class", RecordChoiceField)
    elif isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", RecordsChoiceField)
    return db_field.formfield(**kwargs)


class StrictModelForm(forms.ModelForm):
    """A model form whose dates and whole numbers go through the strict fields."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Django reads formfield_callback from the form's own Meta only, and runs this hook
        # before it reads Meta: a subclass's Meta need not repeat the callback.
        meta = cls.__dict__.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(strict_formfield)
        super().__init_subclass__(**kwargs)


class VersionedModelForm(StrictModelForm):
    """A record form that carries the version the user opened (R5), so a save can tell a
    concurrent edit; labels are capitalised as Django writes a model field's label."""

    opened_version = WholeNumberField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["opened_version"].initial = self.instance.version
        for field in self.fields.values():
            field.label = capfirst(field.label)

"""Whole numbers and dates are taken only as an administration writes them (issue 15.13):
digits 0 to 9, and dates within the years Tandem records. Python's int() reads any script's
digits and Django's DateField any year from 1, so both would otherwise be stored silently."""

import datetime
import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.utils import translation

import tandem
from tandem.core.form_fields import (
    RecordChoiceField,
    RecordDateField,
    RecordsChoiceField,
    WholeNumberField,
)
from tandem.synergies.forms import MeasureForm, MeetingForm


@pytest.mark.parametrize("text", ["١٢٣", "２０２２", "2022.0", "1e3", "2 022", "²"])
def test_whole_numbers_in_other_digits_or_notations_are_refused(text):
    with pytest.raises(forms.ValidationError) as refused:
        WholeNumberField().clean(text)
    assert "digits 0 to 9" in str(refused.value)


@pytest.mark.parametrize("text, number", [("2022", 2022), (" 7 ", 7), ("-3", -3), ("0", 0)])
def test_whole_numbers_as_typed(text, number):
    assert WholeNumberField().clean(text) == number


@pytest.mark.parametrize("text", ["1/1/0001", "31/12/1975", "1/1/2101", "0001-01-01"])
def test_dates_outside_the_recorded_years_are_refused(text):
    with pytest.raises(forms.ValidationError) as refused:
        RecordDateField().clean(text)
    assert "between 1976 and 2100" in str(refused.value)


@pytest.mark.parametrize("text", ["١٤/٩/٢٠٢٢", "１４/９/２０２２"])
def test_dates_in_other_digits_are_refused(text):
    with pytest.raises(forms.ValidationError):
        RecordDateField().clean(text)


def test_dates_as_typed():
    assert RecordDateField().clean("14/9/2022") == datetime.date(2022, 9, 14)
    assert RecordDateField().clean("1/1/1976") == datetime.date(1976, 1, 1)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.django_db
def test_a_meeting_dated_1_1_0001_is_refused_with_its_field_named():
    form = MeetingForm(data={"date": "1/1/0001", "kind": "overleg"})
    assert not form.is_valid()
    assert "between 1976 and 2100" in " ".join(form.errors["date"])


@pytest.mark.django_db
def test_a_measure_year_in_fullwidth_digits_is_refused():
    form = MeasureForm(data={"year": "２０２２"})
    assert not form.is_valid()
    assert "digits 0 to 9" in " ".join(form.errors["year"])


@pytest.mark.django_db
@pytest.mark.parametrize("posted", ["9223372036854775808", "1" + "0" * 30, "٣", "-1", "abc"])
def test_an_id_no_column_holds_is_an_invalid_choice_not_a_database_error(posted):
    from tandem.places.models import Region

    with pytest.raises(forms.ValidationError):
        RecordChoiceField(queryset=Region.objects.all()).clean(posted)
    with pytest.raises(forms.ValidationError):
        RecordsChoiceField(queryset=Region.objects.all()).clean(["1", posted])


def _form_classes():
    for module in pkgutil.walk_packages(tandem.__path__, "tandem."):
        if ".forms" not in module.name and not module.name.endswith("forms"):
            continue
        loaded = importlib.import_module(module.name)
        for _name, value in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__ == loaded.__name__:
                yield value


def test_every_form_takes_whole_numbers_and_dates_through_the_strict_fields():
    """The guard for the class: a form that declares (or a model form that derives) a plain
    IntegerField, DateField, DecimalField or FloatField would read foreign digits or year 1."""
    loose = []
    classes = list(_form_classes())
    assert len(classes) > 20  # the walk found the forms
    for form_class in classes:
        for name, field in form_class.base_fields.items():
            plain_number = isinstance(field, forms.IntegerField) and not isinstance(
                field, WholeNumberField
            )
            plain_date = isinstance(field, forms.DateField) and not isinstance(
                field, RecordDateField
            )
            plain_record = isinstance(field, forms.ModelChoiceField) and not isinstance(
                field, RecordChoiceField | RecordsChoiceField
            )
            if plain_number or plain_date or plain_record or isinstance(field, forms.FloatField):
                loose.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
    assert loose == []

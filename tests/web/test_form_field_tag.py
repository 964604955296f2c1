"""`{% form_field %}` writes the common widgets itself (P4); they must stay the HTML Django's own
widgets write, with labels, help texts and errors tied to the field for assistive technology."""

import datetime

import pytest
from django import forms
from django.template import Context, Template
from django.test.html import parse_html

from tandem.web.templatetags.fields import _widget, form_field

XSS = '"><svg onload=alert(1)>'


class Sample(forms.Form):
    text = forms.CharField(label="Naam", help_text="Zoals op de kaart.", max_length=20)
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2, "cols": 40}), required=False, max_length=400
    )
    link = forms.URLField(required=False, assume_scheme="https")
    mail = forms.EmailField(required=False)
    number = forms.IntegerField(required=False, min_value=0)
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    secret = forms.CharField(widget=forms.PasswordInput, required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    upload = forms.FileField(required=False, widget=forms.FileInput)
    choice = forms.ChoiceField(choices=[("", "(none)"), ("a", "A & B"), ("b", XSS)], required=False)
    agree = forms.BooleanField(required=False)
    grouped = forms.ChoiceField(
        choices=[("Vlaanderen", [("41002", "Aalst")]), ("Wallonie", [("62063", "Liège")])],
        required=False,
    )
    many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")], required=False)


INITIAL = {
    "text": XSS,
    "note": f"\nfirst line\n{XSS}",
    "link": "https://example.be/?a=1&b=2",
    "number": 7,
    "day": datetime.date(2026, 11, 23),
    "secret": "not shown",
    "hidden": "3",
    "choice": "b",
    "agree": True,
    "grouped": "62063",
    "many": ["y"],
}
POSTED = {
    "text": "",  # required: an error
    "note": XSS,
    "link": "not a link",  # an error
    "mail": "a@b",  # an error
    "number": "-1",  # an error
    "day": "2026-02-30",  # an error
    "secret": "typed",
    "hidden": "4",
    "choice": "a",
    "agree": "on",
    "grouped": "41002",
    "many": ["x", "y"],
}


def _forms():
    unbound = Sample(initial=INITIAL)
    bound = Sample(POSTED)
    bound.is_valid()
    return {"unbound": unbound, "bound": bound}


@pytest.mark.parametrize("state", ["unbound", "bound"])
@pytest.mark.parametrize("name", list(Sample.base_fields))
def test_each_written_widget_is_the_html_djangos_widget_writes(state, name):
    field = _forms()[state][name]
    attrs = {"aria-describedby": "x_helptext"}
    assert parse_html(_widget(field, field.field.widget, attrs)) == parse_html(
        field.as_widget(attrs=attrs)
    )


def test_the_label_help_text_and_errors_are_tied_to_the_field():
    field = _forms()["bound"]["text"]
    html = form_field(field)
    assert '<label for="id_text">Naam</label>' in html
    assert '<span class="help" id="id_text_helptext">Zoals op de kaart.</span>' in html
    assert 'aria-describedby="id_text_helptext id_text_error"' in html
    assert 'aria-invalid="true"' in html and " required" in html
    assert '<div class="field-error" id="id_text_error"><p>' in html
    assert 'class="field has-error"' in html


def test_radio_buttons_and_check_boxes_are_a_fieldset_with_one_label_each():
    class Choices(forms.Form):
        degree = forms.ChoiceField(
            label="Graad", choices=[("0", "geen"), ("1", XSS)], widget=forms.RadioSelect
        )
        kinds = forms.MultipleChoiceField(
            choices=[(1, "intern"), (2, "extern")],
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )

    form = Choices({"degree": "1", "kinds": ["2"]})
    degree, kinds = form_field(form["degree"]), form_field(form["kinds"])
    assert degree.startswith('<div class="field"><fieldset class="choices"><legend>Graad</legend>')
    assert '<label for="id_degree_1"><input type="radio" name="degree" value="1"' in degree
    assert 'value="1" id="id_degree_1" checked required>' in degree
    assert 'value="0" id="id_degree_0" required>' in degree
    assert 'value="2" id="id_kinds_1" checked>' in kinds and " required" not in kinds


def test_values_and_labels_are_escaped():
    html = "".join(form_field(field) for field in _forms()["unbound"])
    assert "<svg" not in html
    assert "&quot;&gt;&lt;svg onload=alert(1)&gt;" in html


def test_a_hidden_field_is_only_its_input():
    assert form_field(_forms()["unbound"]["hidden"]) == (
        '<input type="hidden" name="hidden" value="3" id="id_hidden">'
    )


def test_the_tag_renders_from_a_template():
    form = Sample(initial=INITIAL)
    html = Template("{% load fields %}{% form_field form.choice %}").render(Context({"form": form}))
    assert '<option value="b" selected>' in html and "<select" in html

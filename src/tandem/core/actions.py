"""Which of a form's submit buttons was pressed: pages with several buttons name them
`action` and give each a value (save, confirm, add-session). Parsed by a form like any input."""

from django import forms
from django.http import HttpRequest


class PressedForm(forms.Form):
    action = forms.SlugField(required=False, max_length=40)


def pressed(request: HttpRequest) -> str:
    """The value of the pressed `action` button of a POST; "" for a GET or no such button."""
    if request.method != "POST":
        return ""
    form = PressedForm(request.POST)
    return form.cleaned_data["action"] if form.is_valid() else ""

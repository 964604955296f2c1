"""The account's forms: logging in by e-mail address, choosing a password from an invitation,
and the language of one's pages."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.core.clients import client_address

from .logins import too_many_failures

AUTOMATIC = ""


class EmailLoginForm(AuthenticationForm):
    """Django's login form, asking for the e-mail address the invitation went to."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.label = gettext_lazy("E-mail address")
        field.help_text = gettext_lazy("The address your invitation was sent to.")
        field.widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        self.fields["password"].label = gettext_lazy("Password")

    def clean(self):
        if self.request is not None and too_many_failures(client_address(self.request)):
            raise forms.ValidationError(
                gettext_lazy(
                    "Too many failed logins from your network in the last hour. Wait an hour, "
                    "or reset your password by e-mail."
                ),
                code="too_many_failures",
            )
        return super().clean()


class PasswordChoiceForm(forms.Form):
    password1 = forms.CharField(
        label=gettext_lazy("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=gettext_lazy("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation=None, **kwargs):
        self.invitation = invitation
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            probe = get_user_model()(
                username=self.invitation.email,
                email=self.invitation.email,
                first_name=self.invitation.name,
            )
            try:
                validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


def _language_choices():
    names = {"nl": "Nederlands", "fr": "Français", "en": "English"}
    automatic = gettext_lazy(
        "Automatic: the language of your questionnaire, otherwise your browser's"
    )
    return [(AUTOMATIC, automatic)] + [(code, names[code]) for code, _n in settings.LANGUAGES]


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Language of your pages"),
        choices=_language_choices,
        required=False,
        widget=forms.RadioSelect,
    )

"""Accepting an invitation: choose a password, and the account is bound to the pair and campaign."""

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.password_validation import (
    password_validators_help_text_html,
    validate_password,
)
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import invitations


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
            from django.contrib.auth import get_user_model

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


def invitation(request, token):
    try:
        found = invitations.find(token)
    except invitations.InvitationError as error:
        return render(request, "accounts/invitation_invalid.html", {"error": error}, status=404)
    invitations.mark_opened(found)
    signed_in = request.user.is_authenticated
    form = None if signed_in else PasswordChoiceForm(request.POST or None, invitation=found)
    if request.method == "POST" and (signed_in or form.is_valid()):
        try:
            user = invitations.accept(
                token,
                password=None if signed_in else form.cleaned_data["password1"],
                user=request.user if signed_in else None,
            )
        except invitations.InvitationError as error:
            messages.error(request, str(error))
            return redirect("login")
        if not signed_in:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome. You can now answer the questionnaire."))
        return redirect("questionnaire", found.campaign.slug, found.pair.municipality.refnis)
    return render(
        request,
        "accounts/invitation.html",
        {
            "invitation": found,
            "form": form,
            "password_help": password_validators_help_text_html(),
        },
        status=400 if form is not None and form.is_bound else 200,
    )

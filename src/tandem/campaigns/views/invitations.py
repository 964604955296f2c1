"""Accepting an invitation: choose a password, and the account is bound to the pair and campaign.
The invitation's pages speak the questionnaire's language unless the person chose another."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tandem.accounts import invitations as links
from tandem.accounts.forms import PasswordChoiceForm
from tandem.accounts.languages import remember_choice_in_session
from tandem.core.language import use_context_language

from .. import mails
from ..languages import remember_in_session

BACKEND = "tandem.accounts.backends.EmailOrUsernameBackend"


TOKEN_KEY = "tandem_invitation_token"


def invitation(request, token):
    """The link from the mail. Opened, its token moves into the session and the page continues
    at a URL without it, so the token is written to an access log once, not on every step."""
    if request.method == "POST":  # a form sent to the link itself still works
        return _invitation(request, token)
    try:
        links.find(token)
    except links.InvitationError as error:
        return render(request, "accounts/invitation_invalid.html", {"error": error}, status=404)
    request.session[TOKEN_KEY] = token
    return redirect("invitation-open")


def invitation_open(request):
    """The invitation whose link was opened in this browser."""
    token = request.session.get(TOKEN_KEY, "")
    if not token:  # logged out meanwhile, or another browser: the session no longer holds it
        error = _("Open the link in your invitation e-mail again: this browser no longer holds it.")
        return render(request, "accounts/invitation_invalid.html", {"error": error}, status=404)
    return _invitation(request, token)


def _invitation(request, token):
    try:
        found = links.find(token)
    except links.InvitationError as error:
        return render(request, "accounts/invitation_invalid.html", {"error": error}, status=404)
    use_context_language(request, mails.language_of(found))
    links.mark_opened(invitation=found)
    signed_in = request.user.is_authenticated
    if signed_in and not links.is_addressee(found, request.user):
        # Someone else's link: accepting would make this account a respondent of that pair.
        return render(
            request,
            "accounts/invitation_other_account.html",
            {"invitation": found, "link": reverse("invitation", args=[token])},
            status=409 if request.method == "POST" else 200,
        )
    form = None if signed_in else PasswordChoiceForm(request.POST or None, invitation=found)
    if request.method == "POST" and (signed_in or form.is_valid()):
        try:
            user = links.accept(
                token=token,
                password=None if signed_in else form.cleaned_data["password1"],
                user=request.user if signed_in else None,
            )
        except links.InvitationError as error:
            messages.error(request, str(error))
            return redirect("login")
        if not signed_in:
            login(request, user, backend=BACKEND)
        request.session.pop(TOKEN_KEY, None)  # spent
        remember_choice_in_session(request, user)
        remember_in_session(request, user)  # the new pair's language counts from now on
        use_context_language(request, mails.language_of(found))
        if found.campaign_id is None:  # a pair's invitation: its register is the way in
            messages.success(
                request,
                _("Welcome. You are now %(role)s of %(pair)s.")
                % {"role": found.get_role_display(), "pair": found.pair.municipality.name},
            )
            return redirect("register", refnis=found.pair.municipality.refnis)
        messages.success(
            request,
            _("Welcome. You can now answer the questionnaire of %(pair)s: it is listed below.")
            % {"pair": found.pair.municipality.name},
        )
        return redirect("my-work")
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

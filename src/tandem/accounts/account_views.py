"""A person's own pages: the account page with their language and password, the language
switcher that remembers a logged-in person's choice, and the password reset by e-mail (Django's
views, limited per address and device)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_POST

from tandem.core.clients import client_address
from tandem.core.language import CHOICE_KEY, supported

from .forms import EmailLoginForm, LanguageForm
from .languages import choose_language, chosen_language
from .resets import may_send_reset


class LoginView(auth_views.LoginView):
    form_class = EmailLoginForm


@login_required
def account(request):
    """Name, e-mail address, the language of one's pages, the password."""
    current = chosen_language(request.user)
    form = LanguageForm(request.POST or None, initial={"language": current})
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["language"]
        choose_language(user=request.user, language=language)
        request.session[CHOICE_KEY] = language
        if language:
            translation.activate(language)
        messages.success(request, _("Your language is saved."))
        response = redirect("account")
        if language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
            )
        else:  # automatic: a device's earlier choice must not override it either
            response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
        return response
    return render(
        request,
        "accounts/account.html",
        {"form": form, "current": current},
        status=400 if form.is_bound else 200,
    )


@require_POST
def set_language(request):
    """The header's switcher: Django's view (a cookie), and for a logged-in person their
    account's choice too, so the next login on any device speaks it."""
    response = i18n.set_language(request)
    form = LanguageForm(request.POST)
    language = form.cleaned_data["language"] if form.is_valid() else ""
    if request.user.is_authenticated and supported(language):
        choose_language(user=request.user, language=language)
        request.session[CHOICE_KEY] = language
    return response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset by e-mail; a few mails per address and per device an hour."""

    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        address = client_address(self.request)
        if may_send_reset(email=form.cleaned_data["email"], address=address):
            return super().form_valid(form)
        return redirect(self.success_url)

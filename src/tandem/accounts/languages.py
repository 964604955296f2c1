"""A person's own choice of language, kept on the account; copied into the session at login,
so a page finds it without a query (core.language), and updated there at once when made on
this device. The language of their questionnaires is campaigns.languages'."""

from django.db import transaction

from tandem.core.language import CHOICE_KEY, supported

from .models import AccountPreferences


def chosen_language(user) -> str:
    """The account's own choice, or "" when the person made none."""
    found = AccountPreferences.objects.filter(user=user).values_list("language", flat=True)
    return next(iter(found), "")


@transaction.atomic
def choose_language(*, user, language: str) -> AccountPreferences:
    """Keep the person's choice on the account ("" forgets it)."""
    if language and not supported(language):
        raise ValueError(f"unsupported language {language!r}")
    preferences, _created = AccountPreferences.objects.get_or_create(user=user)
    if preferences.language != language:
        preferences.language = language
        preferences.save(update_fields=["language"])
    return preferences


def remember_choice_in_session(request, user) -> None:
    """At login: the account's choice, for every later page."""
    request.session[CHOICE_KEY] = chosen_language(user)

"""A person's language: their own choice, kept on the account, and the language their
questionnaires are in, which pages use while they have made no choice.

Both are copied into the session at login, so a page finds them without a query; a choice made
on this device updates the session at once."""

from django.conf import settings
from django.db import transaction

from .models import AccountPreferences, PairRole

CHOICE_KEY = "tandem_language_choice"  # the account's own choice ("" when none)
DEFAULT_KEY = "tandem_default_language"  # the language of the person's questionnaires
WALLONIA, FLANDERS = "03000", "02000"  # REFNIS codes of the regions with one language


def supported(language: str | None) -> bool:
    return language in {code for code, _name in settings.LANGUAGES}


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


def questionnaire_language(user) -> str:
    """The one language of the person's questionnaires: the language of each campaign their
    pair roles answer in (a role for all the pair's campaigns counts by its region: Wallonia
    French, Flanders Dutch). "" when there is none or they differ (a Brussels pair, or pairs in
    both languages)."""
    from tandem.campaigns.models import CampaignPair

    languages = set()
    roles = PairRole.objects.filter(user=user).select_related("pair__municipality__region")
    for role in roles:
        if role.campaign_id:
            found = CampaignPair.objects.filter(campaign_id=role.campaign_id, pair_id=role.pair_id)
            languages.update(found.values_list("language", flat=True))
        elif role.pair.municipality.region.refnis == WALLONIA:
            languages.add("fr")
        elif role.pair.municipality.region.refnis == FLANDERS:
            languages.add("nl")
    return languages.pop() if len(languages) == 1 else ""


def remember_in_session(request, user) -> None:
    """At login: the account's choice and the questionnaires' language, for every later page."""
    request.session[CHOICE_KEY] = chosen_language(user)
    request.session[DEFAULT_KEY] = questionnaire_language(user)

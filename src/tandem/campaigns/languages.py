"""The language of a person's questionnaires: what pages speak while the person made no choice of
their own (core.language). Put in the session at login, and again when an invitation is
accepted."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from tandem.accounts.models import PairRole
from tandem.core.language import DEFAULT_KEY

from .models import CampaignPair

WALLONIA, FLANDERS = "03000", "02000"  # REFNIS codes of the regions with one language


def questionnaire_language(user) -> str:
    """The one language of the person's questionnaires: the language of each campaign their
    pair roles answer in (a role for all the pair's campaigns counts by its region: Wallonia
    French, Flanders Dutch). "" when there is none or they differ (a Brussels pair, or pairs in
    both languages)."""
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
    request.session[DEFAULT_KEY] = questionnaire_language(user)


@receiver(user_logged_in)
def remember_at_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        remember_in_session(request, user)

"""At login, the session learns the person's own choice of language (accounts.languages)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .languages import remember_choice_in_session


@receiver(user_logged_in)
def remember_language(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        remember_choice_in_session(request, user)

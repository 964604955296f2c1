"""At login, the session learns the person's own choice of language (accounts.languages); logins,
failed logins, lockouts and roles given or taken are security events (core.audit)."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from tandem.core.audit import hashed, security_event

from .languages import remember_choice_in_session
from .models import CampaignRole, PairRole


@receiver(user_logged_in)
def remember_language(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        remember_choice_in_session(request, user)


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    security_event("login", user=user, request=request)


@receiver(user_logged_out)
def log_logout(sender, request, user, **kwargs):
    security_event("logout", user=user, request=request)


@receiver(user_login_failed)
def log_failed_login(sender, credentials, request=None, **kwargs):
    name = str(credentials.get("username") or "")
    security_event("login_failed", request=request, name=hashed(name))


@receiver(user_locked_out)
def log_lockout(sender, request, username=None, ip_address=None, **kwargs):
    security_event("lockout", request=request, name=hashed(str(username or "")))


@receiver(post_save, sender=PairRole)
@receiver(post_save, sender=CampaignRole)
def log_role_given(sender, instance, created, **kwargs):
    if created:
        security_event("role_given", **_role(instance))


@receiver(post_delete, sender=PairRole)
@receiver(post_delete, sender=CampaignRole)
def log_role_taken(sender, instance, **kwargs):
    security_event("role_taken", **_role(instance))


def _role(role) -> dict:
    return {
        "holder": role.user_id,
        "role": role.role,
        "pair": getattr(role, "pair_id", None),
        "campaign": role.campaign_id,
    }

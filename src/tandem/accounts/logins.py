"""Failed logins per address across every account: django-axes locks one account for one
address after five failures; this stops one address that tries a password on many accounts."""

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def too_many_failures(address: str | None) -> bool:
    """Whether `address` failed TANDEM_LOGIN_FAILURES_PER_ADDRESS logins within axes' cool-off
    time (an hour), whichever accounts it tried."""
    if not address:
        return False
    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    failed = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return (failed or 0) >= settings.TANDEM_LOGIN_FAILURES_PER_ADDRESS

"""How many password-reset mails may go out: a few per address and per device an hour, so the
form cannot be used to flood someone's mailbox. Over the limit the page reads the same (it never
tells whether an address has an account); the mail is simply not sent."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import PasswordResetRequest

WINDOW = timedelta(hours=1)
KEPT = timedelta(days=1)


def _hash(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


@transaction.atomic
def may_send_reset(*, email: str, address: str | None) -> bool:
    """Record the request; True while the address and the device are under their limits."""
    now = timezone.now()
    PasswordResetRequest.objects.filter(requested_at__lt=now - KEPT).delete()
    recent = PasswordResetRequest.objects.filter(requested_at__gte=now - WINDOW)
    by_email = recent.filter(email_hash=_hash(email)).count()
    by_device = recent.filter(address=address).count() if address else 0
    PasswordResetRequest.objects.create(email_hash=_hash(email), address=address)
    return (
        by_email < settings.TANDEM_RESETS_PER_ADDRESS
        and by_device < settings.TANDEM_RESETS_PER_DEVICE
    )

"""Security-relevant events (login, failed login, lockout, role given or taken, report approved)
as one JSON object per line on the `tandem.security` logger, for the operator's log tooling.
Each names the acting user by id and the client's address; personal data stays out: an e-mail
address typed at login is logged as a short hash, and no URL (which may hold a token) is."""

import hashlib
import json
import logging
from typing import Any

from django.http import HttpRequest

from .clients import client_address

logger = logging.getLogger("tandem.security")


def hashed(text: str) -> str:
    """A short, stable stand-in for a typed name: the same name gives the same hash."""
    return hashlib.sha256(text.strip().lower().encode()).hexdigest()[:16]


def security_event(
    event: str, *, user: Any = None, request: HttpRequest | None = None, **details: Any
) -> None:
    record = {
        "event": event,
        "user": getattr(user, "pk", None),
        "address": client_address(request) if request is not None else None,
        **details,
    }
    logger.info(json.dumps(record, sort_keys=True, default=str))

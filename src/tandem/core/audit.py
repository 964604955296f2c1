"""Security-relevant events (login, failed login, lockout, role given or taken, report approved,
every download) as one JSON object per line on the `tandem.security` logger, for the operator's
log tooling. Each names the acting user by id and the client's address; personal data stays out:
an e-mail address typed at login is logged as a short hash, and no URL (which may hold a token)
is."""

import hashlib
import json
import logging
import re
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.http.response import HttpResponseBase

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


# The extension of the file a download names (the name itself may be a person's upload name).
FILE_FORMAT = re.compile(r"""filename\*?=(?:[^;]*?)\.([A-Za-z0-9]{1,8})"?\s*(?:;|$)""")


class ExportLogMiddleware:
    """Logs every download (a response sent as an attachment) as an `export` event: who, from
    where, which view with its arguments (campaign, pair code, domain, record id) and the
    format. One place, so a new export cannot forget it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        disposition = response.get("Content-Disposition", "")
        if response.status_code == 200 and disposition.startswith("attachment"):
            match = request.resolver_match
            found = FILE_FORMAT.search(disposition)
            security_event(
                "export",
                user=request.user,
                request=request,
                view=match.view_name if match else None,
                arguments=match.kwargs if match else {},
                format=found.group(1).lower() if found else None,
            )
        return response

"""The address a request comes from, for throttling logins and reset mails. Behind the reverse
proxy the README recommends (TANDEM_BEHIND_PROXY), the peer is the proxy itself: the person's
address is the one the proxy appended last to X-Forwarded-For. Without that setting the header
is not believed, since anyone can send it."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    if getattr(settings, "TANDEM_BEHIND_PROXY", False):
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    peer = request.META.get("REMOTE_ADDR")
    return str(peer) if peer else None

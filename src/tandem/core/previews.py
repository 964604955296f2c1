"""An import's preview kept in the session until it is confirmed (S12): the confirm button names
its preview, so a preview shown in one tab is never confirmed with another tab's file."""

import secrets
from collections.abc import Mapping, MutableMapping
from typing import Any

from django import forms


class ConfirmPreviewForm(forms.Form):
    """ "Import now" under a preview: the preview it was shown under."""

    preview = forms.RegexField(regex=r"^[0-9a-f]{32}$")


def keep(session: MutableMapping[str, Any], key: str, data: Any) -> str:
    """Keep `data` (JSON-serialisable) under a new preview id, which the page's button names."""
    preview = secrets.token_hex(16)
    session[key] = {"preview": preview, "data": data}
    return preview


def take(session: MutableMapping[str, Any], key: str, post: Mapping[str, Any]) -> Any | None:
    """The data kept under the preview the POST names, removed from the session; None when
    nothing waits or another preview replaced it."""
    waiting = session.get(key) or {}
    form = ConfirmPreviewForm(post)
    if not form.is_valid() or form.cleaned_data["preview"] != waiting.get("preview"):
        return None
    session.pop(key, None)
    return waiting.get("data")

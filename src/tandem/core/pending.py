"""A form posted after the session expired loses nothing (R2): its fields are kept in the new
anonymous session, which Django carries over at login, under the page they belong to, and are
given back once when the person is on that page again (still version-checked when saved, so a
save made elsewhere meanwhile shows a conflict, never an overwrite)."""

from django.http import HttpRequest, QueryDict

SESSION_KEY = "tandem_kept_posts"
NOT_TYPED = ("csrfmiddlewaretoken", "action")  # the token and the button pressed


def posted_fields(request: HttpRequest) -> dict[str, list[str]]:
    """The posted fields a person typed (not the CSRF token, not the button, not files)."""
    return {name: request.POST.getlist(name) for name in request.POST if name not in NOT_TYPED}


def as_querydict(fields: dict[str, list[str]]) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, values in fields.items():
        data.setlist(name, values)
    return data


def keep_post(request: HttpRequest, page: str) -> None:
    """Keep the posted fields for `page`; a later post for the same page adds to them (the
    later autosave of a row wins over an earlier one)."""
    fields = posted_fields(request)
    if not fields:
        return
    kept = request.session.get(SESSION_KEY, {})
    kept.setdefault(page, {}).update(fields)
    request.session[SESSION_KEY] = kept


def take_kept_post(request: HttpRequest, page: str | None = None) -> QueryDict | None:
    """The fields kept for `page` (default: this request's path), once; None when none."""
    page = page or request.path
    kept = request.session.get(SESSION_KEY)
    if not kept or page not in kept:
        return None
    data = as_querydict(kept.pop(page))
    request.session[SESSION_KEY] = kept
    return data


def restored_post(request: HttpRequest) -> QueryDict | None:
    """The fields kept for this page, for a page that puts them back in its form to be checked
    and saved, with a message saying so."""
    from django.contrib import messages
    from django.utils.translation import gettext as _

    data = take_kept_post(request)
    if data is not None:
        messages.warning(
            request,
            _("What you typed before logging in again is back in the form: check it and save."),
        )
    return data

"""A form posted after the session expired loses nothing (R2): its fields are kept in the new
anonymous session, which Django carries over at login, under the page they belong to, and are
given back once when the person is on that page again (still version-checked when saved, so a
save made elsewhere meanwhile shows a conflict, never an overwrite). A file cannot be kept that
way: its name is, and the person is told to choose it again."""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.translation import gettext as _

from .uploads import safe_display_name

SESSION_KEY = "tandem_kept_posts"
# A signed cookie that says this browser held a logged-in session recently: only such a
# browser's anonymous post is kept (an expired session), so a stranger's posts never fill the
# session table. The session cookie itself ends with the session, so it cannot tell.
RETURNING_COOKIE = "tandem_returning"
RETURNING_SALT = "tandem.core.pending.returning"
RETURNING_DAYS = 30
NOT_TYPED = ("csrfmiddlewaretoken",)
FILES_KEY = "__files__"  # the names of the files that were sent and not kept
MAX_KEPT_CHARACTERS = 200_000  # per page: a long form's text, not a flood into the session


def posted_fields(request: HttpRequest) -> dict[str, list[str]]:
    """The posted fields a person typed and the button they pressed (not the CSRF token), with
    the names of the files sent (their content is not kept)."""
    fields = {name: request.POST.getlist(name) for name in request.POST if name not in NOT_TYPED}
    files = [
        safe_display_name(upload.name or "")
        for name in request.FILES
        for upload in request.FILES.getlist(name)
    ]
    if files:
        fields[FILES_KEY] = files
    return fields


def files_not_kept(request: HttpRequest, names: list[str]) -> None:
    """Say which sent files were lost with the session, so nobody believes them stored."""
    if names:
        messages.warning(
            request,
            _("Your session had expired, so %(files)s was not stored: choose it again.")
            % {"files": ", ".join(safe_display_name(name) for name in names)},
        )


def as_querydict(fields: dict[str, list[str]]) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, values in fields.items():
        data.setlist(name, values)
    return data


def is_returning(request: HttpRequest) -> bool:
    """Whether the browser was logged in within RETURNING_DAYS (its signed cookie says so)."""
    signed = request.get_signed_cookie(
        RETURNING_COOKIE, default=None, salt=RETURNING_SALT, max_age=RETURNING_DAYS * 86400
    )
    return signed is not None


def mark_returning(response: HttpResponse) -> None:
    response.set_signed_cookie(
        RETURNING_COOKIE,
        "1",
        salt=RETURNING_SALT,
        max_age=RETURNING_DAYS * 86400,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


class ReturningMiddleware:
    """Marks the browser of a logged-in person (once: while the cookie is there, nothing is
    set), and forgets the mark at logout."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        was_in = request.user.is_authenticated
        response = self.get_response(request)
        now_in = request.user.is_authenticated  # login() and logout() replace request.user
        if now_in and RETURNING_COOKIE not in request.COOKIES:
            mark_returning(response)
        elif was_in and not now_in:
            response.delete_cookie(RETURNING_COOKIE, samesite="Lax")
        return response


def keep_post(request: HttpRequest, page: str) -> None:
    """Keep the posted fields for `page`, when the browser was logged in (an expired session);
    a later post for the same page adds to them (the later autosave of a row wins)."""
    if not is_returning(request):
        return
    fields = posted_fields(request)
    if not fields or sum(len(v) for vs in fields.values() for v in vs) > MAX_KEPT_CHARACTERS:
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
    fields = kept.pop(page)
    request.session[SESSION_KEY] = kept
    files_not_kept(request, fields.pop(FILES_KEY, []))
    return as_querydict(fields)


def restored_post(request: HttpRequest) -> QueryDict | None:
    """The fields kept for this page, for a page that puts them back in its form to be checked
    and saved, with a message saying so."""
    data = take_kept_post(request)
    if data is not None:
        messages.warning(
            request,
            _("What you typed before logging in again is back in the form: check it and save."),
        )
    return data

"""Access decorators the apps' views share."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeAlias, overload

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext as _

from .pending import files_not_kept, keep_post

View: TypeAlias = Callable[..., HttpResponseBase]


def parent_page(levels: int = 1) -> Callable[[str], str]:
    """page_of for an action's URL: the page `levels` path segments up (…/5/delete/ → …/5/)."""

    def page_of(path: str) -> str:
        return "/".join(path.rstrip("/").split("/")[:-levels]) + "/"

    return page_of


@overload
def login_first(
    view: View, *, page_of: Callable[[str], str] | None = None, keep: bool = True
) -> View: ...


@overload
def login_first(
    view: None = None, *, page_of: Callable[[str], str] | None = None, keep: bool = True
) -> Callable[[View], View]: ...


def login_first(
    view: View | None = None,
    *,
    page_of: Callable[[str], str] | None = None,
    keep: bool = True,
) -> View | Callable[[View], View]:
    """An anonymous visitor (an expired session included) goes to the login page and comes back
    to the page afterwards; what they posted is kept for that page (core.pending, R2). `page_of`
    names the page a posted URL belongs to (an autosave's row URL → its domain page; an action's
    URL → the page with its button), so nobody lands on a bare 405. `keep=False` for actions
    that must never run unseen (submit, delete, approve, an upload): they are not replayed, and
    the person is told it was not done. An htmx request gets its redirect as HX-Redirect."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.user.is_authenticated:
                return view(request, *args, **kwargs)
            page = page_of(request.path) if page_of else request.path
            if request.method == "POST" and keep:
                keep_post(request, page)
            elif request.method == "POST":
                names = [f.name or "" for n in request.FILES for f in request.FILES.getlist(n)]
                if names:
                    files_not_kept(request, names)
                else:
                    messages.warning(
                        request, _("Your session had expired, so this was not done: do it again.")
                    )
            if getattr(request, "htmx", False):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = f"{reverse('login')}?next={page}"
                return response
            return redirect_to_login(page)

        return wrapper

    return decorator(view) if view is not None else decorator


def post_only(scope: Callable[..., object]) -> Callable[[View], View]:
    """Answer anything but POST with 405, yet only after `scope(request, *args, **kwargs)` (the
    view's own scoped lookup) has had its chance to answer 404: someone who may not see the
    object learns nothing, not even that it takes a POST (S1)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.method != "POST":
                scope(request, *args, **kwargs)
                return HttpResponseNotAllowed(["POST"])
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


SAFE_METHODS = ("GET", "HEAD")


def read_only(view: View) -> View:
    """A page that changes nothing answers anything but GET and HEAD with 405, yet only after
    the view's own scoped lookup has had its chance to answer 404 (S1): it runs, and its page is
    thrown away."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method in SAFE_METHODS:
            return view(request, *args, **kwargs)
        view(request, *args, **kwargs)  # raises Http404 where the person may not look
        return HttpResponseNotAllowed(SAFE_METHODS)

    return wrapper

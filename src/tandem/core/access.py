"""Access decorators the apps' views share."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeAlias, overload

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.http.response import HttpResponseBase
from django.urls import reverse

from .pending import keep_post

View: TypeAlias = Callable[..., HttpResponseBase]


@overload
def login_first(view: View, *, page_of: Callable[[str], str] | None = None) -> View: ...


@overload
def login_first(
    view: None = None, *, page_of: Callable[[str], str] | None = None
) -> Callable[[View], View]: ...


def login_first(
    view: View | None = None, *, page_of: Callable[[str], str] | None = None
) -> View | Callable[[View], View]:
    """An anonymous visitor (an expired session included) goes to the login page and comes back
    to the page afterwards; what they posted is kept for that page (core.pending, R2). `page_of`
    names the page a posted URL belongs to (an autosave's row URL → its domain page). An htmx
    request gets its redirect as HX-Redirect."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.user.is_authenticated:
                return view(request, *args, **kwargs)
            page = page_of(request.path) if page_of else request.path
            if request.method == "POST":
                keep_post(request, page)
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

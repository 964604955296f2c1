"""Access decorators the apps' views share."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.urls import reverse

from .pending import keep_post


def login_first(view=None, *, page_of=None):
    """An anonymous visitor (an expired session included) goes to the login page and comes back
    to the page afterwards; what they posted is kept for that page (core.pending, R2). `page_of`
    names the page a posted URL belongs to (an autosave's row URL → its domain page). An htmx
    request gets its redirect as HX-Redirect."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
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

"""A register form posted after the session expired loses nothing: the typed fields are kept in
the anonymous session (which Django carries over at login) and put back in the same form when
the person is back, to be checked and saved (the version they opened still guards the save)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import QueryDict
from django.utils.translation import gettext as _

from tandem.campaigns.pending_saves import as_querydict, posted_fields

SESSION_KEY = "tandem_register_drafts"


def login_keeping_post(view):
    """login_required, but a POST from a logged-out browser is kept for after the login."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.method == "POST":
            drafts = request.session.get(SESSION_KEY, {})
            drafts[request.path] = posted_fields(request)
            request.session[SESSION_KEY] = drafts
        return redirect_to_login(request.path)

    return wrapper


def restored(request) -> QueryDict | None:
    """The fields kept for this page before the login, once; None when there are none."""
    drafts = request.session.get(SESSION_KEY)
    if not drafts or request.path not in drafts:
        return None
    data = as_querydict(drafts.pop(request.path))
    request.session[SESSION_KEY] = drafts
    messages.warning(
        request,
        _("What you typed before logging in again is back in the form: check it and save."),
    )
    return data

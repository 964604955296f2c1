"""The language of a page, in this order (the session keys are filled at login by the apps that
know them: accounts the person's choice, campaigns their questionnaires' language):

1. the person's own choice: kept on their account (copied into the session at login), or, when
   not logged in, the language they picked with the switcher (a cookie);
2. the language of the questionnaire the page belongs to: a view that knows it (the invitation,
   a pair's questionnaire) calls `use_context_language`; on other pages, the one language of
   the person's questionnaires (in the session since login);
3. the language last used on this device while logged in (so the login page after a logout
   speaks it too);
4. the browser's languages (Accept-Language); Dutch when none of ours is among them.
"""

from typing import TYPE_CHECKING, TypeGuard

from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin

if TYPE_CHECKING:

    class LanguageRequest(HttpRequest):
        """A request as LanguageMiddleware leaves it."""

        language_is_chosen: bool


CHOICE_KEY = "tandem_language_choice"  # the account's own choice ("" when none), from login on
DEFAULT_KEY = "tandem_default_language"  # the language of the person's questionnaires
LAST_USED_COOKIE = "tandem_last_language"


def supported(language: str | None) -> TypeGuard[str]:
    return language in {code for code, _name in settings.LANGUAGES}


def _choice(request: HttpRequest) -> str:
    if request.user.is_authenticated:
        choice = request.session.get(CHOICE_KEY)
        if supported(choice):
            return choice
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return cookie if supported(cookie) else ""


def _fallback(request: HttpRequest) -> str:
    if request.user.is_authenticated:
        default = request.session.get(DEFAULT_KEY)
        if supported(default):
            return default
    last = request.COOKIES.get(LAST_USED_COOKIE, "")
    if supported(last):
        return last
    accepted = translation.get_language_from_request(request)
    return accepted if supported(accepted) else settings.LANGUAGE_CODE


def use_context_language(request: HttpRequest, language: str) -> None:
    """A page of a questionnaire (or its invitation) speaks its language, unless the person
    chose one."""
    if not getattr(request, "language_is_chosen", True) and supported(language):
        translation.activate(language)
        request.LANGUAGE_CODE = language


class LanguageMiddleware(MiddlewareMixin):
    """Runs after the authentication middleware: the account's choice needs the user."""

    def process_request(self, request: "LanguageRequest") -> None:
        choice = _choice(request)
        request.language_is_chosen = bool(choice)
        language = choice or _fallback(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        language = translation.get_language()
        response.headers.setdefault("Content-Language", language)
        vary = [v.strip() for v in response.headers.get("Vary", "").split(",") if v.strip()]
        for header in ("Cookie", "Accept-Language"):
            if header not in vary:
                vary.append(header)
        response.headers["Vary"] = ", ".join(vary)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if request.COOKIES.get(LAST_USED_COOKIE) != language:
                response.set_cookie(
                    LAST_USED_COOKIE,
                    language,
                    max_age=settings.LANGUAGE_COOKIE_AGE,
                    samesite="Lax",
                    httponly=True,
                    secure=settings.SESSION_COOKIE_SECURE,
                )
        return response

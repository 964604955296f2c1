"""Language from the visitor's remembered choice (cookie), otherwise Dutch.

Django's LocaleMiddleware would follow the browser's Accept-Language; Tandem opens in Dutch until
someone picks French or English, and then remembers that choice.
"""

from django.conf import settings
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin


class RememberedLanguageMiddleware(MiddlewareMixin):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        if "Vary" in response.headers:
            if "Cookie" not in response.headers["Vary"]:
                response.headers["Vary"] += ", Cookie"
        else:
            response.headers["Vary"] = "Cookie"
        return response

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 5


class DutchFirstLocaleMiddleware:
    """Dutch unless the user chose another language (the language cookie set by
    Django's set_language view). The browser's Accept-Language is ignored on
    purpose: the organisation works in Dutch."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class DatabaseBusyMiddleware:
    """A database that stays busy past its wait (SQLite's lock after the busy timeout,
    PostgreSQL restarting) is answered with a Dutch "probeer het opnieuw" page and
    503, not a 500: the transaction was rolled back, so nothing half was stored."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError):
            return None
        logger.error("database unavailable for %s %s", request.method, request.path, exc_info=exception)
        response = render(request, "busy.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

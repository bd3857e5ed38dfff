import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 5
REFRESHED_KEY = "_klachtwijs_refreshed"


class DutchFirstLocaleMiddleware:
    """Dutch unless the user chose another language (the language cookie set by
    Django's set_language view through the switch on every page). Without that
    cookie, a public page (the complaint form, status pages, privacy statement,
    error pages) follows the browser's Accept-Language when it prefers English to
    Dutch; staff screens stay Dutch: the organisation works in Dutch."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in self.languages:
            language, vary = chosen, ("Cookie",)
        else:
            language, vary = settings.LANGUAGE_CODE, ("Cookie", "Accept-Language")
            browser = browser_language(request.headers.get("Accept-Language", ""), self.languages)
            if browser != language and is_public_path(request.path_info):
                language = browser
        request.LANGUAGE_CODE = language
        # For this request only: the thread (a worker's next request, a test's next step) keeps
        # the language it had, so nothing outside a request is written in a visitor's language.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        # One address answers in either language: by the cookie, and without it by the browser.
        patch_vary_headers(response, vary)
        return response


def browser_language(header: str, languages: set[str]) -> str:
    """The first of ``languages`` that the Accept-Language header prefers (by
    quality, then order; "en-GB" counts as "en"); the default language when it
    names none of them."""
    best, best_quality = settings.LANGUAGE_CODE, -1.0
    for part in header.split(",")[:20]:
        tag, _, params = part.strip().partition(";")
        code = tag.strip().lower().split("-")[0]
        if code not in languages:
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > best_quality and quality > 0:
            best, best_quality = code, quality
    return best


def is_public_path(path: str) -> bool:
    """A page of the public side: the complaint form and its pages (the
    ``intake`` URLs), or an address that does not exist (its 404 page is public)."""
    try:
        match = resolve(path)
    except Resolver404:
        return True
    return match.namespace == "intake"


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


def session_refreshed(sender, request: HttpRequest, user, **kwargs) -> None:
    """At login (which saves the session anyway) the session starts fresh."""
    request.session[REFRESHED_KEY] = int(time.time())


class SessionRefreshMiddleware:
    """Staff sessions end after ``SESSION_COOKIE_AGE`` without activity: an active
    session's expiry moves on, but at most every ``SESSION_REFRESH_SECONDS``, so an
    ordinary page costs no session write."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and request.user.is_authenticated:
            now = int(time.time())
            if now - session.get(REFRESHED_KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[REFRESHED_KEY] = now
        return self.get_response(request)


class RequestSizeLimitMiddleware:
    """Refuses a request body larger than ``MAX_REQUEST_BYTES`` before anything reads
    it (the proxy caps it too: deploy/nginx.conf), with a Dutch 413 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return render(request, "too_large.html", {"limit_mb": settings.MAX_REQUEST_BYTES // 2**20}, status=413)
        return self.get_response(request)

"""What comes in from outside is cleaned once, on the way in: control characters
(except tab and line breaks, which become "\\n") and bidirectional embeddings, overrides and isolates
(U+202A–U+202E, U+2066–U+2069, which can make "gpj.exe" read as "exe.jpg") are removed
from every query parameter, form field and JSON string. NUL in a URL answers 404:
no path of the site contains one, and PostgreSQL refuses it in a query."""

import re
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, QueryDict

_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]|\r(?=\n)")


def clean_text(value: str) -> str:
    """Without the unwanted characters, and with line breaks as "\\n" (browsers send "\\r\\n")."""
    return _UNWANTED.sub("", value).replace("\r", "\n")


def clean_data(value: Any) -> Any:
    """``clean_text`` over every string in a parsed JSON document (keys too)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_data(item) for item in value]
    if isinstance(value, dict):
        return {clean_text(key): clean_data(item) for key, item in value.items()}
    return value


def _cleaned(query: QueryDict) -> QueryDict:
    lists = [(clean_text(key), [clean_text(value) for value in values]) for key, values in query.lists()]
    if lists == list(query.lists()):
        return query
    cleaned = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in lists:
        cleaned.setlist(key, values)
    cleaned._mutable = False
    return cleaned


class InputCleaningMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path:
            raise Http404("NUL in the path")
        request.GET = _cleaned(request.GET)
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            request.POST = _cleaned(request.POST)
        return self.get_response(request)

"""The content of an outbox message: rendered from ``templates/emails/<template>-*``
either when the message is stored, or by the worker just before the first attempt
(``render_pending``: the request that stored it did not pay for the templates).

A message rendered later keeps the values its templates read, frozen when it was
stored (``freeze``: text, numbers, dates and times, lists and mappings; never a
model, whose fields might change before delivery), and the language to render
them in; it says exactly what it would have said at that moment."""

import dataclasses
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.dateparse import parse_date, parse_datetime

_DATETIME, _DATE = "__datetime__", "__date__"


def freeze(value: Any) -> Any:
    """``value`` as JSON the worker can thaw to the same values; TypeError for
    anything that could still change (a model instance) or not come back the same."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise TypeError("a naive datetime would not render the same later")
        return {_DATETIME: value.isoformat()}
    if isinstance(value, date):
        return {_DATE: value.isoformat()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: freeze(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        if not all(isinstance(key, str) for key in value) or {_DATETIME, _DATE} & set(value):
            raise TypeError("a frozen mapping needs text keys")
        return {key: freeze(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [freeze(item) for item in value]
    raise TypeError(f"{type(value).__name__} cannot be kept for rendering later")


def thaw(value: Any) -> Any:
    if isinstance(value, list):
        return [thaw(item) for item in value]
    if isinstance(value, dict):
        if set(value) == {_DATETIME}:
            return parse_datetime(value[_DATETIME])
        if set(value) == {_DATE}:
            return parse_date(value[_DATE])
        return {key: thaw(item) for key, item in value.items()}
    return value


def render(*, template: str, context: Mapping[str, Any], language: str) -> tuple[str, str, str]:
    """(subject, text body, HTML body) of ``template`` in ``language``."""
    with translation.override(language or None):
        subject = render_to_string(f"emails/{template}-subject.txt", dict(context))
        body_text = render_to_string(f"emails/{template}-body.txt", dict(context))
        body_html = render_to_string(f"emails/{template}-body.html", dict(context))
    # A header must be one line; a line break would fail every attempt.
    return " ".join(subject.split())[:255], body_text.strip() + "\n", body_html.strip()


def render_stored(email) -> tuple[str, str, str]:
    """The content of ``email`` (an ``OutboundEmail``): as stored, or rendered now
    from its frozen values when that is still to happen (nothing is saved)."""
    if not email.render_pending:
        return email.subject, email.body_text, email.body_html
    return render(template=email.template, context=thaw(email.context), language=email.language)

"""Template filters for Dutch dates and numbers (``complaints.formatting``).
Registered as a template builtin in the settings, so every template has them."""

from typing import Any

from django import template

from complaints import formatting

register = template.Library()


@register.filter
def short_date(value: Any) -> str:
    """``{{ complaint.due_at|short_date }}`` → ``9 okt. 2026``."""
    return formatting.short_date(value)


@register.filter
def short_datetime(value: Any) -> str:
    """``{{ event.created_at|short_datetime }}`` → ``9 okt. 2026 14:05``."""
    return formatting.short_datetime(value)


@register.filter
def number(value: Any, decimals: Any = None) -> str:
    """``{{ total|number }}`` → ``12.345``; ``{{ rate|number:2 }}`` → ``0,71``."""
    try:
        return formatting.number(value, None if decimals in (None, "") else int(decimals))
    except (TypeError, ValueError):
        return "" if value is None else str(value)

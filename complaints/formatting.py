"""Dates and numbers as the Dutch write them, for every screen, e-mail and
document: "9 okt. 2026" (lowercase month, abbreviated with a full stop where
it is shortened, "mei" is not), "12.345" and "0,71". Templates use the
filters of ``complaints.templatetags.dutch`` (a template builtin: no load
needed); Python code calls these functions."""

from datetime import date, datetime
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import get_language

MONTHS_SHORT = ("jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.")


def _is_dutch() -> bool:
    return (get_language() or "nl").split("-")[0] == "nl"


def _local(value: date | datetime) -> date | datetime:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def short_date(value: date | datetime | None) -> str:
    """``9 okt. 2026``; an empty string for None."""
    if value is None or value == "":
        return ""
    value = _local(value)
    if not _is_dutch():
        return formats.date_format(value, "j M Y")
    return f"{value.day} {MONTHS_SHORT[value.month - 1]} {value.year}"


def short_datetime(value: datetime | None) -> str:
    """``9 okt. 2026 14:05`` in local time; an empty string for None."""
    if value is None or value == "":
        return ""
    value = _local(value)
    return f"{short_date(value)} {value:%H:%M}"


def number(value: int | float | Decimal | None, decimals: int | None = None) -> str:
    """``12.345`` / ``0,71`` with the active language's separators, always grouped."""
    if value is None or value == "":
        return ""
    if type(value) is int and decimals is None:
        # The common case (counts), without number_format's general path: grouped by
        # thousands with the language's separator.
        return f"{value:,}".replace(",", formats.get_format("THOUSAND_SEPARATOR", use_l10n=True))
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)

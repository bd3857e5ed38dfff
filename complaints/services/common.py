"""What every service shares: the error users see, the one writer of the
history, and the row lock each transition starts with."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext

from accounts.models import User
from complaints.models import OPEN_STATUSES, Complaint, ComplaintEvent, EventKind, Status


class ComplaintError(Exception):
    """A requested change is not allowed; the message is shown to the user."""


def format_reference(year: int, sequence: int) -> str:
    return f"K{year}-{sequence:05d}"


def _history_value(value: Any) -> Any:
    """How a field value is written into the history: model instances by their
    name (readable after the row is gone), dates as ISO text."""
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, date):  # also a datetime
        return value.isoformat()
    return value


def event_record(
    *,
    complaint: Complaint,
    kind: EventKind,
    actor: User | None = None,
    actor_label: str = "",
    changes: Mapping[str, tuple[Any, Any]] | None = None,
    data: Mapping[str, Any] | None = None,
) -> ComplaintEvent:
    """The only writer of a complaint's history."""
    if kind not in EventKind.values:
        raise ValueError(f"Unknown event kind: {kind!r}")
    payload: dict[str, Any] = dict(data or {})
    if changes:
        payload["changes"] = {
            field: [_history_value(old), _history_value(new)] for field, (old, new) in changes.items()
        }
    return ComplaintEvent.objects.create(
        complaint=complaint, kind=EventKind(kind), actor=actor, actor_label=actor_label, data=payload
    )


def apply_changes(complaint: Complaint, values: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Set the given fields and return {field: (old, new)} for those that changed."""
    changes: dict[str, tuple[Any, Any]] = {}
    for field, new in values.items():
        old = getattr(complaint, field)
        if old != new:
            changes[field] = (old, new)
            setattr(complaint, field, new)
    return changes


def locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


def start_handling(complaint: Complaint) -> dict[str, tuple[Any, Any]]:
    """The first handling step of a forwarded complaint puts it in progress."""
    if complaint.status == Status.FORWARDED:
        return apply_changes(complaint, {"status": Status.IN_PROGRESS})
    return {}


def require_open(complaint: Complaint) -> None:
    if complaint.status not in OPEN_STATUSES:
        raise ComplaintError(gettext("Deze klacht is afgesloten; er kan niets meer aan worden toegevoegd."))

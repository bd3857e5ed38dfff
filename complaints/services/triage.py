"""Triage: classify a complaint and forward it to the unit that handles it."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import User
from complaints import emails
from complaints.models import OPEN_STATUSES, Category, Complaint, EventKind, Status
from complaints.selectors import assignable_users
from complaints.services.common import ComplaintError, apply_changes, event_record, locked
from organisation.models import Department, Location


def complaint_forward(
    *,
    complaint: Complaint,
    category: Category,
    location: Location | None,
    handling_location: Location | None = None,
    handling_department: Department | None = None,
    actor: User | None,
) -> Complaint:
    """Triage: set category and location and forward to the unit that handles it."""
    if (handling_location is None) == (handling_department is None):
        raise ComplaintError(gettext("Kies één behandelaar: een locatie of een afdeling."))
    with transaction.atomic():
        current = locked(complaint)
        if current.status not in OPEN_STATUSES:
            raise ComplaintError(gettext("Een afgesloten klacht kan niet worden doorgestuurd."))
        changes = apply_changes(
            current,
            {
                "category": category,
                "location": location,
                "legal_entity": location.legal_entity if location else current.legal_entity,
                "handling_location": handling_location,
                "handling_department": handling_department,
                "status": Status.FORWARDED if current.status == Status.NEW else current.status,
                "forwarded_at": current.forwarded_at or timezone.now(),
            },
        )
        # Forwarded elsewhere: the person it was assigned to may not belong to the new unit.
        if current.assignee_id is not None and not assignable_users(current).filter(pk=current.assignee_id).exists():
            changes |= apply_changes(current, {"assignee": None})
        current.save()
        event_record(complaint=current, kind=EventKind.COMPLAINT_FORWARDED, actor=actor, changes=changes)
        emails.handler_forwarded(current)
    return current

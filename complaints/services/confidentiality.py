"""Confidential complaints: about a location manager personally, so hidden from
the managers of that location (see ``complaints.selectors``)."""

from django.db import transaction

from accounts.models import User
from complaints.models import Complaint, EventKind
from complaints.services.common import ComplaintError, apply_changes, event_record, locked


def complaint_set_confidential(*, complaint: Complaint, confidential: bool, reason: str, actor: User) -> Complaint:
    """Mark a complaint confidential (or lift it), with the reason in the history."""
    reason = reason.strip()
    if not reason:
        raise ComplaintError("Geef een reden op.")
    with transaction.atomic():
        current = locked(complaint)
        changes = apply_changes(current, {"is_confidential": confidential})
        if not changes:
            state = "al vertrouwelijk" if confidential else "niet vertrouwelijk"
            raise ComplaintError(f"Deze klacht is {state}.")
        current.save()
        event_record(
            complaint=current,
            kind=EventKind.COMPLAINT_MARKED_CONFIDENTIAL
            if confidential
            else EventKind.COMPLAINT_CONFIDENTIALITY_LIFTED,
            actor=actor,
            changes=changes,
            data={"reason": reason},
        )
    return current

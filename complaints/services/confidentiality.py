"""Confidential complaints: about a location manager personally, so hidden from
the managers of that location (see ``complaints.selectors``)."""

from django.db import transaction
from django.utils.translation import gettext

from accounts.models import User
from complaints.models import Complaint, EventKind
from complaints.services.common import ComplaintError, apply_changes, event_record, locked


def complaint_set_confidential(*, complaint: Complaint, confidential: bool, reason: str, actor: User) -> Complaint:
    """Mark a complaint confidential (or lift it), with the reason in the history."""
    reason = reason.strip()
    if not reason:
        raise ComplaintError(gettext("Geef een reden op."))
    with transaction.atomic():
        current = locked(complaint)
        changes = apply_changes(current, {"is_confidential": confidential})
        if not changes:
            raise ComplaintError(
                gettext("Deze klacht is al vertrouwelijk.")
                if confidential
                else gettext("Deze klacht is niet vertrouwelijk.")
            )
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

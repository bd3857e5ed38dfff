"""The safety flag: a child hurt or an unsafe situation. A flagged complaint is
shown in red everywhere and listed first in the worklist; raising the flag tells
the operations manager at once (``complaints.emails.safety_alert``)."""

from django.db import transaction
from django.utils.translation import gettext

from accounts.models import User
from complaints import emails
from complaints.models import Complaint, EventKind
from complaints.services.common import ComplaintError, apply_changes, event_record, locked

SAFETY_REASON_MAX_LENGTH = 2000


def complaint_set_safety(*, complaint: Complaint, flagged: bool, reason: str, actor: User | None) -> Complaint:
    """Raise (``flagged``) or lift the safety flag, with the reason in the
    history. Raising it queues the alert to the operations manager in the same
    transaction."""
    reason = reason.strip()
    if not reason:
        raise ComplaintError(gettext("Geef een reden op."))
    if len(reason) > SAFETY_REASON_MAX_LENGTH:
        raise ComplaintError(
            gettext("De reden mag hoogstens %(count)d tekens lang zijn.") % {"count": SAFETY_REASON_MAX_LENGTH}
        )
    with transaction.atomic():
        current = locked(complaint)
        changes = apply_changes(current, {"is_safety_concern": flagged, "safety_reason": reason if flagged else ""})
        if "is_safety_concern" not in changes:
            raise ComplaintError(
                gettext("Deze klacht heeft al een veiligheidsmelding.")
                if flagged
                else gettext("Deze klacht heeft geen veiligheidsmelding.")
            )
        current.save()
        event_record(
            complaint=current,
            kind=EventKind.SAFETY_FLAGGED if flagged else EventKind.SAFETY_LIFTED,
            actor=actor,
            changes=changes,
            data={"reason": reason},
        )
        if flagged:
            emails.safety_alert(current, reason=reason)
    return current

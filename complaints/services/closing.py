"""Ending a complaint: closed with a verdict and a sent letter, or withdrawn."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import User
from complaints.models import OPEN_STATUSES, ClosingLetter, Complaint, EventKind, Status
from complaints.services.common import ComplaintError, apply_changes, event_record, locked


def complaint_close(*, complaint: Complaint, actor: User | None, closed_at: datetime | None = None) -> Complaint:
    """Close a complaint: only with a verdict, a solution and a sent letter."""
    closed_at = closed_at or timezone.now()
    with transaction.atomic():
        current = locked(complaint)
        if current.status not in OPEN_STATUSES:
            raise ComplaintError(gettext("Deze klacht is al afgesloten."))
        if not current.verdict:
            raise ComplaintError(gettext("Leg eerst vast of de klacht gegrond is."))
        if not current.solution.strip():
            raise ComplaintError(gettext("Leg eerst de getroffen oplossing vast."))
        letter = ClosingLetter.objects.filter(complaint=current).first()
        if letter is None or letter.sent_at is None:
            raise ComplaintError(gettext("Verstuur eerst de afsluitbrief met het gemotiveerde oordeel."))
        if current.received_at and closed_at < current.received_at:
            raise ComplaintError(gettext("De sluitdatum ligt vóór de ontvangstdatum."))
        changes = apply_changes(current, {"status": Status.CLOSED, "closed_at": closed_at})
        current.save()
        # Closing after the statutory term is recorded as late; it counts against compliance.
        late = bool(current.due_at and closed_at > current.due_at)
        event_record(
            complaint=current, kind=EventKind.COMPLAINT_CLOSED, actor=actor, changes=changes, data={"late": late}
        )
    return current


def complaint_withdraw(*, complaint: Complaint, reason: str, actor: User | None) -> Complaint:
    """The complainant withdrew the complaint; recorded as such, not as closed."""
    if not reason.strip():
        raise ComplaintError(gettext("Noteer hoe en waarom de indiener de klacht heeft ingetrokken."))
    with transaction.atomic():
        current = locked(complaint)
        if current.status not in OPEN_STATUSES:
            raise ComplaintError(gettext("Deze klacht is al afgesloten."))
        changes = apply_changes(
            current, {"status": Status.WITHDRAWN, "closed_at": timezone.now(), "withdrawn_reason": reason.strip()}
        )
        current.save()
        event_record(complaint=current, kind=EventKind.COMPLAINT_WITHDRAWN, actor=actor, changes=changes)
    return current

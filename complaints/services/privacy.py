"""Personal data: erasing contact details and the anonymised publication text."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from complaints.models import STATUS_LINK_AFTER_CLOSING, Complainant, Complaint, EventKind
from complaints.services.common import ComplaintError, apply_changes, event_record, locked


def complainant_erase(*, complaint: Complaint, actor: User | None, actor_label: str = "") -> bool:
    """Erase the complainant's contact details; the complaint and its history
    stay. Returns False when there was nothing left to erase."""
    with transaction.atomic():
        complainant = Complainant.objects.select_for_update().filter(complaint=complaint).first()
        if complainant is None or complainant.erased_at is not None:
            return False
        complainant.name = complainant.email = complainant.phone = ""
        complainant.erased_at = timezone.now()
        complainant.save()
        # The history records that it happened, never the erased values.
        event_record(complaint=complaint, kind=EventKind.COMPLAINANT_ERASED, actor=actor, actor_label=actor_label)
    return True


def complainants_erase_expired(*, now: datetime | None = None) -> int:
    """Contact details are kept until the status link expires: a year after the
    complaint was closed or withdrawn (see the privacy statement)."""
    cutoff = (now or timezone.now()) - STATUS_LINK_AFTER_CLOSING
    expired = Complaint.objects.filter(
        closed_at__lt=cutoff, complainant__erased_at__isnull=True, complainant__isnull=False
    ).only("id")
    return sum(complainant_erase(complaint=complaint, actor=None, actor_label="bewaartermijn") for complaint in expired)


def complaint_set_publication_text(*, complaint: Complaint, text: str, reviewed: bool, actor: User) -> Complaint:
    """The anonymised text the annual report prints instead of the description;
    ``reviewed`` says that a person checked it holds no names of children,
    parents or staff."""
    if reviewed and not text.strip():
        raise ComplaintError("Een lege publicatietekst kan niet als gecontroleerd worden gemarkeerd.")
    with transaction.atomic():
        current = locked(complaint)
        changes = apply_changes(current, {"publication_text": text.strip(), "publication_reviewed": reviewed})
        if changes:
            current.save()
            event_record(complaint=current, kind=EventKind.COMPLAINT_PUBLICATION_TEXT_SET, actor=actor, changes=changes)
    return current

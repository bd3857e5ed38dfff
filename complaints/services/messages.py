"""The complainant's side of the conversation: a message (a reply by e-mail)
on the complaint's timeline, and reopening a complaint the complainant came
back to."""

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction

from accounts.models import User
from complaints import emails
from complaints.attachments import MAX_ATTACHMENTS, CheckedFile
from complaints.models import OPEN_STATUSES, Complaint, EventKind, Status
from complaints.services.common import ComplaintError, apply_changes, event_record, locked
from complaints.services.registration import attachment_store

ACTOR_COMPLAINANT = "indiener"


def complainant_message_add(
    *,
    complaint: Complaint,
    text: str,
    subject: str = "",
    sender: str = "",
    sent_at: datetime | None = None,
    attachments: Sequence[CheckedFile] = (),
    actor: User | None = None,
    notify: bool = True,
) -> Complaint:
    """A message from the complainant ("bericht van indiener") on the timeline,
    with its attachments; the handling unit (or, before triage, the
    coordinators) is told. Also on a closed complaint: the coordinator decides
    whether to reopen it."""
    if not text.strip() and not attachments:
        raise ComplaintError("Het bericht is leeg.")
    if len(attachments) > MAX_ATTACHMENTS:
        raise ComplaintError(f"Een bericht kan maximaal {MAX_ATTACHMENTS} bijlagen hebben.")
    with transaction.atomic():
        current = locked(complaint)
        event_record(
            complaint=current,
            kind=EventKind.MESSAGE_RECEIVED,
            actor=actor,
            actor_label="" if actor else ACTOR_COMPLAINANT,
            data={
                "subject": subject[:255],
                "message": text.strip(),
                "sender": sender,
                "sent_at": sent_at.isoformat() if sent_at else "",
                "attachments": [checked.upload.name or "bestand" for checked in attachments],
                "open": current.status in OPEN_STATUSES,
            },
        )
        for checked in attachments:
            attachment_store(complaint=current, checked=checked, actor=actor, actor_label=ACTOR_COMPLAINANT)
        if notify:
            emails.complainant_message(current, text=text.strip(), subject=subject)
    return current


def complaint_reopen(*, complaint: Complaint, reason: str, actor: User | None) -> Complaint:
    """Open a closed or withdrawn complaint again, with the reason on the
    record; it returns to its handler (or to triage when it had none)."""
    if not reason.strip():
        raise ComplaintError("Noteer waarom de klacht wordt heropend.")
    with transaction.atomic():
        current = locked(complaint)
        if current.status in OPEN_STATUSES:
            raise ComplaintError("Deze klacht is niet afgesloten.")
        handled = bool(current.handling_location_id or current.handling_department_id)
        changes = apply_changes(current, {"status": Status.IN_PROGRESS if handled else Status.NEW, "closed_at": None})
        current.save()
        event_record(
            complaint=current,
            kind=EventKind.COMPLAINT_REOPENED,
            actor=actor,
            changes=changes,
            data={"reason": reason.strip()},
        )
    return current

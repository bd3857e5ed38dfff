"""Registering a complaint the moment it arrives, whatever the channel."""

import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from complaints import emails
from complaints.attachments import MAX_ATTACHMENTS, CheckedFile
from complaints.deadlines import deadline_for
from complaints.models import (
    Attachment,
    Category,
    Channel,
    Complainant,
    Complaint,
    EventKind,
    ReferenceCounter,
    Status,
)
from complaints.services.common import ComplaintError, event_record, format_reference
from organisation.models import LegalEntity, Location


def reference_allocate(*, year: int, at_least: int = 0) -> int:
    """Hand out the next sequence number of a year. The counter row is locked,
    so two registrations never get the same reference."""
    ReferenceCounter.objects.get_or_create(year=year)
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last = max(counter.last + 1, at_least)
    counter.save(update_fields=["last"])
    return counter.last


@dataclass(frozen=True, slots=True)
class ComplainantData:
    name: str = ""
    email: str = ""
    phone: str = ""


def complaint_register(
    *,
    received_at: datetime,
    channel: str,
    complainant_kind: str,
    legal_entity: LegalEntity | None = None,
    location: Location | None,
    description: str,
    desired_outcome: str = "",
    care_type: str = "",
    category: Category | None = None,
    complainant: ComplainantData,
    attachments: Sequence[CheckedFile] = (),
    submission_key: uuid.UUID | None = None,
    consent_at: datetime | None = None,
    actor: User | None = None,
    actor_label: str = "",
    is_demo: bool = False,
    notify: bool = True,
) -> Complaint:
    """Register a complaint the moment it arrives, whatever the channel. The
    complaint, its attachments and the outgoing e-mails (receipt to the
    complainant, notice to the coordinators) are stored in one transaction.
    With a ``submission_key`` a repeated submission returns the first one."""
    if channel == Channel.IMPORT:
        raise ComplaintError("Geïmporteerde klachten worden alleen door de import aangemaakt.")
    if timezone.is_naive(received_at):
        raise ComplaintError("Het ontvangstmoment moet een tijdzone hebben.")
    if received_at > timezone.now():
        raise ComplaintError("De ontvangstdatum ligt in de toekomst.")
    if not description.strip():
        raise ComplaintError("De omschrijving van de klacht is verplicht.")
    if len(attachments) > MAX_ATTACHMENTS:
        raise ComplaintError(f"U kunt maximaal {MAX_ATTACHMENTS} bijlagen meesturen.")
    entity = legal_entity or (location.legal_entity if location else None)
    if entity is None:
        raise ComplaintError("Kies een locatie of een label.")
    if submission_key is not None:
        earlier = Complaint.objects.filter(submission_key=submission_key).first()
        if earlier is not None:
            return earlier
    year = timezone.localtime(received_at).year
    if not transaction.get_connection().in_atomic_block:
        # Take the number in a short transaction of its own: the counter row is the
        # one lock every registration queues on, so it must not be held while the
        # complaint, attachments and e-mails are written. A failure later leaves a
        # gap in the numbering, never a duplicate.
        with transaction.atomic():
            sequence = reference_allocate(year=year)
    else:
        sequence = None
    try:
        with transaction.atomic():
            if sequence is None:
                sequence = reference_allocate(year=year)
            complaint = Complaint.objects.create(
                reference=format_reference(year, sequence),
                year=year,
                sequence=sequence,
                received_at=received_at,
                due_at=deadline_for(received_at),
                channel=channel,
                complainant_kind=complainant_kind,
                legal_entity=entity,
                location=location,
                category=category,
                care_type=care_type,
                description=description,
                desired_outcome=desired_outcome,
                status=Status.NEW,
                is_demo=is_demo,
                status_token=secrets.token_urlsafe(32),
                submission_key=submission_key,
                consent_at=consent_at,
            )
            Complainant.objects.create(
                complaint=complaint, name=complainant.name, email=complainant.email, phone=complainant.phone
            )
            event_record(
                complaint=complaint,
                kind=EventKind.COMPLAINT_REGISTERED,
                actor=actor,
                actor_label=actor_label,
                data={"channel": channel, "reference": complaint.reference},
            )
            for checked in attachments:
                attachment_store(complaint=complaint, checked=checked, actor=actor, actor_label=actor_label)
            if notify:
                emails.receipt(complaint)
                emails.coordinator_new(complaint)
    except IntegrityError:
        # Two identical submissions raced; the other one was stored.
        if submission_key is not None:
            earlier = Complaint.objects.filter(submission_key=submission_key).first()
            if earlier is not None:
                return earlier
        raise
    return complaint


def attachment_store(*, complaint: Complaint, checked: CheckedFile, actor: User | None, actor_label: str) -> None:
    attachment = Attachment(
        complaint=complaint,
        original_name=(checked.upload.name or "bestand")[:255],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
    )
    attachment.file.save(checked.upload.name or "bestand", checked.upload, save=False)
    attachment.save()
    event_record(
        complaint=complaint,
        kind=EventKind.ATTACHMENT_ADDED,
        actor=actor,
        actor_label=actor_label,
        data={"name": attachment.original_name, "size": attachment.size, "type": attachment.content_type},
    )

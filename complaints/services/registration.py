"""Registering a complaint the moment it arrives, whatever the channel."""

import secrets
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

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
    Language,
    ReferenceCounter,
    Status,
)
from complaints.services.common import ComplaintError, event_record, format_reference
from organisation.models import LegalEntity, Location

# First key of the two-key PostgreSQL advisory locks on submission keys ("KW" + 1), so
# they cannot collide with another use of advisory locks.
SUBMISSION_LOCK_CLASS = 0x4B5701


def reference_allocate(*, year: int, at_least: int = 0) -> int:
    """Hand out the next sequence number of a year. The counter row is locked,
    so two registrations never get the same reference: one statement (an upsert that
    returns the new number), the row locked only while it runs when not in a transaction."""
    quote = transaction.get_connection().ops.quote_name
    table, year_column, last = (quote(name) for name in (ReferenceCounter._meta.db_table, "year", "last"))
    first = max(1, at_least)
    with transaction.get_connection().cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {table} ({year_column}, {last}) VALUES (%s, %s)
            ON CONFLICT ({year_column}) DO UPDATE SET
                {last} = CASE WHEN {table}.{last} + 1 < %s THEN %s ELSE {table}.{last} + 1 END
            RETURNING {last}""",
            [year, first, at_least, at_least],
        )
        return cursor.fetchone()[0]


@dataclass(frozen=True, slots=True)
class ComplainantData:
    name: str = ""
    email: str = ""
    phone: str = ""
    salutation: str = ""


def complaint_register(
    *,
    received_at: datetime,
    channel: str,
    complainant_kind: str,
    legal_entity: LegalEntity | None = None,
    location: Location | None,
    description: str,
    location_text: str = "",
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
    render_emails_later: bool = False,
    safety_reason: str = "",
    language: str = Language.NL,
) -> Complaint:
    """Register a complaint the moment it arrives, whatever the channel. The
    complaint, its attachments and the outgoing e-mails (receipt to the
    complainant, notice to the coordinators) are stored in one transaction.
    With a ``submission_key`` a repeated submission returns the first one.
    A ``safety_reason`` raises the safety flag at once (see ``services.safety``).
    ``language`` is the one the complainant is written to in (``Language``).
    ``render_emails_later``: the receipt and the notice are rendered by the worker,
    from the values of this moment (the public form: the parent does not wait for them)."""
    if channel == Channel.IMPORT:
        raise ComplaintError(gettext("Geïmporteerde klachten worden alleen door de import aangemaakt."))
    if timezone.is_naive(received_at):
        raise ComplaintError(gettext("Het ontvangstmoment moet een tijdzone hebben."))
    if received_at > timezone.now():
        raise ComplaintError(gettext("De ontvangstdatum ligt in de toekomst."))
    if not description.strip():
        raise ComplaintError(gettext("De omschrijving van de klacht is verplicht."))
    if len(attachments) > MAX_ATTACHMENTS:
        raise ComplaintError(gettext("U kunt maximaal %(count)d bijlagen meesturen.") % {"count": MAX_ATTACHMENTS})
    location_text = " ".join(location_text.split())[:300] if location is None else ""
    entity = legal_entity or (location.legal_entity if location else None)
    if entity is None and not location_text:
        raise ComplaintError(gettext("Kies een locatie of een label."))
    if language not in Language.values:
        raise ComplaintError(gettext("Kies Nederlands of Engels als taal van de indiener."))
    with _submission_claimed(submission_key):
        return _complaint_create(
            year=timezone.localtime(received_at).year,
            submission_key=submission_key,
            fields={
                "received_at": received_at,
                "due_at": deadline_for(received_at),
                "channel": channel,
                "complainant_kind": complainant_kind,
                "legal_entity": entity,
                "location": location,
                "location_text": location_text,
                "category": category,
                "care_type": care_type,
                "description": description,
                "desired_outcome": desired_outcome,
                "is_demo": is_demo,
                "consent_at": consent_at,
                "is_safety_concern": bool(safety_reason.strip()),
                "safety_reason": safety_reason.strip(),
                "language": language,
            },
            complainant=complainant,
            attachments=attachments,
            actor=actor,
            actor_label=actor_label,
            notify=notify,
            render_emails_later=render_emails_later,
        )


@contextmanager
def _submission_claimed(submission_key: uuid.UUID | None) -> Iterator[None]:
    """Hold one submission key while its complaint is registered, so a repeated
    post of the same form waits for the first and then finds it, instead of
    taking a reference number of its own that would stay unused (a gap).

    On PostgreSQL an advisory lock on the key: a session lock when the number is
    taken in a transaction of its own (it must outlive that one), a transaction
    lock inside a caller's transaction. SQLite needs none: there the whole
    registration is one IMMEDIATE transaction, which already excludes every
    other writer (see ``_complaint_create``)."""
    connection = transaction.get_connection()
    if submission_key is None or connection.vendor != "postgresql":
        yield
        return
    lock = [SUBMISSION_LOCK_CLASS, int.from_bytes(submission_key.bytes[:4], "big", signed=True)]
    if connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", lock)
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", lock)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", lock)


def _complaint_create(
    *,
    year: int,
    submission_key: uuid.UUID | None,
    fields: dict,
    complainant: ComplainantData,
    attachments: Sequence[CheckedFile],
    actor: User | None,
    actor_label: str,
    notify: bool,
    render_emails_later: bool,
) -> Complaint:
    connection = transaction.get_connection()
    # On PostgreSQL the number is taken in a short transaction of its own: the counter
    # row is the one lock every registration queues on, so it must not be held while
    # the complaint, attachments and e-mails are written. A failure later leaves a gap
    # in the numbering, never a duplicate. SQLite locks the whole database for any
    # write transaction, so splitting would gain nothing there and would let a
    # repeated submission slip in between the two transactions.
    separate_number = not connection.in_atomic_block and connection.vendor != "sqlite"
    sequence = None
    if separate_number:
        if submission_key is not None and (earlier := _earlier_submission(submission_key)):
            return earlier
        sequence = reference_allocate(year=year)  # one statement: its own transaction
    try:
        with transaction.atomic():
            if sequence is None:
                # Checked inside the transaction: on SQLite it holds the write lock, so
                # a first submission still being stored has been committed by now.
                if submission_key is not None and (earlier := _earlier_submission(submission_key)):
                    return earlier
                sequence = reference_allocate(year=year)
            complaint = Complaint.objects.create(
                reference=format_reference(year, sequence),
                year=year,
                sequence=sequence,
                status=Status.NEW,
                status_token=secrets.token_urlsafe(32),
                submission_key=submission_key,
                **fields,
            )
            stored_complainant = Complainant.objects.create(
                complaint=complaint,
                name=complainant.name,
                salutation=complainant.salutation,
                email=complainant.email,
                phone=complainant.phone,
            )
            event_record(
                complaint=complaint,
                kind=EventKind.COMPLAINT_REGISTERED,
                actor=actor,
                actor_label=actor_label,
                data={"channel": fields["channel"], "reference": complaint.reference, "language": complaint.language},
            )
            for checked in attachments:
                attachment_store(complaint=complaint, checked=checked, actor=actor, actor_label=actor_label)
            if complaint.is_safety_concern:
                event_record(
                    complaint=complaint,
                    kind=EventKind.SAFETY_FLAGGED,
                    actor=actor,
                    actor_label=actor_label,
                    data={"reason": complaint.safety_reason},
                )
                emails.safety_alert(complaint, reason=complaint.safety_reason)
            if notify:
                emails.receipt(complaint, stored_complainant, render_later=render_emails_later)
                emails.coordinator_new(complaint, render_later=render_emails_later)
    except IntegrityError:
        # Two identical submissions raced past the claim (it cannot happen with the
        # claim above, but a unique key is the last word); the other one was stored.
        if submission_key is not None and (earlier := _earlier_submission(submission_key)):
            return earlier
        raise
    return complaint


def _earlier_submission(submission_key: uuid.UUID) -> Complaint | None:
    # Nearly always there is none: asked for its id only (a much smaller query for Django
    # to build and read), the whole complaint read only when a form was sent again.
    earlier = Complaint.objects.filter(submission_key=submission_key).values_list("pk", flat=True).first()
    return None if earlier is None else Complaint.objects.get(pk=earlier)


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

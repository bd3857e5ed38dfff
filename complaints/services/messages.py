"""The conversation with the complainant: their message (a reply by e-mail)
on the complaint's timeline, reopening a complaint they came back to, and a
message from staff to them."""

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.template import Context, Template
from django.utils import timezone

from accounts.models import User
from complaints import emails
from complaints.attachments import CheckedFile
from complaints.letters import letter_context
from complaints.models import (
    OPEN_STATUSES,
    Complainant,
    Complaint,
    ContactMethod,
    ContactMoment,
    EventKind,
    MessageTemplate,
    Status,
)
from complaints.services.common import ComplaintError, apply_changes, event_record, locked, start_handling
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
    whether to reopen it. No limit on the number of attachments (unlike the
    form): the e-mail arrived with them, and each one was checked."""
    if not text.strip() and not attachments:
        raise ComplaintError("Het bericht is leeg.")
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


def message_template_render(*, template: MessageTemplate, complaint: Complaint) -> tuple[str, str]:
    """The subject and text of a standard message with the complaint's placeholders filled in."""
    context = Context(letter_context(complaint))
    subject = Template("{% autoescape off %}" + template.subject + "{% endautoescape %}").render(context)
    body = Template("{% autoescape off %}" + template.body + "{% endautoescape %}").render(context)
    return " ".join(subject.split()), body.strip()


def complainant_message_send(*, complaint: Complaint, subject: str, text: str, actor: User) -> ContactMoment:
    """A message to the complainant ("bericht aan indiener"), sent through the
    outbox with the complaint's reply address, kept on the timeline and
    recorded as a contact moment by e-mail."""
    subject, text = " ".join(subject.split()), text.strip()
    if not subject or not text:
        raise ComplaintError("Vul een onderwerp en een tekst in.")
    with transaction.atomic():
        current = locked(complaint)
        complainant = Complainant.objects.filter(complaint=current).first()
        if complainant is None or not complainant.email or complainant.erased_at:
            raise ComplaintError("Van deze indiener is geen e-mailadres bekend.")
        now = timezone.now()
        contact = ContactMoment.objects.create(
            complaint=current,
            occurred_at=now,
            method=ContactMethod.EMAIL,
            summary=f"Bericht aan indiener: {subject}",
            recorded_by=actor,
        )
        changes = start_handling(current)
        if changes:
            current.save()
        event_record(
            complaint=current,
            kind=EventKind.MESSAGE_SENT,
            actor=actor,
            changes=changes,
            data={"to": complainant.email, "subject": subject, "message": text},
        )
        emails.message_to_complainant(current, to=complainant.email, subject=subject, text=text)
    return contact

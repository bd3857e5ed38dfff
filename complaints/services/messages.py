"""The conversation with the complainant: their message (a reply by e-mail,
or information added on the status page) on the complaint's timeline,
reopening a complaint they came back to, a message from staff to them, a new
expected answer date (always with a message), and a fresh status link."""

import secrets
from collections.abc import Sequence
from datetime import date, datetime

from django.db import transaction
from django.template import Context, Template
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

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
from complaints.services.common import (
    ComplaintError,
    apply_changes,
    event_record,
    locked,
    require_open,
    start_handling,
)
from complaints.services.registration import attachment_store

ACTOR_COMPLAINANT = "indiener"
# How a message from the complainant arrived (``data["via"]`` of its event).
VIA_EMAIL = "email"
VIA_STATUS_PAGE = "status_page"


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
    via: str = VIA_EMAIL,
) -> Complaint:
    """A message from the complainant ("bericht van indiener") on the timeline,
    with its attachments; the handling unit (or, before triage, the
    coordinators) is told. Also on a closed complaint: the coordinator decides
    whether to reopen it. No limit on the number of attachments (unlike the
    form): the e-mail arrived with them, and each one was checked. The
    complaint is marked as having a new message until staff open or answer it."""
    if not text.strip() and not attachments:
        raise ComplaintError(gettext("Het bericht is leeg."))
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
                "via": via,
            },
        )
        if current.unread_message_at is None:
            # Not a field of the case: a marker for the worklist, so no updated_at and no change entry.
            current.unread_message_at = timezone.now()
            Complaint.objects.filter(pk=current.pk).update(unread_message_at=current.unread_message_at)
        for checked in attachments:
            attachment_store(complaint=current, checked=checked, actor=actor, actor_label=ACTOR_COMPLAINANT)
        if notify:
            emails.complainant_message(current, text=text.strip(), subject=subject)
    return current


def complaint_reopen(*, complaint: Complaint, reason: str, actor: User | None) -> Complaint:
    """Open a closed or withdrawn complaint again, with the reason on the
    record; it returns to its handler (or to triage when it had none)."""
    if not reason.strip():
        raise ComplaintError(gettext("Noteer waarom de klacht wordt heropend."))
    with transaction.atomic():
        current = locked(complaint)
        if current.status in OPEN_STATUSES:
            raise ComplaintError(gettext("Deze klacht is niet afgesloten."))
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
    """The subject and text of a standard message with the complaint's placeholders
    filled in, in the complaint's language (the Dutch text when the template has no
    version in it: ``template.has_version`` tells the caller)."""
    subject, body = template.version_for(complaint.language)
    context = Context(letter_context(complaint))
    subject = Template("{% autoescape off %}" + subject + "{% endautoescape %}").render(context)
    body = Template("{% autoescape off %}" + body + "{% endautoescape %}").render(context)
    return " ".join(subject.split()), body.strip()


def complaint_messages_seen(*, complaint: Complaint) -> bool:
    """Staff opened the complaint: the marker of a new message from the
    complainant goes away. True when there was one."""
    return bool(
        Complaint.objects.filter(pk=complaint.pk, unread_message_at__isnull=False).update(unread_message_at=None)
    )


def _message_send(*, current: Complaint, subject: str, text: str, actor: User, changes: dict) -> ContactMoment:
    """Inside the caller's transaction, on the locked row: the e-mail, the
    contact moment, the event, and the new-message marker cleared."""
    complainant = Complainant.objects.filter(complaint=current).first()
    if complainant is None or not complainant.email or complainant.erased_at:
        raise ComplaintError(gettext("Van deze indiener is geen e-mailadres bekend."))
    contact = ContactMoment.objects.create(
        complaint=current,
        occurred_at=timezone.now(),
        method=ContactMethod.EMAIL,
        summary=f"Bericht aan indiener: {subject}",
        recorded_by=actor,
    )
    changes = {**changes, **start_handling(current)}
    signed = emails.signature(actor)
    if changes:
        current.save()
    event_record(
        complaint=current,
        kind=EventKind.MESSAGE_SENT,
        actor=actor,
        changes=changes,
        # Who signed it, as the complainant saw it (their timeline shows this, never the user).
        data={
            "to": complainant.email,
            "subject": subject,
            "message": text,
            "signed": {"name": signed.name, "role": signed.role},
        },
    )
    emails.message_to_complainant(current, to=complainant.email, subject=subject, text=text, sender=actor)
    complaint_messages_seen(complaint=current)
    return contact


def _message_clean(subject: str, text: str) -> tuple[str, str]:
    subject, text = " ".join(subject.split()), text.strip()
    if not subject or not text:
        raise ComplaintError(gettext("Vul een onderwerp en een tekst in."))
    return subject, text


def complainant_message_send(*, complaint: Complaint, subject: str, text: str, actor: User) -> ContactMoment:
    """A message to the complainant ("bericht aan indiener"), sent through the
    outbox with the complaint's reply address, kept on the timeline and
    recorded as a contact moment by e-mail. Answering clears the marker of a
    new message from the complainant."""
    subject, text = _message_clean(subject, text)
    with transaction.atomic():
        return _message_send(current=locked(complaint), subject=subject, text=text, actor=actor, changes={})


def complaint_answer_date_set(
    *, complaint: Complaint, answer_on: date, subject: str, text: str, actor: User
) -> ContactMoment:
    """The date the complainant may now expect the answer, when the statutory
    term cannot be met; one action with the message that tells them (the
    status page shows the date from then on)."""
    subject, text = _message_clean(subject, text)
    if answer_on <= timezone.localdate():
        raise ComplaintError(gettext("Kies een datum na vandaag."))
    with transaction.atomic():
        current = locked(complaint)
        require_open(current)
        changes = apply_changes(current, {"expected_answer_on": answer_on})
        if not changes:
            raise ComplaintError(gettext("Deze datum is al aan de indiener doorgegeven."))
        current.save()
        event_record(
            complaint=current,
            kind=EventKind.ANSWER_DATE_SET,
            actor=actor,
            changes=changes,
            data={"subject": subject},
        )
        with translation.override(current.language):
            told = translation.gettext("U kunt ons schriftelijke oordeel uiterlijk op %(date)s verwachten.") % {
                "date": formats.date_format(answer_on, "j F Y")
            }
        text = f"{text}\n\n{told}"
        return _message_send(current=current, subject=subject, text=text, actor=actor, changes={})


def status_link_resend(*, email: str, reference: str, now: datetime) -> Complaint | None:
    """Send the complainant a fresh status link when ``email`` and
    ``reference`` belong to one complaint whose link may still work; the old
    link stops working. None when they do not: the caller answers both the same."""
    reference, email = reference.strip().upper(), email.strip()
    if not reference or not email or len(reference) > 20:
        return None
    with transaction.atomic():
        current = (
            Complaint.objects.select_for_update()
            .filter(
                reference=reference,
                complainant__email__iexact=email,
                complainant__erased_at__isnull=True,
                status_token__isnull=False,
            )
            .first()
        )
        if current is None:
            return None
        valid_until = current.status_link_valid_until
        if valid_until is not None and valid_until < now:
            return None
        current.status_token = secrets.token_urlsafe(32)
        current.save(update_fields=["status_token", "updated_at"])
        # The token is a secret: the history says that a link went out, not which.
        event_record(complaint=current, kind=EventKind.STATUS_LINK_SENT, actor_label=ACTOR_COMPLAINANT)
        emails.status_link(current, to=current.complainant.email)
    return current

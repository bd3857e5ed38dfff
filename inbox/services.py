"""Every write of the inbox: storing a message read from the mailbox (and
routing a reply to its complaint), and the coordinator's decisions on a
message in the queue. Complaint changes go through ``complaints.services``."""

import logging
from datetime import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import User
from complaints.attachments import MAX_ATTACHMENTS, CheckedFile, attachments_check
from complaints.models import OPEN_STATUSES, Channel, Complaint
from complaints.replies import complaint_id_from_address
from complaints.services import (
    ComplainantData,
    ComplaintError,
    complainant_message_add,
    complaint_register,
    complaint_reopen,
)
from inbox.models import OPEN_STATES, InboundAttachment, InboundMessage, MessageState
from inbox.parsing import ParsedMessage, message_id_for, parse_message
from notifications.models import OutboundEmail
from organisation.models import Location

logger = logging.getLogger(__name__)


def _reply_target(parsed: ParsedMessage) -> Complaint | None:
    """The complaint a reply belongs to: by the tagged reply address, or (when a
    mail program answered the plain mailbox address) by the Message-ID of the
    mail to the complainant it answers, if it comes from the complainant's address."""
    for address in parsed.recipients:
        complaint_id = complaint_id_from_address(address)
        if complaint_id is not None:
            return Complaint.objects.filter(pk=complaint_id).first()
    if parsed.answers and parsed.sender_email:
        sent = (
            OutboundEmail.objects.filter(message_id__in=parsed.answers[-20:], complaint__isnull=False)
            .select_related("complaint__complainant")
            .first()
        )
        complainant = getattr(sent.complaint, "complainant", None) if sent else None
        if complainant and complainant.email and complainant.email.lower() == parsed.sender_email.lower():
            return sent.complaint
    return None


def inbound_store(*, raw: bytes) -> tuple[InboundMessage, bool]:
    """Store one raw message (and its .eml) once; returns (message, created).
    A message with a Message-ID that was stored before is not stored again, so
    reading the mailbox again after a crash duplicates nothing. A reply to a
    complaint's tagged address goes onto that complaint's timeline in the same
    transaction; automatic mail is stored as such and goes nowhere."""
    parsed = parse_message(raw)
    existing = InboundMessage.objects.filter(message_id=parsed.message_id).first()
    if existing is not None:
        return existing, False
    checked, rejected = attachments_check(parsed.attachments)
    try:
        with transaction.atomic():
            message = InboundMessage(
                message_id=parsed.message_id,
                sender_name=parsed.sender_name,
                sender_email=parsed.sender_email,
                recipients=", ".join(parsed.recipients)[:2000],
                subject=parsed.subject,
                sent_at=parsed.sent_at,
                text=parsed.text,
                size=len(raw),
                automatic_reason=parsed.automatic_reason[:120],
                problems=parsed.problems + rejected,
            )
            message.raw.save("bericht.eml", ContentFile(raw), save=False)
            if parsed.automatic_reason:
                message.state = MessageState.AUTOMATIC
            else:
                _route_reply(message, parsed, checked)
            message.save()
            for item in checked:
                attachment = InboundAttachment(
                    message=message,
                    original_name=(item.upload.name or "bijlage")[:255],
                    content_type=item.content_type,
                    size=item.size,
                )
                attachment.file.save(item.upload.name or "bijlage", item.upload, save=False)
                attachment.save()
    except IntegrityError:
        # Another worker stored the same message a moment ago.
        existing = InboundMessage.objects.filter(message_id=parsed.message_id).first()
        if existing is None:
            raise
        return existing, False
    return message, True


def inbound_store_unread(*, raw: bytes, error: str) -> tuple[InboundMessage, bool]:
    """Keep a message that could not be stored normally (a bug meeting odd mail):
    the raw file and the reason, in the queue, so it is neither lost nor retried forever."""
    message_id = message_id_for("", raw)
    existing = InboundMessage.objects.filter(message_id=message_id).first()
    if existing is not None:
        return existing, False
    message = InboundMessage(
        message_id=message_id, size=len(raw), problems=[f"Niet te verwerken: {error}"[:300]], subject="(onleesbaar)"
    )
    message.raw.save("bericht.eml", ContentFile(raw), save=False)
    message.save()
    return message, True


def inbound_store_too_large(*, header: bytes, size: int) -> tuple[InboundMessage, bool]:
    """A message over ``INBOX_MAX_MESSAGE_BYTES``: only its headers are read and
    kept, marked "te groot" in the queue for the coordinator (automatic mail
    still as automatic); it is never routed. The message itself stays on the
    server, in the done folder."""
    parsed = parse_message(header)
    existing = InboundMessage.objects.filter(message_id=parsed.message_id).first()
    if existing is not None:
        return existing, False
    megabytes = size / 2**20
    problem = (
        f"Te groot ({megabytes:.0f} MB, grens {settings.INBOX_MAX_MESSAGE_BYTES / 2**20:.0f} MB): alleen de "
        f"kopregels zijn opgeslagen. Het volledige bericht staat in de map {settings.IMAP_DONE_FOLDER} van de mailbox."
    )
    try:
        with transaction.atomic():
            message = InboundMessage(
                message_id=parsed.message_id,
                sender_name=parsed.sender_name,
                sender_email=parsed.sender_email,
                recipients=", ".join(parsed.recipients)[:2000],
                subject=parsed.subject,
                sent_at=parsed.sent_at,
                size=min(size, 2**31 - 1),
                too_large=True,
                automatic_reason=parsed.automatic_reason[:120],
                problems=[problem, *parsed.problems],
                state=MessageState.AUTOMATIC if parsed.automatic_reason else MessageState.NEW,
            )
            message.raw.save("kopregels.eml", ContentFile(header), save=False)
            message.save()
    except IntegrityError:
        existing = InboundMessage.objects.filter(message_id=parsed.message_id).first()
        if existing is None:
            raise
        return existing, False
    return message, True


def _route_reply(message: InboundMessage, parsed: ParsedMessage, checked: list[CheckedFile]) -> None:
    complaint = _reply_target(parsed)
    if complaint is None:
        return
    try:
        complainant_message_add(
            complaint=complaint,
            text=parsed.text,
            subject=parsed.subject,
            sender=parsed.sender_email,
            sent_at=parsed.sent_at,
            attachments=checked,
        )
    except ComplaintError as error:
        # An empty reply: left in the queue for the coordinator to look at.
        message.problems = [*message.problems, str(error)]
        return
    message.complaint = complaint
    message.state = MessageState.REPLY_ADDED if complaint.status in OPEN_STATUSES else MessageState.REPLY_CLOSED
    for item in checked:
        item.upload.seek(0)


def _locked_open(message: InboundMessage, states=OPEN_STATES) -> InboundMessage:
    current = InboundMessage.objects.select_for_update().get(pk=message.pk)
    if current.state not in states:
        raise ComplaintError(gettext("Dit bericht is al afgehandeld."))
    return current


def _checked_attachments(message: InboundMessage) -> list[CheckedFile]:
    uploads = []
    for attachment in message.attachments.all():
        with attachment.file.open("rb") as handle:
            uploads.append(SimpleUploadedFile(attachment.original_name, handle.read(), attachment.content_type))
    checked, _ = attachments_check(uploads)
    return checked


def _done(message: InboundMessage, *, state: str, actor: User, complaint: Complaint | None = None) -> None:
    message.state = state
    message.handled_by = actor
    message.handled_at = timezone.now()
    if complaint is not None:
        message.complaint = complaint
    message.save(update_fields=["state", "handled_by", "handled_at", "complaint"])


def inbound_register(
    *,
    message: InboundMessage,
    actor: User,
    location: Location,
    complainant_kind: str,
    name: str,
    email: str,
    description: str,
    received_at: datetime,
    safety_concern: bool = False,
    safety_reason: str = "",
) -> Complaint:
    """Register the message as a new complaint (channel e-mail) with its attachments."""
    with transaction.atomic():
        current = _locked_open(message, (MessageState.NEW,))
        attachments = _checked_attachments(current)
        complaint = complaint_register(
            received_at=received_at,
            channel=Channel.EMAIL,
            complainant_kind=complainant_kind,
            location=location,
            description=description,
            complainant=ComplainantData(name=name, email=email),
            attachments=attachments[:MAX_ATTACHMENTS],
            actor=actor,
            safety_reason=safety_reason if safety_concern else "",
        )
        if attachments[MAX_ATTACHMENTS:]:
            # The form's limit is for uploads; an e-mail's further attachments go on the timeline.
            complainant_message_add(
                complaint=complaint,
                text="Overige bijlagen uit de e-mail.",
                subject=current.subject,
                sender=current.sender_email,
                attachments=attachments[MAX_ATTACHMENTS:],
                actor=actor,
                notify=False,
            )
        _done(current, state=MessageState.REGISTERED, actor=actor, complaint=complaint)
    return complaint


def inbound_attach(*, message: InboundMessage, complaint: Complaint, actor: User) -> Complaint:
    """Put the message on an existing complaint's timeline as a message from the complainant."""
    with transaction.atomic():
        current = _locked_open(message, (MessageState.NEW,))
        complainant_message_add(
            complaint=complaint,
            text=current.text,
            subject=current.subject,
            sender=current.sender_email,
            sent_at=current.sent_at,
            attachments=_checked_attachments(current),
            actor=actor,
        )
        _done(current, state=MessageState.ATTACHED, actor=actor, complaint=complaint)
    return complaint


def inbound_dismiss(*, message: InboundMessage, actor: User) -> InboundMessage:
    """Not a complaint: out of the queue, kept."""
    with transaction.atomic():
        current = _locked_open(message, (MessageState.NEW,))
        _done(current, state=MessageState.NOT_A_COMPLAINT, actor=actor)
    return current


def inbound_reopen(*, message: InboundMessage, reason: str, actor: User) -> Complaint:
    """A reply to a closed complaint: reopen the complaint (a recorded transition)."""
    with transaction.atomic():
        current = _locked_open(message, (MessageState.REPLY_CLOSED,))
        assert current.complaint is not None
        complaint = complaint_reopen(complaint=current.complaint, reason=reason, actor=actor)
        _done(current, state=MessageState.REPLY_ADDED, actor=actor)
    return complaint


def inbound_keep_closed(*, message: InboundMessage, actor: User) -> InboundMessage:
    """A reply to a closed complaint that needs no reopening: it stays on the timeline, out of the queue."""
    with transaction.atomic():
        current = _locked_open(message, (MessageState.REPLY_CLOSED,))
        _done(current, state=MessageState.REPLY_ADDED, actor=actor)
    return current

"""The e-mail outbox: messages are stored with the change that caused them and
sent by the background worker, retried with backoff, never sent twice."""

import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parseaddr
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, make_msgid
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Model, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from notifications.models import EmailStatus, OutboundAttachment, OutboundEmail
from notifications.signals import email_failed, email_sent

logger = logging.getLogger(__name__)

MAILER = "default"
MAX_ATTEMPTS = 48  # with the backoff below: about two days of trying
MAX_BACKOFF_MINUTES = 60
# Longer than the SMTP timeout, so a live worker never loses its claim mid-send.
CLAIM_LEASE = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class EmailAttachment:
    """Either the bytes, or ``stored_name``: a file already kept in the default
    storage (a sent letter), read at delivery instead of copied into the outbox."""

    filename: str
    content: bytes = b""
    mimetype: str = "application/octet-stream"
    stored_name: str = ""

    def __post_init__(self) -> None:
        if bool(self.content) == bool(self.stored_name):
            raise ValueError("An attachment needs either its content or the name of a stored file")


def _validated(address: str) -> str:
    # Checked now: a bad address would otherwise fail every attempt for two days.
    try:
        validate_email(address)
    except ValidationError:
        raise ValueError(f"Not a valid e-mail address: {address!r}") from None
    return address


def _recipients(to: Sequence[str]) -> list[str]:
    if isinstance(to, str):
        raise ValueError("to must be a list of addresses, not one string")
    recipients = list(dict.fromkeys(address.strip() for address in to if address and address.strip()))
    if not recipients:
        raise ValueError("An e-mail needs at least one recipient")
    return [_validated(address) for address in recipients]


def _message_id() -> str:
    # The sender's domain, not the host's FQDN: no DNS lookup in a request.
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "klachtwijs.local"
    return make_msgid(domain=domain)


def email_queue(
    *,
    to: Sequence[str],
    template: str,
    context: Mapping[str, Any],
    complaint: Model | None = None,
    attachments: Sequence[EmailAttachment] = (),
    reply_to: str = "",
) -> OutboundEmail:
    """Render ``templates/emails/<template>-subject.txt``, ``-body.txt`` and
    ``-body.html`` now and store the message in the caller's transaction; the
    worker sends it once that transaction commits."""
    recipients = _recipients(to)
    reply_to = _validated(reply_to.strip()) if reply_to.strip() else ""
    with translation.override("nl"):
        subject = render_to_string(f"emails/{template}-subject.txt", dict(context))
        body_text = render_to_string(f"emails/{template}-body.txt", dict(context))
        body_html = render_to_string(f"emails/{template}-body.html", dict(context))
    with transaction.atomic():
        email = OutboundEmail.objects.create(
            template=template,
            to=recipients,
            # A header must be one line; a line break would fail every attempt.
            subject=" ".join(subject.split())[:255],
            body_text=body_text.strip() + "\n",
            body_html=body_html.strip(),
            reply_to=reply_to,
            complaint=complaint,
            message_id=_message_id(),
        )
        OutboundAttachment.objects.bulk_create(
            OutboundAttachment(
                email=email, filename=a.filename, mimetype=a.mimetype, content=a.content, file=a.stored_name
            )
            for a in attachments
        )
        # robust: if the queue is unreachable the periodic sweep still sends it.
        transaction.on_commit(partial(_enqueue_delivery, email.pk), robust=True)
    return email


def _enqueue_delivery(email_id: int) -> None:
    from notifications.tasks import deliver_email

    deliver_email(email_id)


def _due(now: datetime) -> Q:
    return Q(status=EmailStatus.PENDING, next_attempt_at__lte=now) & (
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    )


def _backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 … minutes after the first, second, third … failure, at most an hour."""
    return timedelta(minutes=min(2 ** min(attempts - 1, 10), MAX_BACKOFF_MINUTES))


def _claim(*, email_id: int, now: datetime) -> uuid.UUID | None:
    """Take the row for one attempt. The conditional UPDATE is the lock: of two
    workers only one matches, the other sees the claim and updates nothing."""
    token = uuid.uuid4()
    claimed = OutboundEmail.objects.filter(_due(now), pk=email_id).update(
        claim_token=token, claimed_until=now + CLAIM_LEASE, attempts=F("attempts") + 1
    )
    return token if claimed == 1 else None


def _build_message(email: OutboundEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        to=email.to,
        reply_to=[email.reply_to] if email.reply_to else None,
        headers={"Message-ID": email.message_id},
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    for attachment in email.attachments.all():
        message.attach(attachment.filename, _attachment_content(attachment), attachment.mimetype)
    return message


def _attachment_content(attachment: OutboundAttachment) -> bytes:
    if attachment.file:
        with attachment.file.open("rb") as stored:
            return stored.read()
    return bytes(attachment.content)


def _mark_sent(*, email: OutboundEmail, token: uuid.UUID, now: datetime) -> None:
    with transaction.atomic():
        updated = OutboundEmail.objects.filter(pk=email.pk, claim_token=token, status=EmailStatus.PENDING).update(
            status=EmailStatus.SENT, sent_at=now, claimed_until=None, last_error=""
        )
        if not updated:
            logger.warning("E-mail %s was sent after its claim expired", email.message_id)
            return
        email_sent.send(sender=OutboundEmail, email=email)


def _mark_failed_attempt(*, email: OutboundEmail, token: uuid.UUID, now: datetime, error: Exception) -> None:
    error_text = f"{type(error).__name__}: {error}"[:2000]
    claimed = OutboundEmail.objects.filter(pk=email.pk, claim_token=token, status=EmailStatus.PENDING)
    with transaction.atomic():
        if email.attempts < MAX_ATTEMPTS:
            claimed.update(
                last_error=error_text,
                claimed_until=None,
                claim_token=None,
                next_attempt_at=now + _backoff(email.attempts),
            )
            logger.warning("E-mail %s attempt %d failed: %s", email.pk, email.attempts, error_text)
            return
        updated = claimed.update(status=EmailStatus.FAILED, last_error=error_text, claimed_until=None, claim_token=None)
        logger.error("E-mail %s given up after %d attempts: %s", email.pk, email.attempts, error_text)
        if updated:
            email_failed.send(sender=OutboundEmail, email=email, error=error_text)


def outbox_deliver_one(*, email_id: int, now: datetime | None = None) -> bool:
    """Try to send one message if it is due and nobody else holds it. True if it was sent."""
    now = now or timezone.now()
    token = _claim(email_id=email_id, now=now)
    if token is None:
        return False
    email = OutboundEmail.objects.select_related("complaint").get(pk=email_id)
    try:
        if _build_message(email).send(using=MAILER) != 1:
            raise RuntimeError("the mailer accepted no message")
    except Exception as error:
        # Anything the mailer raises (refused connection, SMTP reply, bad
        # address) is one failed attempt; the row stays for the next one.
        _mark_failed_attempt(email=email, token=token, now=now, error=error)
        return False
    _mark_sent(email=email, token=token, now=now)
    return True


def outbox_deliver_due(*, now: datetime | None = None, limit: int = 100) -> int:
    """Send the messages that are due, oldest first. Returns how many were sent."""
    due_ids = list(
        OutboundEmail.objects.filter(_due(now or timezone.now()))
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    # Without a given time each message is claimed at its own moment, so a slow
    # sweep does not shorten the lease of the messages it reaches last.
    return sum(outbox_deliver_one(email_id=email_id, now=now) for email_id in due_ids)


def outbox_retry(*, email_id: int, now: datetime | None = None) -> bool:
    """Give a failed message a new series of attempts (after the mail server is fixed)."""
    updated = OutboundEmail.objects.filter(pk=email_id, status=EmailStatus.FAILED).update(
        status=EmailStatus.PENDING, attempts=0, next_attempt_at=now or timezone.now(), claim_token=None
    )
    if updated:
        transaction.on_commit(partial(_enqueue_delivery, email_id), robust=True)
    return bool(updated)

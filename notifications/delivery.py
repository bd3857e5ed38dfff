"""Delivery of the outbox: the worker claims a due message, sends it, and
records the outcome; retried with backoff, never sent twice. The outcome is
reported through ``notifications.signals``."""

import logging
import uuid
from datetime import datetime, timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from config.log_redaction import redact
from notifications.models import EmailStatus, OutboundAttachment, OutboundEmail
from notifications.rendering import render_stored
from notifications.signals import email_failed, email_sent

logger = logging.getLogger(__name__)

MAILER = "default"
MAX_ATTEMPTS = 48  # with the backoff below: about two days of trying
MAX_BACKOFF_MINUTES = 60
# Longer than the SMTP timeout, so a live worker never loses its claim mid-send.
CLAIM_LEASE = timedelta(minutes=5)


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
    headers = {"Message-ID": email.message_id}
    if email.auto_submitted:
        # RFC 3834: auto-responders (out-of-office replies) must not answer this, so no mail loops.
        headers["Auto-Submitted"] = "auto-generated"
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        to=email.to,
        reply_to=[email.reply_to] if email.reply_to else None,
        headers=headers,
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
    # SMTP errors name the refused recipients: kept and logged redacted.
    error_text = redact(f"{type(error).__name__}: {error}")[:2000]
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


def _render_pending(*, email: OutboundEmail, token: uuid.UUID) -> bool:
    """Render a message stored with ``render_pending`` and keep its content (so a
    retry sends the same text). A template that fails fails the message at once,
    reported like a message given up (the complaint's history shows it): no retry
    renders it better. True if the message can be sent."""
    try:
        email.subject, email.body_text, email.body_html = render_stored(email)
    except Exception as error:
        error_text = redact(f"Niet opgesteld: {type(error).__name__}: {error}")[:2000]
        logger.exception("E-mail %s could not be rendered", email.pk)
        with transaction.atomic():
            updated = OutboundEmail.objects.filter(pk=email.pk, claim_token=token, status=EmailStatus.PENDING).update(
                status=EmailStatus.FAILED, last_error=error_text, claimed_until=None, claim_token=None
            )
            if updated:
                email_failed.send(sender=OutboundEmail, email=email, error=error_text)
        return False
    # The frozen values are not needed any more: the content is what is kept.
    email.render_pending, email.context = False, {}
    OutboundEmail.objects.filter(pk=email.pk, claim_token=token, status=EmailStatus.PENDING).update(
        subject=email.subject,
        body_text=email.body_text,
        body_html=email.body_html,
        render_pending=False,
        context={},
    )
    return True


def outbox_deliver_one(*, email_id: int, now: datetime | None = None) -> bool:
    """Try to send one message if it is due and nobody else holds it (rendering it
    first when it was stored to be rendered here). True if it was sent."""
    now = now or timezone.now()
    token = _claim(email_id=email_id, now=now)
    if token is None:
        return False
    email = OutboundEmail.objects.select_related("complaint").get(pk=email_id)
    if email.render_pending and not _render_pending(email=email, token=token):
        return False
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

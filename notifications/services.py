"""The e-mail outbox: messages are stored with the change that caused them and
sent by the background worker (``notifications.delivery``), retried with
backoff, never sent twice."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import make_msgid
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

# The worker's side, re-exported: callers use the outbox through this module.
from notifications.delivery import MAX_ATTEMPTS, outbox_deliver_due, outbox_deliver_one
from notifications.models import EmailStatus, OutboundAttachment, OutboundEmail
from notifications.rendering import freeze, render

__all__ = ["MAX_ATTEMPTS", "EmailAttachment", "email_queue", "outbox_deliver_due", "outbox_deliver_one", "outbox_retry"]


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
    auto_submitted: bool = True,
    language: str = "nl",
    render_later: bool = False,
) -> OutboundEmail:
    """Render ``templates/emails/<template>-subject.txt``, ``-body.txt`` and
    ``-body.html`` now and store the message in the caller's transaction; the
    worker sends it once that transaction commits. Mail is marked
    ``Auto-Submitted: auto-generated`` unless a person wrote it (``auto_submitted=False``).
    The templates render in ``language`` (Dutch unless the recipient reads another).

    ``render_later``: the worker renders it before the first attempt, from ``context``
    frozen now (``notifications.rendering.freeze``: plain values, never a model), so
    the caller's request does not pay for the templates; a template error then fails
    the message (``email_failed``), not the caller's change."""
    recipients = _recipients(to)
    reply_to = _validated(reply_to.strip()) if reply_to.strip() else ""
    if render_later:
        # Frozen now (a model in the context raises here, in the caller's transaction).
        content = {"render_pending": True, "context": freeze(context), "language": language}
        subject = body_text = body_html = ""
    else:
        content = {}
        subject, body_text, body_html = render(template=template, context=context, language=language)
    # No savepoint inside the caller's transaction (two statements less per e-mail):
    # a failure here fails the caller's whole change, which is what it wants anyway.
    with transaction.atomic(savepoint=False):
        email = OutboundEmail.objects.create(
            template=template,
            to=recipients,
            subject=subject,
            body_text=body_text,
            body_html=body_html,
            reply_to=reply_to,
            auto_submitted=auto_submitted,
            complaint=complaint,
            message_id=_message_id(),
            **content,
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


def outbox_retry(*, email_id: int, now: datetime | None = None) -> bool:
    """Give a failed message a new series of attempts (after the mail server is fixed)."""
    updated = OutboundEmail.objects.filter(pk=email_id, status=EmailStatus.FAILED).update(
        status=EmailStatus.PENDING, attempts=0, next_attempt_at=now or timezone.now(), claim_token=None
    )
    if updated:
        transaction.on_commit(partial(_enqueue_delivery, email_id), robust=True)
    return bool(updated)

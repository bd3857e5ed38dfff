"""The complaints app's side of the outbox signals: a message about a complaint
that was delivered (or given up) becomes part of that complaint's history."""

from typing import Any

from django.dispatch import receiver

from complaints.models import EventKind
from complaints.services.common import event_record
from notifications.models import OutboundEmail
from notifications.signals import email_failed, email_sent

SYSTEM_ACTOR = "systeem"


def _history_data(email: OutboundEmail) -> dict[str, Any]:
    return {"template": email.template, "subject": email.subject, "to": list(email.to)}


@receiver(email_sent, dispatch_uid="complaints.email_sent")
def record_email_sent(sender: type[OutboundEmail], email: OutboundEmail, **kwargs: Any) -> None:
    if email.complaint_id is not None:
        event_record(
            complaint=email.complaint, kind=EventKind.EMAIL_SENT, actor_label=SYSTEM_ACTOR, data=_history_data(email)
        )


@receiver(email_failed, dispatch_uid="complaints.email_failed")
def record_email_failed(sender: type[OutboundEmail], email: OutboundEmail, error: str, **kwargs: Any) -> None:
    if email.complaint_id is not None:
        event_record(
            complaint=email.complaint,
            kind=EventKind.EMAIL_FAILED,
            actor_label=SYSTEM_ACTOR,
            data={**_history_data(email), "error": error[:500]},
        )

"""One function per e-mail about a staff account (templates/emails/<name>-*),
queued in the outbox like the complaint e-mails (complaints/emails.py)."""

from django.conf import settings
from django.urls import reverse

from accounts.models import User

# Called through the module, so a test can replace ``email_queue`` in one place.
from notifications import services as outbox
from notifications.models import OutboundEmail


def password_reset(*, user: User, uidb64: str, token: str) -> OutboundEmail:
    """The link to choose a new password, always on SITE_URL (never the Host
    header of the request that asked for it)."""
    reset_url = settings.SITE_URL.rstrip("/") + reverse("password_reset_confirm", args=[uidb64, token])
    return outbox.email_queue(
        to=[user.email],
        template="password_reset",
        context={
            "name": user.get_full_name() or user.username,
            "username": user.username,
            "reset_url": reset_url,
            "valid_hours": max(1, settings.PASSWORD_RESET_TIMEOUT // 3600),
        },
    )

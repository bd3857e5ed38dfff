import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MessageState(models.TextChoices):
    NEW = "new", _("Te beoordelen")
    # A reply (by its tagged address) to a complaint that is closed: the coordinator decides.
    REPLY_CLOSED = "reply_closed", _("Antwoord op afgesloten klacht")
    REPLY_ADDED = "reply_added", _("Bij de klacht gezet")
    REGISTERED = "registered", _("Als klacht geregistreerd")
    ATTACHED = "attached", _("Bij bestaande klacht gezet")
    NOT_A_COMPLAINT = "not_a_complaint", _("Geen klacht")
    AUTOMATIC = "automatic", _("Automatisch bericht (genegeerd)")


# What waits for the coordinator in the queue.
OPEN_STATES = (MessageState.NEW, MessageState.REPLY_CLOSED)


def raw_path(message: "InboundMessage", filename: str) -> str:
    return f"inbox/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.eml"


def attachment_path(attachment: "InboundAttachment", filename: str) -> str:
    return f"inbox/attachments/{uuid.uuid4().hex}"


class InboundMessage(models.Model):
    """One message read from the complaints mailbox, stored (with the raw .eml)
    before it is moved out of the mailbox's folder; the Message-ID makes
    reading it a second time after a crash a no-op."""

    message_id = models.CharField(_("message-id"), max_length=255, unique=True)
    sender_name = models.CharField(_("naam afzender"), max_length=200, blank=True)
    sender_email = models.CharField(_("e-mailadres afzender"), max_length=254, blank=True)
    recipients = models.TextField(_("aan"), blank=True)
    subject = models.CharField(_("onderwerp"), max_length=255, blank=True)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    received_at = models.DateTimeField(_("opgehaald op"), default=timezone.now)
    text = models.TextField(_("tekst"), blank=True)
    raw = models.FileField(_("origineel bericht (.eml)"), upload_to=raw_path, max_length=300)
    size = models.PositiveIntegerField(_("grootte (bytes)"), default=0)
    # Over INBOX_MAX_MESSAGE_BYTES: only the headers were read and stored.
    too_large = models.BooleanField(_("te groot"), default=False)
    state = models.CharField(_("status"), max_length=20, choices=MessageState.choices, default=MessageState.NEW)
    # Why a message was taken as automatic (the header that said so), or what went wrong reading it.
    automatic_reason = models.CharField(_("reden automatisch"), max_length=120, blank=True)
    problems = models.JSONField(_("problemen bij het lezen"), default=list, blank=True)
    complaint = models.ForeignKey(
        "complaints.Complaint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inbound_messages",
        verbose_name=_("klacht"),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgehandeld door"),
    )
    handled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("inkomende e-mail")
        verbose_name_plural = _("inkomende e-mails")
        indexes = [models.Index(fields=["state", "received_at"], name="inbound_state_received_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state__in=["registered", "attached", "reply_added", "reply_closed"])
                | Q(complaint__isnull=False),
                name="inbound_linked_states_have_complaint",
            )
        ]

    def __str__(self) -> str:
        return f"{self.sender_email}: {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class InboundAttachment(models.Model):
    """An attachment of an inbound message that passed the form's content checks."""

    message = models.ForeignKey(
        InboundMessage, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("bericht")
    )
    file = models.FileField(_("bestand"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("oorspronkelijke naam"), max_length=255)
    content_type = models.CharField(_("bestandstype"), max_length=100)
    size = models.PositiveIntegerField(_("grootte (bytes)"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("bijlage van inkomende e-mail")
        verbose_name_plural = _("bijlagen van inkomende e-mail")

    def __str__(self) -> str:
        return self.original_name

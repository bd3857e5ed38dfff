from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Wacht op verzending")
    SENT = "sent", _("Verstuurd")
    FAILED = "failed", _("Mislukt")


class OutboundEmail(models.Model):
    """One message in the outbox. Stored in the transaction of the change that
    caused it, with its content rendered at that moment or with the values to
    render it from (``render_pending``); the worker sends it.
    Rows are never deleted: they are the record of what was sent to whom."""

    template = models.CharField(_("sjabloon"), max_length=64)
    to = models.JSONField(_("aan"), default=list)
    subject = models.CharField(_("onderwerp"), max_length=255)
    body_text = models.TextField(_("tekst"))
    body_html = models.TextField(_("html"), blank=True)
    reply_to = models.EmailField(_("antwoorden aan"), blank=True)
    # Sent with "Auto-Submitted: auto-generated" (receipts, reminders); False for
    # a message a person wrote, which an out-of-office reply may answer.
    auto_submitted = models.BooleanField(_("automatisch bericht"), default=True)
    # PROTECT: a complaint with mail to or about it is evidence; deleting it must
    # be a deliberate act, not something that silently drops or orphans its mail.
    # A lazy reference, not an import: the outbox stays below the complaints app
    # (the import contracts check this) and reports delivery through signals.
    complaint = models.ForeignKey(
        "complaints.Complaint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="emails",
        verbose_name=_("klacht"),
    )
    status = models.CharField(_("status"), max_length=16, choices=EmailStatus.choices, default=EmailStatus.PENDING)
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"), default=timezone.now)
    claimed_until = models.DateTimeField(_("geclaimd tot"), null=True, blank=True)
    claim_token = models.UUIDField(_("claim"), null=True, blank=True)
    last_error = models.TextField(_("laatste fout"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    # Sent as the Message-ID header, so a re-send after a crash is recognisable.
    message_id = models.CharField(_("message-id"), max_length=255, unique=True)
    # Rendered by the worker before the first attempt (``notifications.rendering``): until then
    # subject and bodies are empty and ``context`` holds the values the templates read, frozen
    # when the message was stored, rendered in ``language``; emptied once rendered.
    render_pending = models.BooleanField(_("nog op te stellen"), default=False)
    context = models.JSONField(_("gegevens voor het sjabloon"), default=dict, blank=True)
    language = models.CharField(_("taal"), max_length=8, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbound_email_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False), name="outbound_email_sent_has_sent_at"
            ),
        ]

    def __str__(self) -> str:
        # Without the recipients: this is what the admin shows of a message.
        return f"{self.template} #{self.pk}"


class OutboundAttachment(models.Model):
    email = models.ForeignKey(
        OutboundEmail, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("e-mail")
    )
    filename = models.CharField(_("bestandsnaam"), max_length=255)
    mimetype = models.CharField(_("bestandstype"), max_length=100)
    # The bytes, or a file already kept elsewhere (a sent letter): stored once, read at delivery.
    content = models.BinaryField(_("inhoud"), blank=True, default=b"")
    file = models.FileField(_("opgeslagen bestand"), blank=True, max_length=300)

    class Meta:
        ordering = ["id"]
        verbose_name = _("bijlage bij e-mail")
        verbose_name_plural = _("bijlagen bij e-mail")

    def __str__(self) -> str:
        return self.filename

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Trigger(models.TextChoices):
    NOT_TRIAGED = "not_triaged", _("Nog niet ingedeeld, na … (werk)dagen na ontvangst")
    NO_CONTACT = "no_contact", _("Nog geen contact met de indiener, … dagen na doorsturen")
    BEFORE_DEADLINE = "before_deadline", _("… dagen vóór de uiterste afhandeldatum")
    OVERDUE_DIGEST = "overdue_digest", _("Dagelijks overzicht van verlopen klachten")


class ReminderRule(models.Model):
    """One line of the reminder schedule, kept in the admin."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    trigger = models.CharField(_("wanneer"), max_length=20, choices=Trigger.choices)
    days = models.PositiveSmallIntegerField(_("aantal dagen"), default=0)
    working_days = models.BooleanField(
        _("werkdagen"), default=False, help_text=_("Tel alleen maandag tot en met vrijdag, zonder feestdagen.")
    )
    to_coordinator = models.BooleanField(_("naar klachtencoördinator"), default=False)
    to_handler = models.BooleanField(_("naar behandelaar"), default=False)
    to_operations_manager = models.BooleanField(_("naar operationeel manager"), default=False)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["trigger", "-days"]
        verbose_name = _("herinneringsregel")
        verbose_name_plural = _("herinneringsschema")
        constraints = [
            models.CheckConstraint(
                condition=Q(to_coordinator=True) | Q(to_handler=True) | Q(to_operations_manager=True),
                name="reminder_rule_has_recipient",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ReminderSent(models.Model):
    """Proof that a rule fired for a complaint. The unique constraint is what
    makes a reminder go out once, even with two workers racing."""

    rule = models.ForeignKey(ReminderRule, on_delete=models.CASCADE, related_name="+")
    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE, related_name="reminders_sent")
    sent_at = models.DateTimeField()
    recipients = models.JSONField(default=list)

    class Meta:
        verbose_name = _("verstuurde herinnering")
        verbose_name_plural = _("verstuurde herinneringen")
        constraints = [models.UniqueConstraint(fields=["rule", "complaint"], name="reminder_once_per_rule")]

    def __str__(self) -> str:
        return f"{self.rule} / {self.complaint_id}"


class DigestSent(models.Model):
    """A daily digest went to one recipient on one (local) day."""

    rule = models.ForeignKey(ReminderRule, on_delete=models.CASCADE, related_name="+")
    recipient = models.EmailField()
    day = models.DateField()
    sent_at = models.DateTimeField()
    complaint_count = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("verstuurd dagoverzicht")
        verbose_name_plural = _("verstuurde dagoverzichten")
        constraints = [models.UniqueConstraint(fields=["rule", "recipient", "day"], name="digest_once_per_day")]

    def __str__(self) -> str:
        return f"{self.rule} {self.recipient} {self.day}"

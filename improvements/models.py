from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    POLICY = "policy", _("Beleid")
    PROTOCOL = "protocol", _("Protocol of werkwijze")
    COMMUNICATION = "communication", _("Communicatie")


class ImprovementStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In uitvoering")
    DONE = "done", _("Afgerond")


class Improvement(models.Model):
    """A conclusion drawn from complaints: a change of policy, protocol or
    communication, with an owner and a due date, linked to the complaints and
    categories that led to it."""

    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("omschrijving"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eigenaar"),
    )
    owner_name = models.CharField(
        _("eigenaar (naam)"),
        max_length=200,
        blank=True,
        help_text=_("Voor een eigenaar zonder account, bijvoorbeeld een afdeling."),
    )
    due_date = models.DateField(_("gereed uiterlijk"))
    status = models.CharField(
        _("status"), max_length=16, choices=ImprovementStatus.choices, default=ImprovementStatus.OPEN
    )
    done_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    complaints = models.ManyToManyField(
        "complaints.Complaint", blank=True, related_name="improvements", verbose_name=_("klachten")
    )
    categories = models.ManyToManyField(
        "complaints.Category", blank=True, related_name="improvements", verbose_name=_("categorieën")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("verbeteractie")
        verbose_name_plural = _("verbeteracties")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="done", done_at__isnull=False) | (~Q(status="done") & Q(done_at__isnull=True)),
                name="improvement_done_has_done_at",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"], name="improvement_status_due_idx"),
            models.Index(fields=["done_at"], name="improvement_done_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def owner_display(self) -> str:
        if self.owner is not None:
            return str(self.owner)
        return self.owner_name

    @property
    def is_overdue(self) -> bool:
        return self.status != ImprovementStatus.DONE and self.due_date < timezone.localdate()

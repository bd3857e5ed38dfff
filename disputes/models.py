from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DisputeSubject(models.Model):
    """A subject as the Geschillencommissie names it ("Algemene voorwaarden")."""

    name = models.CharField(_("naam"), max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("onderwerp van geschil")
        verbose_name_plural = _("onderwerpen van geschil")

    def __str__(self) -> str:
        return self.name


class Outcome(models.TextChoices):
    PENDING = "pending", _("Nog geen uitspraak")
    UPHELD = "upheld", _("Gegrond")
    NOT_UPHELD = "not_upheld", _("Ongegrond")
    SETTLED = "settled", _("Geschikt vóór uitspraak")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


class Dispute(models.Model):
    """A case at the Geschillencommissie Kinderopvang against one legal entity."""

    legal_entity = models.ForeignKey(
        "organisation.LegalEntity", on_delete=models.PROTECT, related_name="disputes", verbose_name=_("rechtspersoon")
    )
    case_number = models.CharField(_("zaaknummer"), max_length=40, unique=True)
    year = models.PositiveSmallIntegerField(_("jaar"))
    subjects = models.ManyToManyField(DisputeSubject, related_name="disputes", verbose_name=_("onderwerpen"))
    filed_on = models.DateField(_("ingediend op"), null=True, blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    ruling = models.TextField(_("uitspraak"), blank=True)
    amount_awarded = models.DecimalField(
        _("toegekend bedrag (EUR)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    lesson = models.TextField(_("geleerde les"), blank=True)
    complaint = models.ForeignKey(
        "complaints.Complaint",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="disputes",
        verbose_name=_("klacht"),
    )

    class Meta:
        ordering = ["year", "legal_entity__name", "id"]
        verbose_name = _("geschil")
        verbose_name_plural = _("geschillen")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_awarded__isnull=True) | Q(amount_awarded__gte=0), name="dispute_amount_not_negative"
            ),
        ]
        indexes = [models.Index(fields=["year", "legal_entity"], name="dispute_year_label_idx")]

    def __str__(self) -> str:
        return f"{self.case_number} ({self.legal_entity})"

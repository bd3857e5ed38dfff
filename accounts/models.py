from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Klachtencoördinator")
    LOCATION_MANAGER = "location_manager", _("Locatiemanager")
    OPERATIONS_MANAGER = "operations_manager", _("Operationeel manager")
    DEPARTMENT_HANDLER = "department_handler", _("Medewerker afdeling")
    MANAGEMENT = "management", _("Management")
    ADMINISTRATOR = "administrator", _("Beheerder")


class User(AbstractUser):
    """A staff member. The role decides which complaints they may see; the scope
    fields say which locations, region or department that is."""

    role = models.CharField(_("rol"), max_length=32, choices=Role.choices, blank=True)
    region = models.ForeignKey(
        "organisation.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("regio"),
    )
    department = models.ForeignKey(
        "organisation.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afdeling"),
    )
    locations = models.ManyToManyField(
        "organisation.Location", blank=True, related_name="managers", verbose_name=_("locaties")
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="operations_manager") | Q(region__isnull=False),
                name="operations_manager_has_region",
            ),
            models.CheckConstraint(
                condition=~Q(role="department_handler") | Q(department__isnull=False),
                name="department_handler_has_department",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedFilter(models.Model):
    """A complaint list filter a user saved under a name: the list's query string."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_filters", verbose_name=_("gebruiker")
    )
    name = models.CharField(_("naam"), max_length=80)
    query = models.CharField(_("filter"), max_length=1000)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("opgeslagen filter")
        verbose_name_plural = _("opgeslagen filters")
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="saved_filter_unique_name_per_user")]

    def __str__(self) -> str:
        return self.name

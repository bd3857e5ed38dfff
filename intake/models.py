from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmissionWindow(models.Model):
    """Accepted public complaints from one client address in the current hour. The
    address is only kept as a keyed hash. Counted with one conditional UPDATE, so
    parallel posts cannot pass the limit together (intake.spam.rate_limit_take)."""

    key = models.CharField(_("sleutel"), max_length=64, primary_key=True)
    started_at = models.DateTimeField(_("begin van het uur"))
    count = models.PositiveIntegerField(_("aantal"), default=0)

    class Meta:
        verbose_name = _("inzendvenster")
        verbose_name_plural = _("inzendvensters")
        indexes = [models.Index(fields=["started_at"], name="intake_window_started")]

    def __str__(self) -> str:
        return f"{self.key[:8]}… {self.count}"

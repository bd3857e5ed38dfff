from django.db import models
from django.utils.translation import gettext_lazy as _


class WeeklyReportSent(models.Model):
    """Proof that the report of one week went out. Written in the same
    transaction as the outbox e-mail; the unique week is what makes the report
    go out once, even with two workers racing."""

    week_start = models.DateField(_("week (maandag)"), unique=True)
    sent_at = models.DateTimeField(_("verstuurd op"))
    recipients = models.JSONField(_("ontvangers"), default=list, blank=True)

    class Meta:
        ordering = ["-week_start"]
        verbose_name = _("verstuurde weekrapportage")
        verbose_name_plural = _("verstuurde weekrapportages")

    def __str__(self) -> str:
        year, week, _weekday = self.week_start.isocalendar()
        return f"{year}-W{week:02d}"

"""The editable parts of an annual complaint report: the colophon and the prose
of each section, with the history of every change. Figures are never stored:
the prose holds placeholders (``{{ totaal }}``) that are filled from the data
each time the report is built."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The years a report can be made for; a URL outside them is not found.
MIN_YEAR, MAX_YEAR = 2000, 2100


class AnnualReport(models.Model):
    year = models.PositiveSmallIntegerField(_("jaar"), unique=True)
    title = models.CharField(_("titel"), max_length=200)
    organisation = models.CharField(_("organisatie"), max_length=200)
    version = models.CharField(_("versie"), max_length=20, default="1.0")
    author = models.CharField(_("auteur"), max_length=200)
    report_date = models.DateField(_("datum"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("klachtenjaarverslag")
        verbose_name_plural = _("klachtenjaarverslagen")
        constraints = [
            models.CheckConstraint(condition=Q(year__gte=2000) & Q(year__lte=2100), name="annualreport_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.year}"


class SectionKind(models.TextChoices):
    FIXED = "fixed", _("Vaste sectie")
    ANALYSIS = "analysis", _("Analyse van een categorie")


class ReportSection(models.Model):
    """One editable text. Fixed sections have their place in the report's
    outline (see ``annualreport.outline``); analysis sections are added by the
    editor and appear under the comparison with the previous year in the order
    of ``position``."""

    report = models.ForeignKey(
        AnnualReport, on_delete=models.CASCADE, related_name="sections", verbose_name=_("jaarverslag")
    )
    key = models.SlugField(_("sleutel"), max_length=40)
    kind = models.CharField(_("soort"), max_length=16, choices=SectionKind.choices, default=SectionKind.FIXED)
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("tekst"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        ordering = ["report", "position", "id"]
        verbose_name = _("sectie")
        verbose_name_plural = _("secties")
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="reportsection_unique_key")]

    def __str__(self) -> str:
        return self.title


REVISION_KINDS = {
    "section.created": _("tekst aangemaakt"),
    "section.updated": _("tekst gewijzigd"),
    "section.deleted": _("analyse verwijderd"),
    "colophon.updated": _("colofon gewijzigd"),
}


class ReportRevision(models.Model):
    """One change to a report, written only by the services: a section's title
    and text as they became, or the colophon fields that changed
    (``data["changes"] = {field: [old, new]}``)."""

    report = models.ForeignKey(
        AnnualReport, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("jaarverslag")
    )
    section = models.ForeignKey(
        ReportSection,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("sectie"),
    )
    # Kept as text so the history stays readable after an analysis section is removed.
    section_key = models.CharField(_("sectiesleutel"), max_length=40, blank=True)
    kind = models.CharField(_("soort"), max_length=32)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    body = models.TextField(_("tekst"), blank=True)
    data = models.JSONField(_("gegevens"), default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    actor_label = models.CharField(_("door (systeem)"), max_length=60, blank=True)
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("wijziging")
        verbose_name_plural = _("wijzigingen")
        indexes = [models.Index(fields=["report", "section_key", "created_at"], name="reportrevision_section_idx")]

    def __str__(self) -> str:
        return f"{self.report} {self.kind} {self.section_key}"

    @property
    def kind_label(self) -> str:
        return str(REVISION_KINDS.get(self.kind, self.kind))

    @property
    def actor_display(self) -> str:
        return str(self.actor) if self.actor else self.actor_label


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


class ReportJob(models.Model):
    """A PDF or Word file of an annual report, made by the worker (issue 15 point 4). One job per
    ``fingerprint``: the report, the format, the version (final or concept, with or without the
    unreviewed texts) and a hash of the data and texts it was made from. Two people asking for the
    same file share one job; a finished file is served again until the data or texts change."""

    fingerprint = models.CharField(_("vingerafdruk"), max_length=64, unique=True)
    report = models.ForeignKey(
        AnnualReport, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("jaarverslag")
    )
    format_name = models.CharField(_("formaat"), max_length=8)
    final = models.BooleanField(_("definitief"), default=False)
    show_unreviewed_texts = models.BooleanField(_("met ongecontroleerde teksten"), default=False)
    status = models.CharField(_("status"), max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    step = models.CharField(_("stap"), max_length=120, blank=True)
    error = models.TextField(_("fout"), blank=True)
    file = models.FileField(_("bestand"), upload_to="reports/", blank=True, max_length=300)
    filename = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    content_type = models.CharField(_("inhoudstype"), max_length=120, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangevraagd door"),
    )
    created_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("rapportbestand")
        verbose_name_plural = _("rapportbestanden")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="reportjob_progress_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.format_name} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

"""Every write of the annual report: the colophon and the texts, each change
with a ReportRevision row in the same transaction."""

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from annualreport import defaults
from annualreport.errors import AnnualReportError
from annualreport.models import (
    MAX_YEAR,
    MIN_YEAR,
    AnnualReport,
    JobStatus,
    ReportJob,
    ReportRevision,
    ReportSection,
    SectionKind,
)
from annualreport.outline import SPECS
from annualreport.placeholders import Placeholders, section_problems
from annualreport.selectors import report_file_fingerprint
from annualreport.tasks import build_report_file
from annualreport.values import report_placeholders

DEFAULT_TEXT_ACTOR = "standaardtekst"
FIXED_KEYS = frozenset(key for key, _title, _body in defaults.FIXED_SECTIONS)


def _revision(
    *,
    report: AnnualReport,
    kind: str,
    section: ReportSection | None = None,
    actor: User | None = None,
    actor_label: str = "",
    data: Mapping[str, Any] | None = None,
) -> ReportRevision:
    return ReportRevision.objects.create(
        report=report,
        section=section,
        section_key=section.key if section else "",
        kind=kind,
        title=section.title if section else "",
        body=section.body if section else "",
        data=dict(data or {}),
        actor=actor,
        actor_label=actor_label,
    )


def _history_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def annual_report_get_or_create(*, year: int, actor: User | None = None) -> AnnualReport:
    """The report of ``year``, made with its default texts the first time."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise AnnualReportError(f"Geen jaarverslag voor {year}: kies een jaar tussen {MIN_YEAR} en {MAX_YEAR}.")
    report = AnnualReport.objects.filter(year=year).first()
    if report is not None and FIXED_KEYS <= set(report.sections.values_list("key", flat=True)):
        return report
    with transaction.atomic():
        previous = AnnualReport.objects.filter(year=year - 1).first()
        report, _created = AnnualReport.objects.get_or_create(
            year=year,
            defaults={
                "title": previous.title if previous else defaults.REPORT_TITLE,
                "organisation": previous.organisation if previous else defaults.ORGANISATION,
                "author": previous.author if previous else defaults.AUTHOR,
            },
        )
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        load_default_sections(report=report, actor=actor)
    return report


def load_default_sections(*, report: AnnualReport, actor: User | None = None) -> int:
    """Add the sections ``report`` does not have yet: copied from the previous
    year's report where there is one, from the built-in texts otherwise.
    Analysis sections come along only into a report that has none. Returns the
    number of sections added; running it again adds nothing."""
    with transaction.atomic():
        existing = set(report.sections.values_list("key", flat=True))
        previous = AnnualReport.objects.filter(year=report.year - 1).first()
        source = {s.key: s for s in previous.sections.all()} if previous else {}
        label = f"kopie van {previous.year}" if source else DEFAULT_TEXT_ACTOR
        added = 0
        for position, (key, title, body) in enumerate(defaults.FIXED_SECTIONS):
            if key in existing:
                continue
            if key in source:
                title, body = source[key].title, source[key].body
            section = ReportSection.objects.create(
                report=report, key=key, kind=SectionKind.FIXED, title=title, body=body, position=position
            )
            _revision(report=report, kind="section.created", section=section, actor=actor, actor_label=label)
            added += 1
        if not report.sections.filter(kind=SectionKind.ANALYSIS).exists():
            if source:
                ordered = sorted(source.values(), key=lambda s: (s.position, s.pk))
                analyses = [(s.title, s.body) for s in ordered if s.kind == SectionKind.ANALYSIS]
            else:
                analyses = list(defaults.ANALYSES)
            for title, body in analyses:
                section = _analysis_create(report=report, title=title, body=body)
                _revision(report=report, kind="section.created", section=section, actor=actor, actor_label=label)
                added += 1
    return added


def _analysis_create(*, report: AnnualReport, title: str, body: str = "") -> ReportSection:
    analyses = report.sections.filter(kind=SectionKind.ANALYSIS)
    # Keys of removed analyses are not reused, so a key's history stays one section's history.
    used = set(analyses.values_list("key", flat=True))
    used |= set(report.revisions.filter(section_key__startswith="analyse-").values_list("section_key", flat=True))
    number = max((int(key.rsplit("-", 1)[1]) for key in used), default=0) + 1
    position = (analyses.aggregate(last=Max("position"))["last"] or 0) + 1
    return ReportSection.objects.create(
        report=report, key=f"analyse-{number}", kind=SectionKind.ANALYSIS, title=title, body=body, position=position
    )


def report_section_update(
    *, section: ReportSection, title: str, body: str, actor: User | None, placeholders: Placeholders | None = None
) -> ReportSection:
    """Save a section's title and text; refused while a placeholder is wrong."""
    if placeholders is None:
        placeholders = report_placeholders(report=section.report)
    title, body = title.strip(), body.replace("\r\n", "\n").strip()
    if not title:
        raise AnnualReportError(_("Geef de sectie een titel."))
    problems = section_problems(section=section, title=title, body=body, placeholders=placeholders)
    if problems:
        raise AnnualReportError([str(problem) for problem in problems])
    with transaction.atomic():
        locked = ReportSection.objects.select_for_update().get(pk=section.pk)
        if (locked.title, locked.body) == (title, body):
            return locked
        changed = [
            name for name, old, new in (("title", locked.title, title), ("body", locked.body, body)) if old != new
        ]
        locked.title, locked.body = title, body
        locked.save(update_fields=["title", "body", "updated_at"])
        _revision(report=locked.report, kind="section.updated", section=locked, actor=actor, data={"changed": changed})
    return locked


def report_section_add(*, report: AnnualReport, title: str, actor: User | None) -> ReportSection:
    """A new analysis section (empty text) at the end of the analyses."""
    title = title.strip()
    if not title:
        raise AnnualReportError(_("Geef de nieuwe analyse een titel."))
    with transaction.atomic():
        AnnualReport.objects.select_for_update().get(pk=report.pk)
        section = _analysis_create(report=report, title=title)
        _revision(report=report, kind="section.created", section=section, actor=actor)
    return section


def report_section_delete(*, section: ReportSection, actor: User | None) -> None:
    if section.kind != SectionKind.ANALYSIS or section.key in SPECS:
        raise AnnualReportError(_("Alleen een analyse kan worden verwijderd; de vaste secties horen bij het verslag."))
    with transaction.atomic():
        locked = ReportSection.objects.select_for_update().get(pk=section.pk)
        _revision(report=locked.report, kind="section.deleted", section=locked, actor=actor)
        locked.delete()


def annual_report_update(
    *,
    report: AnnualReport,
    actor: User | None,
    title: str,
    organisation: str,
    version: str,
    author: str,
    report_date: date | None,
) -> AnnualReport:
    """Change the colophon: title, organisation, version, author and date."""
    values = {
        "title": title.strip(),
        "organisation": organisation.strip(),
        "version": version.strip(),
        "author": author.strip(),
        "report_date": report_date,
    }
    missing = [name for name in ("title", "organisation", "version", "author") if not values[name]]
    if missing:
        raise AnnualReportError(_("Titel, organisatie, versie en auteur zijn verplicht."))
    with transaction.atomic():
        locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
        changes = {}
        for name, new in values.items():
            old = getattr(locked, name)
            if old != new:
                changes[name] = [_history_value(old), _history_value(new)]
                setattr(locked, name, new)
        if changes:
            locked.save()
            _revision(report=locked, kind="colophon.updated", actor=actor, data={"changes": changes})
    return locked


# --- files made by the worker (issue 15 point 4) -------------------------------------------

JOB_FORMATS = ("pdf", "docx")
STALE_JOB_AFTER = timedelta(minutes=15)  # a job the worker did not finish by then is queued again


def report_job_request(
    *, report: AnnualReport, format_name: str, final: bool, show_unreviewed_texts: bool, actor: User | None
) -> tuple[ReportJob, bool]:
    """The job that makes this file of the report as its data and texts are now: an existing one
    (queued, running or done) or a new one queued for the worker. Returns (job, queued_now).
    Two requests at once get one job: the fingerprint is unique and the row is locked."""
    if format_name not in JOB_FORMATS:
        raise AnnualReportError(f"Onbekend formaat {format_name!r}: kies uit {', '.join(JOB_FORMATS)}.")
    fingerprint = report_file_fingerprint(
        report, format_name=format_name, final=final, show_unreviewed_texts=show_unreviewed_texts
    )
    with transaction.atomic():
        job, created = ReportJob.objects.get_or_create(
            fingerprint=fingerprint,
            defaults={
                "report": report,
                "format_name": format_name,
                "final": final,
                "show_unreviewed_texts": show_unreviewed_texts,
                "requested_by": actor,
                "step": "In de wachtrij",
            },
        )
        if not created:
            job = ReportJob.objects.select_for_update().get(pk=job.pk)
            stale = job.status in (JobStatus.QUEUED, JobStatus.RUNNING) and (
                timezone.now() - job.updated_at > STALE_JOB_AFTER
            )
            if job.status == JobStatus.FAILED or stale or (job.status == JobStatus.DONE and not _file_exists(job)):
                job.status, job.progress, job.step, job.error = JobStatus.QUEUED, 0, "In de wachtrij", ""
                job.requested_by = actor
                job.save()
                created = True
        if created:
            job_id = job.pk
            transaction.on_commit(lambda: build_report_file(job_id))
    return job, created


def _file_exists(job: ReportJob) -> bool:
    try:
        return bool(job.file) and job.file.storage.exists(job.file.name)
    except OSError:
        return False

"""The worker's jobs of the annual report: a PDF or Word file made outside the web request
(queued by ``annualreport.services.report_job_request``)."""

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from huey.contrib.djhuey import db_task

from annualreport.models import JobStatus, ReportJob
from config.routers import reading_from_replica

logger = logging.getLogger(__name__)


@db_task(retries=0)
def build_report_file(job_id: int) -> None:
    report_job_run(job_id=job_id)


def _job_step(job_id: int, *, progress: int, step: str, status: str = JobStatus.RUNNING) -> None:
    # Its own short write, committed at once, so the page that polls sees it.
    ReportJob.objects.filter(pk=job_id).update(status=status, progress=progress, step=step, updated_at=timezone.now())


def report_job_run(*, job_id: int) -> ReportJob | None:
    """The worker's part: build the document, write the file, keep it on the job. A job that is
    already done or taken by another worker is left alone. A failure is recorded on the job."""
    from annualreport.builder import AnnualReportDocument
    from annualreport.exporters import export

    with transaction.atomic():
        job = ReportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != JobStatus.QUEUED:
            return job
        job.status, job.progress, job.step = JobStatus.RUNNING, 5, "Cijfers berekenen"
        job.save(update_fields=["status", "progress", "step", "updated_at"])
    try:
        # Figures and appendix are read from the replica when one is configured (config.routers).
        with reading_from_replica():
            doc = AnnualReportDocument(
                report=job.report, final=job.final, show_unreviewed_texts=job.show_unreviewed_texts
            )
            doc.figures  # noqa: B018 - computed now, so the step shown is the one that takes the time
            _job_step(job_id, progress=30, step="Document opmaken")
            doc.entries  # noqa: B018
            _job_step(job_id, progress=50, step="PDF opmaken" if job.format_name == "pdf" else "Word-bestand opmaken")
            result = export(doc, job.format_name)
        _job_step(job_id, progress=95, step="Bestand bewaren")
    except Exception as error:  # noqa: BLE001 - any failure is shown on the page, the worker lives on
        logger.exception("report job %s failed", job_id)
        ReportJob.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, step="Mislukt", error=f"{type(error).__name__}: {error}"[:2000]
        )
        return ReportJob.objects.get(pk=job_id)
    with transaction.atomic():
        job = ReportJob.objects.select_for_update().get(pk=job_id)
        job.file.save(f"{job.fingerprint[:16]}-{result.filename}", ContentFile(result.content), save=False)
        job.filename, job.content_type = result.filename, result.content_type
        job.status, job.progress, job.step, job.finished_at = JobStatus.DONE, 100, "Klaar", timezone.now()
        job.save()
        # Files of the same report and kind made from older data are not served again: remove them.
        superseded = ReportJob.objects.filter(
            report=job.report,
            format_name=job.format_name,
            final=job.final,
            show_unreviewed_texts=job.show_unreviewed_texts,
            status__in=(JobStatus.DONE, JobStatus.FAILED),
        ).exclude(pk=job.pk)
        for old in superseded:
            if old.file:
                old.file.delete(save=False)
        superseded.delete()
    return job

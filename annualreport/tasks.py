"""The worker's jobs of the annual report: a PDF or Word file made outside the web request."""

from huey.contrib.djhuey import db_task

from annualreport.services import report_job_run


@db_task(retries=0)
def build_report_file(job_id: int) -> None:
    report_job_run(job_id=job_id)

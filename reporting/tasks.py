from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from reporting.services import weekly_report_send_due


@db_periodic_task(crontab(minute="*/15"))
@lock_task("weekly-report-send")
def send_due_weekly_report() -> None:
    # Runs often so a stopped worker catches up; the report still goes out once per week.
    weekly_report_send_due()

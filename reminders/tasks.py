from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from reminders.services import reminders_run


@db_periodic_task(crontab(minute="*/5"))
@lock_task("reminders-run")
def send_due_reminders() -> int:
    # Safe to run anywhere at any time: every reminder is sent once by construction.
    return reminders_run()

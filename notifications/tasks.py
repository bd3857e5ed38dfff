"""Worker tasks: thin wrappers that pass ids and call the outbox services."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from notifications.delivery import outbox_deliver_due, outbox_deliver_one


@db_task()
def deliver_email(email_id: int) -> None:
    outbox_deliver_one(email_id=email_id)


@db_periodic_task(crontab(minute="*"))
def deliver_due_emails() -> None:
    """Sweep retries, and messages whose enqueue after commit was lost."""
    outbox_deliver_due()

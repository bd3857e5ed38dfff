"""Worker tasks of the public side: thin wrappers around services."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from intake.spam import rate_windows_clear


@db_periodic_task(crontab(minute="17"))
def clear_rate_windows() -> None:
    """Hours that are over need no row (the limit counts per address per hour)."""
    rate_windows_clear(now=timezone.now())

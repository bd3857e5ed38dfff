"""The worker reads the complaints mailbox every ``IMAP_POLL_MINUTES`` minutes."""

import logging

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from inbox.fetch import MailboxError, mailbox_fetch

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(minute=f"*/{max(1, settings.IMAP_POLL_MINUTES)}"))
@lock_task("inbox-fetch")
def fetch_mailbox() -> int:
    if not settings.IMAP_HOST:
        return 0
    try:
        result = mailbox_fetch()
    except MailboxError as error:
        logger.error("Complaints mailbox not read: %s", error)
        return 0
    if result.stored:
        logger.info("Complaints mailbox: %d new message(s)", result.stored)
    return result.stored

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from complaints.services import complainants_erase_expired


@db_periodic_task(crontab(hour="3", minute="17"))
@lock_task("complainants-erase-expired")
def erase_expired_contact_details() -> int:
    return complainants_erase_expired()

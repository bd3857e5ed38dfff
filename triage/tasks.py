from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from complaints.models import Complaint
from triage.services import publication_draft_make
from triage.suggestions import category_model_train


@db_periodic_task(crontab(hour="2", minute="41"))
@lock_task("triage-train-category-model")
def train_category_model_nightly() -> int | None:
    model = category_model_train()
    return model.pk if model else None


@db_task()
def train_category_model_task() -> int | None:
    model = category_model_train()
    return model.pk if model else None


@db_task()
def publication_draft_task(complaint_id: int) -> None:
    complaint = Complaint.objects.filter(pk=complaint_id).select_related("complainant").first()
    if complaint is not None:
        publication_draft_make(complaint=complaint)

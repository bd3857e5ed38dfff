"""The triage app listens to the complaint history: a forwarded complaint whose
category was set gets an event saying whether the suggestion was taken; a
closed complaint gets its anonymised publication draft from the worker."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from complaints.models import ComplaintEvent, EventKind
from triage.models import CategoryModel
from triage.services import suggestion_outcome_record
from triage.suggestions import category_suggest, taxonomy_current
from triage.tasks import publication_draft_task


@receiver(post_save, sender=ComplaintEvent, dispatch_uid="triage.complaint_event")
def on_complaint_event(sender: type[ComplaintEvent], instance: ComplaintEvent, created: bool, **kwargs: Any) -> None:
    if not created or kwargs.get("raw"):
        return
    if instance.kind == EventKind.COMPLAINT_FORWARDED and "category" in instance.data.get("changes", {}):
        _record_suggestion(instance)
    elif instance.kind == EventKind.COMPLAINT_CLOSED:
        complaint_id = instance.complaint_id
        transaction.on_commit(lambda: publication_draft_task(complaint_id))


def _record_suggestion(event: ComplaintEvent) -> None:
    complaint = event.complaint
    suggestions = category_suggest(complaint)
    if not suggestions:
        return
    version = taxonomy_current(year=complaint.year)
    latest = CategoryModel.objects.filter(version=version).only("trained_at").first()
    suggestion_outcome_record(
        complaint=complaint,
        suggestions=suggestions,
        actor=event.actor,
        model_trained_at=latest.trained_at.isoformat() if latest else "",
    )

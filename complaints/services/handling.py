"""Handling a forwarded complaint: contacts, notes, measures and the outcome."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import User
from complaints.models import Complaint, ContactMethod, ContactMoment, EventKind, InternalNote, Measure, Verdict
from complaints.services.common import (
    ComplaintError,
    apply_changes,
    event_record,
    locked,
    require_open,
    start_handling,
)


def contact_record(
    *, complaint: Complaint, occurred_at: datetime, method: str, summary: str, actor: User
) -> ContactMoment:
    if method not in ContactMethod.values:
        raise ComplaintError(gettext("Kies hoe er contact is geweest."))
    if not summary.strip():
        raise ComplaintError(gettext("Vat het contact kort samen."))
    if occurred_at > timezone.now():
        raise ComplaintError(gettext("Het contactmoment ligt in de toekomst."))
    with transaction.atomic():
        current = locked(complaint)
        require_open(current)
        if current.received_at and occurred_at < current.received_at:
            raise ComplaintError(gettext("Het contactmoment ligt vóór de ontvangst van de klacht."))
        contact = ContactMoment.objects.create(
            complaint=current, occurred_at=occurred_at, method=method, summary=summary.strip(), recorded_by=actor
        )
        changes = start_handling(current)
        if changes:
            current.save()
        event_record(
            complaint=current,
            kind=EventKind.CONTACT_RECORDED,
            actor=actor,
            changes=changes,
            data={"method": method, "occurred_at": occurred_at.isoformat(), "summary": summary.strip()},
        )
    return contact


def note_add(*, complaint: Complaint, text: str, actor: User) -> InternalNote:
    if not text.strip():
        raise ComplaintError(gettext("Een notitie mag niet leeg zijn."))
    with transaction.atomic():
        current = locked(complaint)
        note = InternalNote.objects.create(complaint=current, text=text.strip(), author=actor)
        event_record(complaint=current, kind=EventKind.NOTE_ADDED, actor=actor, data={"text": note.text})
    return note


def measure_add(*, complaint: Complaint, description: str, owner: str, due_date: date, actor: User) -> Measure:
    if not description.strip() or not owner.strip():
        raise ComplaintError(gettext("Beschrijf de maatregel en wie hem uitvoert."))
    if due_date < timezone.localdate():
        raise ComplaintError(gettext("De termijn van een maatregel moet vandaag of later zijn."))
    with transaction.atomic():
        current = locked(complaint)
        require_open(current)
        measure = Measure.objects.create(
            complaint=current, description=description.strip(), owner=owner.strip(), due_date=due_date, created_by=actor
        )
        changes = start_handling(current)
        if changes:
            current.save()
        event_record(
            complaint=current,
            kind=EventKind.MEASURE_ADDED,
            actor=actor,
            changes=changes,
            data={"description": measure.description, "owner": measure.owner, "due_date": due_date.isoformat()},
        )
    return measure


def measure_complete(*, measure: Measure, actor: User) -> Measure:
    with transaction.atomic():
        current = Measure.objects.select_for_update().get(pk=measure.pk)
        if current.done_at is not None:
            raise ComplaintError(gettext("Deze maatregel is al gerealiseerd."))
        current.done_at = timezone.now()
        current.save(update_fields=["done_at"])
        event_record(
            complaint=current.complaint,
            kind=EventKind.MEASURE_DONE,
            actor=actor,
            data={"description": current.description},
        )
    return current


def complaint_set_outcome(*, complaint: Complaint, verdict: str, solution: str, actor: User) -> Complaint:
    """Record the verdict (gegrond: ja / deels / nee) and the solution."""
    if verdict not in Verdict.values:
        raise ComplaintError(gettext("Kies of de klacht gegrond, deels gegrond of ongegrond is."))
    if not solution.strip():
        raise ComplaintError(gettext("Beschrijf de getroffen oplossing."))
    with transaction.atomic():
        current = locked(complaint)
        require_open(current)
        changes = apply_changes(current, {"verdict": verdict, "solution": solution.strip()})
        changes |= start_handling(current)
        if changes:
            current.save()
            event_record(complaint=current, kind=EventKind.COMPLAINT_OUTCOME_SET, actor=actor, changes=changes)
    return current

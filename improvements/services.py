"""Every write to an improvement action. Each runs in one transaction."""

from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from complaints.formatting import short_date
from complaints.models import Category, Complaint, EventKind
from complaints.services import event_record
from improvements.models import Improvement, ImprovementStatus, Kind


class ImprovementError(Exception):
    """A requested change is not allowed; the message is shown to the user."""


def improvement_create(
    *,
    title: str,
    kind: str,
    due_date: date,
    description: str = "",
    owner: User | None = None,
    owner_name: str = "",
    complaints: Iterable[Complaint] = (),
    categories: Iterable[Category] = (),
    actor: User | None = None,
) -> Improvement:
    """Record a conclusion drawn from complaints. It must say which complaints
    or categories led to it, so the link back to the cause is never lost."""
    complaints, categories = list(complaints), list(categories)
    if not title.strip():
        raise ImprovementError(_("Geef de verbeteractie een titel."))
    if kind not in Kind.values:
        raise ImprovementError(_("Kies of het om beleid, een protocol of communicatie gaat."))
    if not complaints and not categories:
        raise ImprovementError(_("Koppel de verbeteractie aan ten minste één klacht of categorie."))
    with transaction.atomic():
        improvement = Improvement.objects.create(
            title=title.strip(),
            kind=kind,
            description=description.strip(),
            owner=owner,
            owner_name=owner_name.strip(),
            due_date=due_date,
            created_by=actor,
        )
        improvement.complaints.set(complaints)
        improvement.categories.set(categories)
        for complaint in complaints:
            event_record(
                complaint=complaint,
                kind=EventKind.IMPROVEMENT_LINKED,
                actor=actor,
                data={
                    "description": improvement.title,
                    "owner": improvement.owner_display,
                    "due_date": due_date.isoformat(),
                },
            )
    return improvement


def improvement_update(
    *, improvement: Improvement, owner: User | None, owner_name: str, due_date: date, actor: User | None = None
) -> Improvement:
    """Change who carries an action out and by when."""
    if owner is None and not owner_name.strip():
        raise ImprovementError(_("Kies een eigenaar of vul de naam van de eigenaar in."))
    with transaction.atomic():
        locked = Improvement.objects.select_for_update().get(pk=improvement.pk)
        before = (locked.owner_display, locked.due_date)
        locked.owner = owner
        locked.owner_name = "" if owner is not None else owner_name.strip()
        locked.due_date = due_date
        locked.save(update_fields=["owner", "owner_name", "due_date", "updated_at"])
        changes: dict[str, tuple[str, str]] = {}
        if before[0] != locked.owner_display:
            changes["improvement_owner"] = (before[0], locked.owner_display)
        if before[1] != locked.due_date:
            with translation.override("nl"):  # the history is written in Dutch, whoever makes the change
                changes["improvement_due_date"] = (short_date(before[1]), short_date(locked.due_date))
        _record_change(locked, changes, actor)
    return locked


def improvement_set_status(
    *, improvement: Improvement, status: str, actor: User | None = None, now: datetime | None = None
) -> Improvement:
    """Move an action to open, in progress or done. Done records the moment;
    reopening clears it, so the weekly report counts it as open again."""
    if status not in ImprovementStatus.values:
        raise ImprovementError(_("Onbekende status."))
    with transaction.atomic():
        locked = Improvement.objects.select_for_update().get(pk=improvement.pk)
        if locked.status == status:
            return locked
        old_status = locked.status
        locked.status = status
        locked.done_at = (now or timezone.now()) if status == ImprovementStatus.DONE else None
        locked.save(update_fields=["status", "done_at", "updated_at"])
        with translation.override("nl"):  # the history is written in Dutch, whoever makes the change
            labels = (str(ImprovementStatus(old_status).label), str(ImprovementStatus(status).label))
        _record_change(locked, {"improvement_status": labels}, actor)
    return locked


def _record_change(improvement: Improvement, changes: dict[str, tuple[str, str]], actor: User | None) -> None:
    """The history of every complaint the action was drawn from records the change
    (who carries it out, by when, its status), so a complaint's history shows what
    became of the conclusion drawn from it."""
    if not changes:
        return
    for complaint in improvement.complaints.all():
        event_record(
            complaint=complaint,
            kind=EventKind.IMPROVEMENT_CHANGED,
            actor=actor,
            changes=changes,
            data={"description": improvement.title},
        )

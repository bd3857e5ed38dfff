"""Read queries for improvement actions, as they stood at a given moment."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Q, QuerySet

from improvements.models import Improvement, ImprovementStatus


def improvements_open_at(*, moment: datetime) -> QuerySet[Improvement]:
    """Actions that existed at ``moment`` and were not done yet (a later done_at
    counts as still open then)."""
    return (
        Improvement.objects.filter(created_at__lt=moment)
        .filter(Q(done_at__isnull=True) | Q(done_at__gte=moment))
        .select_related("owner")
        .order_by("due_date", "id")
    )


def improvements_done_between(*, start: datetime, end: datetime) -> QuerySet[Improvement]:
    return (
        Improvement.objects.filter(done_at__gte=start, done_at__lt=end)
        .select_related("owner")
        .order_by("done_at", "id")
    )


@dataclass(frozen=True, slots=True)
class ImprovementCounts:
    open: int  # not done (open or in progress)
    overdue: int  # not done and past the due date
    done: int  # done between start and end


def improvement_counts(*, today: date, start: datetime, end: datetime) -> ImprovementCounts:
    """The dashboard's counts of improvement actions, in one query."""
    not_done = ~Q(status=ImprovementStatus.DONE)
    counts = Improvement.objects.order_by().aggregate(
        open=Count("pk", filter=not_done),
        overdue=Count("pk", filter=not_done & Q(due_date__lt=today)),
        done=Count("pk", filter=Q(status=ImprovementStatus.DONE, done_at__gte=start, done_at__lt=end)),
    )
    return ImprovementCounts(**counts)

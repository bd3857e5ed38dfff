"""Read queries for improvement actions, as they stood at a given moment."""

from datetime import datetime

from django.db.models import Q, QuerySet

from improvements.models import Improvement


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

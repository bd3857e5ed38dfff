"""Reads for the back-office screens, each on a queryset already scoped by
``complaints.selectors.complaint_visible_to``. Counts are aggregated in the
database: one query per section, whatever the number of complaints."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet

from complaints.models import OPEN_STATUSES, Attachment, ClosingLetter, Complaint, Status
from complaints.selectors import overdue_q
from staff.filters import DUE_OVERDUE, DUE_WEEK, due_q, handler_value

WORKLIST_PREVIEW = 10


@dataclass(frozen=True, slots=True)
class WorklistCounts:
    new: int
    due_week: int
    overdue: int
    open: int
    safety: int


@dataclass(frozen=True, slots=True)
class GroupCount:
    name: str
    filter_value: str
    open: int
    overdue: int


def worklist_counts(*, complaints: QuerySet[Complaint], now: datetime) -> WorklistCounts:
    # Every count is of open complaints: the (status, due_at) index keeps this
    # to the open rows, however many closed ones there are.
    totals = (
        complaints.filter(status__in=OPEN_STATUSES)
        .order_by()
        .aggregate(
            new=Count("id", filter=Q(status=Status.NEW)),
            due_week=Count("id", filter=due_q(DUE_WEEK, now=now)),
            overdue=Count("id", filter=due_q(DUE_OVERDUE, now=now)),
            open=Count("id", filter=Q(status__in=OPEN_STATUSES)),
            safety=Count("id", filter=Q(is_safety_concern=True)),
        )
    )
    return WorklistCounts(**totals)


def worklist_by_handler(*, complaints: QuerySet[Complaint], now: datetime) -> list[GroupCount]:
    """Open complaints per handling location or department, most first."""
    rows = (
        complaints.filter(status__in=OPEN_STATUSES)
        .order_by()
        .values(
            "handling_location_id", "handling_location__name", "handling_department_id", "handling_department__name"
        )
        .annotate(open=Count("id"), overdue=Count("id", filter=overdue_q(now=now)))
    )
    groups = [
        GroupCount(
            name=row["handling_location__name"] or row["handling_department__name"] or "",
            filter_value=handler_value(
                location_id=row["handling_location_id"], department_id=row["handling_department_id"]
            ),
            open=row["open"],
            overdue=row["overdue"],
        )
        for row in rows
    ]
    return sorted(groups, key=lambda group: (-group.open, group.name))


def worklist_by_region(*, complaints: QuerySet[Complaint], now: datetime) -> list[GroupCount]:
    """Open complaints per region of the complaint's location, most first."""
    rows = (
        complaints.filter(status__in=OPEN_STATUSES)
        .order_by()
        .values("location__region_id", "location__region__name")
        .annotate(open=Count("id"), overdue=Count("id", filter=overdue_q(now=now)))
    )
    groups = [
        GroupCount(
            name=row["location__region__name"] or "",
            filter_value=str(row["location__region_id"] or "null"),
            open=row["open"],
            overdue=row["overdue"],
        )
        for row in rows
    ]
    return sorted(groups, key=lambda group: (-group.open, group.name))


def worklist_preview(*, complaints: QuerySet[Complaint], section: Q, order: str) -> list[Complaint]:
    """The first complaints of a section; safety concerns always first."""
    return list(
        complaints.filter(section)
        .select_related("location", "handling_location", "handling_department")
        .order_by("-is_safety_concern", order, "id")[:WORKLIST_PREVIEW]
    )


def letter_for(complaint: Complaint) -> ClosingLetter | None:
    return ClosingLetter.objects.filter(complaint=complaint).select_related("sent_by").first()


def attachment_for(complaint: Complaint, attachment_id: int) -> Attachment | None:
    return Attachment.objects.filter(complaint=complaint, pk=attachment_id).first()

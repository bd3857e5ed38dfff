"""Reads for the back-office screens, each on a queryset already scoped by
``complaints.selectors.complaint_visible_to``. Counts are aggregated in the
database: one query per section, whatever the number of complaints."""

from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet

from complaints.models import OPEN_STATUSES, Attachment, ClosingLetter, Complaint, Status
from complaints.selectors import overdue_q
from organisation.matching import BULK_THRESHOLD
from organisation.models import LocationMatchProposal, MatchStatus
from staff.filters import DUE_OVERDUE, DUE_WEEK, due_q, handler_value

WORKLIST_PREVIEW = 10


@dataclass(frozen=True, slots=True)
class WorklistCounts:
    new: int
    due_week: int
    overdue: int
    open: int
    safety: int
    # Complaints with a message from the complainant that no staff member opened yet.
    new_messages: int = 0


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
    new_messages = complaints.filter(unread_message_at__isnull=False).order_by().count()
    return WorklistCounts(**totals, new_messages=new_messages)


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


PREVIEW_RELATED = ("location", "category", "handling_location", "handling_department", "assignee")


def worklist_previews(
    *, complaints: QuerySet[Complaint], sections: dict[str, tuple[Q, str]]
) -> dict[str, list[Complaint]]:
    """The first ``WORKLIST_PREVIEW`` complaints of each section (name -> (condition,
    order field)), safety concerns always first, in one query whatever the number of
    sections: each section's first ids are chosen in a subquery (the order cannot come
    from an index, and joining every open complaint before sorting grew with the open
    complaints), and only those rows are joined with their names, each marked with the
    sections it is among the first of (a complaint can be new and overdue at once). One
    query instead of one per section: building a query with five joined tables cost the
    web process more than the database's work (~4 ms each at 100,000 complaints)."""
    if not sections:
        return {}
    firsts = {
        name: complaints.filter(condition).order_by("-is_safety_concern", order, "id").values("pk")[:WORKLIST_PREVIEW]
        for name, (condition, order) in sections.items()
    }
    marks = {f"in_section_{index}": name for index, name in enumerate(sections)}
    chosen = list(firsts.values())
    if len(chosen) > 1 and connection.features.supports_slicing_ordering_in_compound:
        # PostgreSQL: the primary key IN (first ids UNION ALL first ids ...). An OR of
        # the subqueries made it test every complaint (100-170 ms at 100,000 complaints).
        among_first = Q(pk__in=chosen[0].union(*chosen[1:], all=True))
    else:  # SQLite cannot order and limit the parts of a UNION
        among_first = reduce(or_, (Q(pk__in=first) for first in chosen))
    rows = (
        Complaint.objects.filter(among_first)
        .annotate(
            **{
                mark: ExpressionWrapper(Q(pk__in=firsts[name]), output_field=BooleanField())
                for mark, name in marks.items()
            }
        )
        .select_related(*PREVIEW_RELATED)
        .order_by()
    )
    previews: dict[str, list[Complaint]] = {name: [] for name in sections}
    for complaint in rows:
        for mark, name in marks.items():
            if getattr(complaint, mark):
                previews[name].append(complaint)
    for name, (_condition, order) in sections.items():
        # The subquery's order, in Python: safety first, then the order field (empty last,
        # as PostgreSQL sorts; open complaints always have both dates), then the id.
        previews[name].sort(
            key=lambda c, order=order: (
                not c.is_safety_concern,
                getattr(c, order) is None,
                getattr(c, order) or 0,
                c.pk,
            )
        )
    return previews


def letter_for(complaint: Complaint) -> ClosingLetter | None:
    return ClosingLetter.objects.filter(complaint=complaint).select_related("sent_by").first()


def attachment_for(complaint: Complaint, attachment_id: int) -> Attachment | None:
    return Attachment.objects.filter(complaint=complaint, pk=attachment_id).first()


def match_proposals_open() -> list[LocationMatchProposal]:
    """Open proposals to link a historical location name to a register location, best
    first, with both locations and the number of complaints of the historical one
    (one query)."""
    return list(
        LocationMatchProposal.objects.filter(status=MatchStatus.PROPOSED)
        .select_related("historical__legal_entity", "candidate__legal_entity")
        .annotate(complaint_count=Count("historical__complaints", distinct=True))
        .order_by("-score", "historical__name", "id")
    )


def match_proposals_obvious(proposals: list[LocationMatchProposal]) -> list[LocationMatchProposal]:
    """The proposals bulk accept takes: at least BULK_THRESHOLD, and the only such
    proposal for its historical name (two good candidates are for a person to choose)."""
    high: dict[int, list] = {}
    for proposal in proposals:
        if proposal.score >= BULK_THRESHOLD:
            high.setdefault(proposal.historical_id, []).append(proposal)
    return [group[0] for group in high.values() if len(group) == 1]

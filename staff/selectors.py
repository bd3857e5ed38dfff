"""Reads for the back-office screens, each on a queryset already scoped by
``complaints.selectors.complaint_visible_to``. Counts are aggregated in the
database: one query per section, whatever the number of complaints."""

from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from operator import or_

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet

from complaints.models import OPEN_STATUSES, Attachment, ClosingLetter, Complaint, Status
from complaints.selectors import overdue_q
from organisation.matching import BULK_THRESHOLD
from organisation.models import Department, Location, LocationMatchProposal, MatchStatus, Region
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


def _open_per(complaints: QuerySet[Complaint], now: datetime, *columns: str) -> tuple[str, tuple] | None:
    """The SQL and parameters of the open complaints of ``complaints`` counted per
    ``columns`` (their columns, then open, then overdue): read from the covering index
    alone, before any name is joined (joining the names to every open complaint first
    cost 9-11 ms at 1,000,000 complaints, ~10,000 open; joined to the ~750 groups, 3).
    None when nothing can match (a scope Django knows is empty: a location manager
    without locations, ``none()``), which Django would not send to the database."""
    counted = (
        complaints.filter(status__in=OPEN_STATUSES)
        .order_by()
        .values(*columns)
        .annotate(open=Count("id"), overdue=Count("id", filter=overdue_q(now=now)))
    )
    try:
        return counted.query.sql_with_params()
    except EmptyResultSet:
        return None


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def worklist_by_handler(
    *, complaints: QuerySet[Complaint], now: datetime, limit: int | None = None
) -> tuple[list[GroupCount], int]:
    """Open complaints per handling location or department, most first, then by name (as
    Python compares strings: ``COLLATE "C"``, code points), at most ``limit``: sorted and
    cut in the database (~420 groups at 100,000 complaints made into objects and sorted
    to show 25); and the number of groups (a location, a department or none yet). The
    open and overdue complaints of the groups left out follow from ``worklist_counts``."""
    counted_sql = _open_per(complaints, now, "handling_location_id", "handling_department_id")
    if counted_sql is None:
        return [], 0
    counted, params = counted_sql
    # The name the row shows ("" for complaints not forwarded yet), compared as Python does.
    collation = '"C"' if connection.vendor == "postgresql" else "BINARY"
    sql = (
        f"WITH counted (location_id, department_id, open, overdue) AS ({counted}) "
        "SELECT counted.location_id, location.name, counted.department_id, department.name, open, overdue, "
        "COUNT(*) OVER () "
        f"FROM counted LEFT JOIN {_table(Location)} location ON location.id = counted.location_id "
        f"LEFT JOIN {_table(Department)} department ON department.id = counted.department_id "
        "ORDER BY open DESC, COALESCE(NULLIF(location.name, ''), NULLIF(department.name, ''), '') "
        f"COLLATE {collation}, counted.location_id, counted.department_id"
    )
    if limit is not None:
        sql, params = f"{sql} LIMIT %s", (*params, limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    groups = [
        GroupCount(
            name=location_name or department_name or "",
            filter_value=handler_value(location_id=location_id, department_id=department_id),
            open=open_,
            overdue=overdue,
        )
        for location_id, location_name, department_id, department_name, open_, overdue, _number in rows
    ]
    return groups, rows[0][-1] if rows else 0


def worklist_by_region(*, complaints: QuerySet[Complaint], now: datetime) -> list[GroupCount]:
    """Open complaints per region of the complaint's location, most first."""
    counted_sql = _open_per(complaints, now, "location_id")
    if counted_sql is None:
        return []
    counted, params = counted_sql
    sql = (
        f"WITH counted (location_id, open, overdue) AS ({counted}) "
        "SELECT location.region_id, region.name, SUM(open), SUM(overdue) "
        f"FROM counted LEFT JOIN {_table(Location)} location ON location.id = counted.location_id "
        f"LEFT JOIN {_table(Region)} region ON region.id = location.region_id "
        "GROUP BY location.region_id, region.name"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    groups = [
        GroupCount(
            name=region_name or "",
            filter_value=str(region_id or "null"),
            open=int(open_),  # a SUM: numeric on PostgreSQL
            overdue=int(overdue),
        )
        for region_id, region_name, open_, overdue in rows
    ]
    return sorted(groups, key=lambda group: (-group.open, group.name))


# What a worklist card shows (``staff.worklist_html.worklist_cards``), read as values:
# ~30 model objects with five related ones each cost more than the query.
PREVIEW_FIELDS = (
    *("id", "reference", "status", "received_at", "due_at", "description", "safety_reason", "is_safety_concern"),
    *("unread_message_at", "language", "location_id", "location_text", "location__name", "category__name"),
    *("handling_location_id", "handling_location__name", "handling_department__name"),
    *("assignee_id", "assignee__first_name", "assignee__last_name", "assignee__username"),
)


def worklist_previews(*, complaints: QuerySet[Complaint], sections: dict[str, tuple[Q, str]]) -> dict[str, list[dict]]:
    """The first ``WORKLIST_PREVIEW`` complaints of each section (name -> (condition,
    order field)), safety concerns always first, in one query whatever the number of
    sections, as rows of ``PREVIEW_FIELDS`` (and ``location_to_establish``): each
    section's first ids are chosen in a subquery (the order cannot come from an index, and
    joining every open complaint before sorting grew with the open complaints), and only
    those rows are joined with their names, each marked with the section conditions it
    meets (a complaint can be new and overdue at once). A section's condition must be one
    that holds for its complaints whoever reads it (the scope is the subqueries'). One
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
    # Which section a row is among the first of: the rows that meet a section's condition,
    # sorted as its subquery sorts them, first ``WORKLIST_PREVIEW`` (they are all here,
    # and any other row that meets it comes after them). Its condition, not its subquery
    # again: compiling the subqueries twice cost more than the rest of the query.
    rows = (
        Complaint.objects.filter(among_first)
        .order_by()
        .values(
            *PREVIEW_FIELDS,
            **{mark: ExpressionWrapper(sections[name][0], output_field=BooleanField()) for mark, name in marks.items()},
        )
    )
    previews: dict[str, list[dict]] = {name: [] for name in sections}
    for row in rows:
        # Complaint.location_to_establish: filed with "Mijn locatie staat er niet bij".
        row["location_to_establish"] = row["location_id"] is None and bool(row["location_text"])
        for mark, name in marks.items():
            if row[mark]:
                previews[name].append(row)
    for name, (_condition, order) in sections.items():
        # The subquery's order, in Python: safety first, then the order field (empty last,
        # as PostgreSQL sorts; open complaints always have both dates), then the id.
        previews[name].sort(
            key=lambda row, order=order: (
                not row["is_safety_concern"],
                row[order] is None,
                row[order] or 0,
                row["id"],
            )
        )
        del previews[name][WORKLIST_PREVIEW:]
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

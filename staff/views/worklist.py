"""The worklist: what waits for the coordinator (and for an operations manager or a
location manager, within their scope)."""

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from complaints.models import OPEN_STATUSES, Status
from complaints.selectors import complaint_visible_to
from staff.filters import DUE_OVERDUE, DUE_WEEK, due_q
from staff.permissions import complaint_reader_required
from staff.rows import complaint_rows
from staff.selectors import worklist_by_handler, worklist_by_region, worklist_counts, worklist_previews


@complaint_reader_required
@require_safe
def worklist_view(request: HttpRequest) -> HttpResponse:
    complaints = complaint_visible_to(request.user)
    now = timezone.now()
    counts = worklist_counts(complaints=complaints, now=now)
    sections = {
        "new": (Q(status=Status.NEW), "received_at"),
        "due_week": (due_q(DUE_WEEK, now=now), "due_at"),
        "overdue": (due_q(DUE_OVERDUE, now=now), "due_at"),
    }
    if counts.safety:
        # Safety concerns come first, in a section of their own (read only when there are any).
        sections["safety"] = (Q(status__in=OPEN_STATUSES, is_safety_concern=True), "due_at")
    # The first of every section in one query.
    previews = worklist_previews(complaints=complaints, sections=sections)
    safety = previews.get("safety", [])
    new, due_week, overdue = previews["new"], previews["due_week"], previews["overdue"]
    return render(
        request,
        "staff/worklist.html",
        {
            "counts": counts,
            "safety": safety,
            "new": new,
            "due_week": due_week,
            "overdue": overdue,
            # What the cards show, computed once (staff/rows.py).
            "safety_rows": complaint_rows(safety, now=now),
            "new_rows": complaint_rows(new, now=now),
            "due_week_rows": complaint_rows(due_week, now=now),
            "overdue_rows": complaint_rows(overdue, now=now),
            **_top(worklist_by_handler(complaints=complaints, now=now), "by_handler"),
            "by_region": worklist_by_region(complaints=complaints, now=now),
        },
    )


# The worklist shows the handlers with the most open complaints (with 750 locations,
# a row each cost most of the page); the rest are counted in one line linking to the list.
WORKLIST_GROUPS = 25


def _top(groups: list, name: str) -> dict:
    rest = groups[WORKLIST_GROUPS:]
    return {
        name: groups[:WORKLIST_GROUPS],
        f"{name}_rest": len(rest),
        f"{name}_rest_open": sum(group.open for group in rest),
        f"{name}_rest_overdue": sum(group.overdue for group in rest),
    }

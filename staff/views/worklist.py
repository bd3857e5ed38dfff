"""The worklist: what waits for the coordinator (and for an operations manager or a
location manager, within their scope)."""

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.capabilities import Capability, has_capability
from complaints.models import OPEN_STATUSES, Status
from complaints.selectors import complaint_visible_to
from staff.filters import DUE_OVERDUE, DUE_WEEK, due_q
from staff.permissions import complaint_reader_required
from staff.selectors import worklist_by_handler, worklist_by_region, worklist_counts, worklist_previews
from staff.worklist_html import groups_html, safety_html, sections_html, worklist_cards

# The worklist shows the handlers with the most open complaints (with 750 locations,
# a row each cost most of the page); the rest are counted in one line linking to the list.
WORKLIST_GROUPS = 25


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
    # The first of every section in one query, as rows of values.
    previews = worklist_previews(complaints=complaints, sections=sections)
    previews.setdefault("safety", [])
    cards = {name: worklist_cards(rows, now=now) for name, rows in previews.items()}
    # The largest handlers, sorted and cut in the database, and how many there are; the
    # open and overdue complaints of the others follow from the counts.
    by_handler, handlers = worklist_by_handler(complaints=complaints, now=now, limit=WORKLIST_GROUPS)
    rest = {
        "rest": handlers - len(by_handler),
        "rest_open": counts.open - sum(group.open for group in by_handler),
        "rest_overdue": counts.overdue - sum(group.overdue for group in by_handler),
    }
    by_region = worklist_by_region(complaints=complaints, now=now)
    totals = {"new": counts.new, "due_week": counts.due_week, "overdue": counts.overdue}
    return render(
        request,
        "staff/worklist.html",
        {
            "counts": counts,
            **previews,  # safety, new, due_week, overdue: the rows (dicts) of each section's first complaints
            # The cards and the group rows, built in Python (staff/worklist_html.py).
            "safety_html": safety_html(cards["safety"], total=counts.safety),
            "sections_html": sections_html(cards, totals, can_triage=has_capability(request.user, Capability.TRIAGE)),
            "by_handler": by_handler,
            **{f"by_handler_{key}": value for key, value in rest.items()},
            "by_handler_html": groups_html(by_handler, by_handler=True, **rest),
            "by_region": by_region,
            "by_region_html": groups_html(by_region, by_handler=False),
        },
    )

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.capabilities import Capability, has_capability
from accounts.models import Role
from complaints.models import OPEN_STATUSES, ReferenceCounter, Status
from complaints.search import search_highlights
from complaints.selectors import complaint_list, complaint_visible_to
from staff.filters import DUE_OVERDUE, DUE_WEEK, ComplaintFilter, due_q
from staff.pagination import CappedPaginator
from staff.permissions import complaint_reader_required
from staff.selectors import worklist_by_handler, worklist_by_region, worklist_counts, worklist_preview

PAGE_SIZE = 50
# Their landing page is the worklist; the other complaint readers land on their list.
WORKLIST_FIRST_ROLES = frozenset({Role.COORDINATOR, Role.OPERATIONS_MANAGER})


@login_required
@require_safe
def home_view(request: HttpRequest) -> HttpResponse:
    """Where a user lands after logging in: the page their role works from."""
    if has_capability(request.user, Capability.VIEW_COMPLAINTS):
        if request.user.role in WORKLIST_FIRST_ROLES:
            return redirect("staff:worklist")
        return redirect("staff:complaint_list")
    if has_capability(request.user, Capability.VIEW_REPORTS):
        return redirect("reporting:weekly_latest")
    if request.user.is_staff:
        return redirect("admin:index")
    raise PermissionDenied


@complaint_reader_required
@require_safe
def worklist_view(request: HttpRequest) -> HttpResponse:
    complaints = complaint_visible_to(request.user)
    now = timezone.now()
    counts = worklist_counts(complaints=complaints, now=now)
    # Safety concerns come first, in a section of their own (read only when there are any).
    safety_q = Q(status__in=OPEN_STATUSES, is_safety_concern=True)
    safety = worklist_preview(complaints=complaints, section=safety_q, order="due_at") if counts.safety else []
    return render(
        request,
        "staff/worklist.html",
        {
            "counts": counts,
            "safety": safety,
            "new": worklist_preview(complaints=complaints, section=Q(status=Status.NEW), order="received_at"),
            "due_week": worklist_preview(complaints=complaints, section=due_q(DUE_WEEK, now=now), order="due_at"),
            "overdue": worklist_preview(complaints=complaints, section=due_q(DUE_OVERDUE, now=now), order="due_at"),
            "by_handler": worklist_by_handler(complaints=complaints, now=now),
            "by_region": worklist_by_region(complaints=complaints, now=now),
        },
    )


@complaint_reader_required
@require_safe
def complaint_list_view(request: HttpRequest) -> HttpResponse:
    visible = complaint_list(user=request.user)
    # Years with references handed out: one tiny table, not a scan of every complaint.
    years = list(ReferenceCounter.objects.order_by("-year").values_list("year", flat=True))
    complaint_filter = ComplaintFilter(request.GET or None, visible=visible, years=years, user=request.user)
    if not complaint_filter.is_bound:
        complaints = visible
    elif complaint_filter.is_valid():
        complaints = complaint_filter.qs
    else:
        # A filter value that is not allowed shows its message and no list,
        # never an unfiltered one that looks filtered.
        complaints = visible.none()
    page = CappedPaginator(complaints, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    search_text = (
        complaint_filter.form.cleaned_data.get("zoek", "")
        if complaint_filter.is_bound and complaint_filter.is_valid()
        else ""
    )
    highlights = search_highlights([c.pk for c in page], search_text) if search_text else {}
    return render(
        request,
        "staff/complaint/list.html",
        {"filter": complaint_filter, "page": page, "query": query.urlencode(), "highlights": highlights},
    )

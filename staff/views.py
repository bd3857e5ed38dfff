from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from complaints.selectors import complaint_get, complaint_history, complaint_list
from staff.filters import ComplaintFilter
from staff.permissions import complaint_reader_required

PAGE_SIZE = 50


@complaint_reader_required
def complaint_list_view(request: HttpRequest) -> HttpResponse:
    visible = complaint_list(user=request.user)
    years = sorted(set(visible.values_list("year", flat=True).order_by().distinct()), reverse=True)
    complaint_filter = ComplaintFilter(request.GET or None, visible=visible, years=years)
    if not complaint_filter.is_bound:
        complaints = visible
    elif complaint_filter.is_valid():
        complaints = complaint_filter.qs
    else:
        # A filter value that is not allowed shows its message and no list,
        # never an unfiltered one that looks filtered.
        complaints = visible.none()
    page = Paginator(complaints, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "staff/complaint/list.html",
        {"filter": complaint_filter, "page": page, "query": query.urlencode()},
    )


@complaint_reader_required
def complaint_detail_view(request: HttpRequest, reference: str) -> HttpResponse:
    complaint = complaint_get(user=request.user, reference=reference)
    return render(
        request,
        "staff/complaint/detail.html",
        {"complaint": complaint, "events": complaint_history(complaint=complaint)},
    )

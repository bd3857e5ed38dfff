from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from accounts.capabilities import Capability, has_capability
from accounts.models import Role
from complaints.models import Complaint, ReferenceCounter
from complaints.search import search_highlights
from complaints.selectors import complaint_list
from staff.exports import csv_stream, xlsx_stream
from staff.filters import ASSIGNED_TO_ME, OPEN, ComplaintFilter
from staff.forms import BULK_ACTIONS, SavedFilterForm
from staff.models import SavedFilter
from staff.pagination import CappedPaginator
from staff.permissions import complaint_reader_required
from staff.rows import LIST_VALUES, list_rows, rows_html
from staff.services import SavedFilterError, saved_filter_delete, saved_filter_query, saved_filter_save
from staff.widgets import SEARCH_SUFFIX, filter_fields_html, options_html

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


def filtered_complaints(request: HttpRequest, data: QueryDict | None) -> tuple[ComplaintFilter, QuerySet[Complaint]]:
    """The list's filter bound to ``data`` and the complaints it selects, within
    the user's scope; the list, "Mijn klachten" and the exports share it."""
    visible = complaint_list(user=request.user)
    # Years with references handed out: one tiny table, not a scan of every complaint.
    years = list(ReferenceCounter.objects.order_by("-year").values_list("year", flat=True))
    complaint_filter = ComplaintFilter(data or None, visible=visible, years=years, user=request.user)
    if not complaint_filter.is_bound:
        return complaint_filter, visible
    if complaint_filter.is_valid():
        return complaint_filter, complaint_filter.qs
    # A filter value that is not allowed shows its message and no list,
    # never an unfiltered one that looks filtered.
    return complaint_filter, visible.none()


def render_list(request: HttpRequest, data: QueryDict, *, title: str, mine: bool = False) -> HttpResponse:
    complaint_filter, complaints = filtered_complaints(request, data)
    # The page is read as the values its rows show (page_complaints); each category's name
    # and year come from the filter's categories (read for its select anyway): two joins
    # fewer. With eight tables joined PostgreSQL spent far longer planning the page's query
    # than running it (60-120 ms against 1 ms at 100,000 complaints on a busy machine).
    page = CappedPaginator(complaints, PAGE_SIZE).get_page(request.GET.get("page"))
    query = data.copy()
    query.pop("page", None)
    search_text = (
        complaint_filter.form.cleaned_data.get("zoek", "")
        if complaint_filter.is_bound and complaint_filter.is_valid()
        else ""
    )
    complaints_shown = list(page_complaints(page.object_list))
    highlights = search_highlights([c["pk"] for c in complaints_shown], search_text) if search_text else {}
    page_range = (
        list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
        if page.has_other_pages()
        else []
    )
    current_sort = data.get("sort", "")
    query_string = query.urlencode()
    bulk_actions = BULK_ACTIONS if has_capability(request.user, Capability.TRIAGE) else []
    rows = list_rows(complaints_shown, highlights=highlights, categories=complaint_filter.category_names())
    page.object_list = [row.complaint for row in rows]  # what the page shows of each complaint
    return render(
        request,
        "staff/complaint/list.html",
        {
            "title": title,
            "mine": mine,
            "filter": complaint_filter,
            "filter_html": filter_fields_html(complaint_filter.form),
            "page": page,
            "page_range": page_range,
            "query": query_string,
            "highlights": highlights,
            "rows": rows,
            "rows_html": rows_html(rows, bulk=bool(bulk_actions), mine=mine, query=query_string),
            "columns": sort_columns(current_sort),
            "saved_filters": list(SavedFilter.objects.filter(user=request.user)),
            "saved_filter_form": SavedFilterForm(initial={"query": saved_filter_query(query_string)}),
            "bulk_actions": bulk_actions,
        },
    )


def page_complaints(page: QuerySet[Complaint]) -> QuerySet:
    """The complaints of one page (a slice of the filtered list) as the values the rows show
    (``staff.rows.LIST_VALUES``, read by ``list_rows``).

    The page's 50 ids are picked first, in a subquery, and only those rows are joined to
    their location, legal entity, handler and assignee: joined before the sort and limit,
    PostgreSQL joined every complaint a location manager sees (372 at 100,000 complaints,
    8-13 ms; ten times as many at 1,000,000). A search page too: it is ordered by its rank
    expression (complaints.search, written against the complaint table's own alias), which
    the subquery computes for the matches and the outer query for the page's 50 rows."""
    ordering = page.query.order_by or Complaint._meta.ordering
    ids = page.select_related(None).values("pk")
    return Complaint.objects.filter(pk__in=ids).order_by(*ordering).values(*LIST_VALUES)


@dataclass(frozen=True, slots=True)
class SortColumn:
    label: str
    key: str  # the ?sort= value ascending; "" for a column that does not sort
    direction: str = ""  # "ascending" / "descending" when the list is sorted by it

    @property
    def next_sort(self) -> str:
        """Clicking the header sorts ascending, or descending when it already is ascending."""
        return f"-{self.key}" if self.direction == "ascending" else self.key


COLUMNS = [
    (_("Kenmerk"), "reference"),
    (_("Ontvangen"), "received_at"),
    (_("Locatie"), ""),
    (_("Categorie"), ""),
    (_("Status"), "status"),
    (_("Behandelaar"), ""),
    (_("Toegewezen aan"), ""),
    (_("Gegrond"), ""),
    (_("Uiterste datum"), "due_at"),
    (_("Termijn"), ""),
]


def sort_columns(current: str) -> list[SortColumn]:
    columns = []
    for label, key in COLUMNS:
        direction = ""
        if key and current == key:
            direction = "ascending"
        elif key and current == f"-{key}":
            direction = "descending"
        columns.append(SortColumn(label=str(label), key=key, direction=direction))
    return columns


@complaint_reader_required
@require_safe
def filter_options_view(request: HttpRequest) -> HttpResponse:
    """The options of the list filter's location or handler select, found by the words
    typed in its search field (htmx), within the user's scope."""
    field = request.GET.get("field", "")
    if field not in ("location", "handler"):
        field = "location"
    complaint_filter = ComplaintFilter(None, visible=Complaint.objects.none(), years=[], user=request.user)
    find = complaint_filter.find_locations if field == "location" else complaint_filter.find_handlers
    query = " ".join(request.GET.get(field + SEARCH_SUFFIX, request.GET.get("q", "")).split())[:100]
    selected = request.GET.get(field, "")
    options, more = find(query, selected)
    empty_label = gettext("Alle locaties") if field == "location" else gettext("Alle behandelaars")
    return HttpResponse(options_html(options, selected=selected, more=more, empty_label=empty_label))


@complaint_reader_required
@require_safe
def complaint_list_view(request: HttpRequest) -> HttpResponse:
    return render_list(request, request.GET, title=gettext("Klachten"))


@complaint_reader_required
@require_safe
def my_complaints_view(request: HttpRequest) -> HttpResponse:
    """What is assigned to me: the list with that filter set (open ones unless another status is chosen)."""
    data = request.GET.copy()
    data["assignee"] = ASSIGNED_TO_ME
    if "status" not in data:
        data["status"] = OPEN
    return render_list(request, data, title=gettext("Mijn klachten"), mine=True)


EXPORT_TYPES = {
    "csv": ("text/csv; charset=utf-8", csv_stream),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx_stream),
}


@complaint_reader_required
@require_safe
def complaint_export_view(request: HttpRequest, extension: str) -> HttpResponse:
    """The current filtered list as CSV or XLSX, scoped exactly like the list."""
    content_type, stream = EXPORT_TYPES[extension]
    complaint_filter, complaints = filtered_complaints(request, request.GET)
    if complaint_filter.is_bound and not complaint_filter.is_valid():
        messages.error(request, gettext("Dit filter klopt niet; pas het aan en exporteer opnieuw."))
        return redirect(f"{reverse('staff:complaint_list')}?{request.GET.urlencode()}")
    response = StreamingHttpResponse(stream(complaints), content_type=content_type)
    stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="klachten-{stamp}.{extension}"'
    response["Cache-Control"] = "no-store"
    return response


@complaint_reader_required
@require_POST
def saved_filter_save_view(request: HttpRequest) -> HttpResponse:
    form = SavedFilterForm(request.POST)
    query = request.POST.get("query", "")
    if form.is_valid():
        try:
            saved = saved_filter_save(user=request.user, name=form.cleaned_data["name"], query=query)
        except SavedFilterError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, gettext("Filter “%(name)s” is bewaard.") % {"name": saved.name})
            return redirect(f"{reverse('staff:complaint_list')}?{saved.query}")
    else:
        messages.error(request, gettext("Geef het filter een naam van hoogstens 80 tekens."))
    return redirect(f"{reverse('staff:complaint_list')}?{saved_filter_query(query)}")


@complaint_reader_required
@require_POST
def saved_filter_delete_view(request: HttpRequest, saved_filter_id: int) -> HttpResponse:
    if saved_filter_delete(user=request.user, saved_filter_id=saved_filter_id):
        messages.success(request, gettext("Het filter is verwijderd."))
    else:
        messages.error(request, gettext("Dat filter bestaat niet (meer)."))
    return redirect("staff:complaint_list")

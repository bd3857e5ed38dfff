"""The management dashboard pages: the web page (charts as inline SVG, readable
without JavaScript) and the same as PDF. For the roles that read reports
(coordinator, management); drill-down links into the complaint list only for
those who may read complaints."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from accounts.capabilities import Capability, capability_required, has_capability
from complaints.deadlines import local_zone
from complaints.forms import bootstrap_classes
from complaints.models import ReferenceCounter
from complaints.selectors import can_read_complaints
from organisation.models import Region
from reporting.dashboard import Dashboard, dashboard
from reporting.dashboard_charts import dashboard_charts

report_reader_required = capability_required(Capability.VIEW_REPORTS)


class DashboardFilterForm(forms.Form):
    jaar = forms.TypedChoiceField(label=_("Jaar"), coerce=int, required=False)
    regio = forms.ModelChoiceField(
        label=_("Regio"), queryset=Region.objects.order_by("name"), required=False, empty_label=_("Alle regio's")
    )

    def __init__(self, *args, current_year: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        years = set(ReferenceCounter.objects.values_list("year", flat=True)) | {current_year}
        self.fields["jaar"].choices = [(year, str(year)) for year in sorted(years, reverse=True)]
        bootstrap_classes(self.fields, size="sm")


def _board(request: HttpRequest) -> tuple[DashboardFilterForm, Dashboard]:
    current_year = timezone.localtime(timezone.now(), local_zone()).year
    form = DashboardFilterForm(request.GET or None, current_year=current_year)
    year, region = current_year, None
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["jaar"] or current_year
        region = form.cleaned_data["regio"]
    return form, dashboard(year=year, region=region)


def _query(board: Dashboard, **extra: str) -> str:
    """The complaint list's querystring for one figure of the dashboard."""
    params = {"year": str(board.year)}
    if board.region is not None:
        params["region"] = str(board.region.pk)
    params.update({key: value for key, value in extra.items() if value})
    return "?" + urlencode(params)


@require_GET
@report_reader_required
def dashboard_view(request: HttpRequest) -> HttpResponse:
    form, board = _board(request)
    drill = can_read_complaints(request.user)
    region_query = {"region": str(board.region.pk)} if board.region is not None else {}
    return render(
        request,
        "reporting/dashboard/page.html",
        {
            "form": form,
            "board": board,
            "charts": dashboard_charts(board),
            "drill": drill,
            # A pattern in a category can become an improvement action (the coordinator's screens).
            "improve_from_pattern": has_capability(request.user, Capability.MANAGE_IMPROVEMENTS),
            "year_query": _query(board),
            "open_query": "?" + urlencode({"status": "open", **region_query}),
            "overdue_query": "?" + urlencode({"due": "overdue", **region_query}),
            "pdf_query": request.GET.urlencode(),
        },
    )


@require_GET
@report_reader_required
def dashboard_pdf_view(request: HttpRequest) -> HttpResponse:
    from weasyprint import HTML  # heavy import: only when a PDF is made

    with translation.override("nl"):  # a Dutch document, whatever the reader's language (its labels too)
        _form, board = _board(request)
        html = render_to_string(
            "reporting/dashboard/pdf.html", {"board": board, "charts": dashboard_charts(board), "drill": False}
        )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    suffix = f"-{board.region.pk}" if board.region is not None else ""
    response["Content-Disposition"] = f'inline; filename="dashboard-klachten-{board.year}{suffix}.pdf"'
    return response

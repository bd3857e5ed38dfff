"""The weekly management report in the back office: for the coordinator and
management only (it holds no complainant data, so management may read it)."""

from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from accounts.capabilities import Capability, capability_required
from complaints.selectors import can_read_complaints
from reporting.charts import weekly_report_chart
from reporting.pdf import weekly_report_pdf
from reporting.weekly import last_complete_week_start, week_start_of, weekly_report

weekly_report_reader_required = capability_required(Capability.VIEW_REPORTS)


def _week_or_404(year: int, week: int) -> date:
    """Only complete weeks: a week still running has no end to report on."""
    try:
        week_start = week_start_of(year, week)
    except ValueError:
        raise Http404("Deze week bestaat niet") from None
    if week_start > last_complete_week_start():
        raise Http404("Deze week is nog niet voorbij")
    return week_start


def _week_args(week_start: date) -> list[int]:
    year, week, _weekday = week_start.isocalendar()
    return [year, week]


@require_GET
@weekly_report_reader_required
def weekly_report_latest_view(request: HttpRequest) -> HttpResponse:
    return redirect("reporting:weekly", *_week_args(last_complete_week_start()))


@require_GET
@weekly_report_reader_required
def weekly_report_view(request: HttpRequest, year: int, week: int) -> HttpResponse:
    report = weekly_report(week_start=_week_or_404(year, week))
    has_next = report.next_week_start <= last_complete_week_start()
    return render(
        request,
        "reporting/weekly/page.html",
        {
            "report": report,
            "chart_svg": weekly_report_chart(report),
            "previous_week": _week_args(report.previous_week_start),
            "next_week": _week_args(report.next_week_start) if has_next else None,
            # Only the coordinator can open a complaint; management sees references only.
            "link_complaints": can_read_complaints(request.user),
        },
    )


@require_GET
@weekly_report_reader_required
def weekly_report_pdf_view(request: HttpRequest, year: int, week: int) -> HttpResponse:
    report = weekly_report(week_start=_week_or_404(year, week))
    response = HttpResponse(weekly_report_pdf(report=report), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="weekrapportage-klachten-{report.iso_week}.pdf"'
    return response

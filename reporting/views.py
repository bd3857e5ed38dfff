"""The weekly management report in the back office: for the coordinator and
management only (it holds no complainant data, so management may read it)."""

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.capabilities import Capability, capability_required, has_capability
from complaints.selectors import can_read_complaints
from reporting.charts import weekly_report_chart
from reporting.pdf import weekly_report_pdf
from reporting.weekly import current_week_start, last_complete_week_start, parse_iso_week, week_start_of, weekly_report

weekly_report_reader_required = capability_required(Capability.VIEW_REPORTS)


def _week_or_404(year: int, week: int) -> date:
    """Complete weeks and the week still running (its figures so far); no future week."""
    try:
        week_start = week_start_of(year, week)
    except ValueError:
        raise Http404("Deze week bestaat niet") from None
    if week_start > current_week_start():
        raise Http404("Deze week is nog niet begonnen")
    return week_start


def _week_args(week_start: date) -> list[int]:
    year, week, _weekday = week_start.isocalendar()
    return [year, week]


@require_GET
@weekly_report_reader_required
def weekly_report_latest_view(request: HttpRequest) -> HttpResponse:
    """The last complete week; with ``?week=2026-W47`` (the week picker) that week."""
    if picked := request.GET.get("week", "").strip():
        try:
            week_start = parse_iso_week(picked[:20])
        except ValueError:
            messages.error(request, _("Kies een week, bijvoorbeeld 2026-W47."))
        else:
            if week_start <= current_week_start():
                return redirect("reporting:weekly", *_week_args(week_start))
            messages.error(request, _("Die week is nog niet begonnen."))
    return redirect("reporting:weekly", *_week_args(last_complete_week_start()))


@require_GET
@weekly_report_reader_required
def weekly_report_view(request: HttpRequest, year: int, week: int) -> HttpResponse:
    report = weekly_report(week_start=_week_or_404(year, week))
    has_next = report.next_week_start <= current_week_start()
    return render(
        request,
        "reporting/weekly/page.html",
        {
            "report": report,
            "chart_svg": weekly_report_chart(report),
            "previous_week": _week_args(report.previous_week_start),
            "next_week": _week_args(report.next_week_start) if has_next else None,
            "current_week": _week_args(current_week_start()),
            # Only the coordinator can open a complaint; management sees references only.
            "link_complaints": can_read_complaints(request.user),
            # A signal can become an improvement action (the coordinator's screens).
            "improve_from_pattern": has_capability(request.user, Capability.MANAGE_IMPROVEMENTS),
        },
    )


@require_GET
@weekly_report_reader_required
def weekly_report_pdf_view(request: HttpRequest, year: int, week: int) -> HttpResponse:
    week_start = _week_or_404(year, week)
    with translation.override("nl"):  # a Dutch document, whatever the reader's language (its labels too)
        report = weekly_report(week_start=week_start)
        pdf = weekly_report_pdf(report=report)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="weekrapportage-klachten-{report.iso_week}.pdf"'
    return response

"""The weekly report as an A4 PDF (WeasyPrint), from the same template parts as the web page."""

from django.template.loader import render_to_string
from django.utils import translation

from reporting.charts import weekly_report_chart
from reporting.weekly import WeeklyReport


def weekly_report_pdf(*, report: WeeklyReport) -> bytes:
    from weasyprint import HTML  # heavy import: only when a PDF is made

    with translation.override("nl"):
        html = render_to_string(
            "reporting/weekly/pdf.html", {"report": report, "chart_svg": weekly_report_chart(report)}
        )
    return HTML(string=html).write_pdf()

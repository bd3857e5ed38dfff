from django.template.loader import render_to_string
from django.utils import translation

from annualreport.builder import AnnualReportDocument


def document_html(doc: AnnualReportDocument, *, medium: str, appendix_sheets: bool = False) -> str:
    """The whole report as one standalone HTML page (``medium`` "file" or "pdf"). With
    ``appendix_sheets`` appendix 1's table is left out for empty sheets that the PDF exporter
    draws it on (``annualreport.exporters.pdf``)."""
    with translation.override("nl"):
        return render_to_string(
            "annualreport/document.html", {"doc": doc, "medium": medium, "appendix_sheets": appendix_sheets}
        )


def document_html_file(doc: AnnualReportDocument) -> bytes:
    return document_html(doc, medium="file").encode("utf-8")

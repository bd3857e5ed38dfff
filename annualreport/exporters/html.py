from django.template.loader import render_to_string
from django.utils import translation

from annualreport.builder import AnnualReportDocument


def document_html(doc: AnnualReportDocument, *, medium: str) -> str:
    """The whole report as one standalone HTML page (``medium`` "file" or "pdf")."""
    with translation.override("nl"):
        return render_to_string("annualreport/document.html", {"doc": doc, "medium": medium})


def document_html_file(doc: AnnualReportDocument) -> bytes:
    return document_html(doc, medium="file").encode("utf-8")

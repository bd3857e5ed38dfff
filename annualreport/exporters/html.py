from django.template.loader import render_to_string
from django.utils import translation

from annualreport.builder import AnnualReportDocument

CONCEPT_MARK = "CONCEPT – niet voor publicatie"  # top right on every page of a concept PDF


def document_html(doc: AnnualReportDocument, *, medium: str, appendix_sheets: bool = False) -> str:
    """The whole report as one standalone HTML page (``medium`` "file" or "pdf"). With
    ``appendix_sheets`` appendix 1's table and the running footers are left out: the PDF exporter
    draws them (``annualreport.exporters.pdf``)."""
    with translation.override("nl"):
        return render_to_string(
            "annualreport/document.html",
            {"doc": doc, "medium": medium, "appendix_sheets": appendix_sheets, "concept_mark": CONCEPT_MARK},
        )


def document_html_file(doc: AnnualReportDocument) -> bytes:
    return document_html(doc, medium="file").encode("utf-8")

"""The report as an A4 PDF (WeasyPrint): running page numbers, contents with
the real page numbers (``target-counter``), appendix 1 on landscape pages with
its header row repeated on every page, the chart as vector graphics."""

import logging

from annualreport.builder import AnnualReportDocument
from annualreport.exporters.html import document_html

# WeasyPrint logs a line per page laid out at INFO; a 140-page report would flood the log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def document_pdf(doc: AnnualReportDocument) -> bytes:
    from weasyprint import HTML  # heavy import: only when a PDF is made

    return HTML(string=document_html(doc, medium="pdf")).write_pdf()

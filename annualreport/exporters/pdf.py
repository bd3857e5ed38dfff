"""The report as an A4 PDF (WeasyPrint): running page numbers, contents with
the real page numbers (``target-counter``), appendix 1 on landscape pages with
its header row repeated on every page, the chart as vector graphics.

Appendix 1 is drawn by ``appendix_pdf`` (Pango and cairo, a fraction of a second for the seed
year's 115 pages where WeasyPrint took 15-20 s): WeasyPrint lays out the report with one empty
landscape sheet per page of the table, and the table's pages are drawn onto those sheets. Without
cairo (``appendix_pdf.available()``) the table is WeasyPrint's HTML table, as before."""

import logging
import re

from annualreport.builder import AnnualReportDocument, AppendixPart
from annualreport.exporters import appendix_pdf
from annualreport.exporters.html import document_html

# WeasyPrint logs a line per page laid out at INFO; a 140-page report would flood the log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

SHEETS_MARKER = "<!--ar-appendix-sheets-->"
FIRST_SHEET = "ar-sheet-0"
CSS_PX = 0.75  # points per CSS pixel


def document_pdf(doc: AnnualReportDocument) -> bytes:
    from weasyprint import HTML  # heavy import: only when a PDF is made

    if not (_has_appendix_table(doc) and appendix_pdf.available()):
        return HTML(string=document_html(doc, medium="pdf")).write_pdf()
    html = document_html(doc, medium="pdf", appendix_sheets=True)
    top = _first_sheet_top(html)
    table, pages = appendix_pdf.appendix_pages(
        caption=f"Klachtenoverzicht {doc.year}: {doc.appendix_count} klacht{'en' if doc.appendix_count != 1 else ''}",
        headers=doc.columns,
        rows=((row.cells(), row.reviewed) for row in doc.iterate_rows()),
        first_top=top,
    )
    more = "".join(f'<div class="ar-sheet" id="ar-sheet-{number}"></div>' for number in range(1, pages))
    html = html.replace(SHEETS_MARKER, more, 1)
    if top is None:  # the table starts on the page after the introduction
        html = html.replace('<div class="ar-sheet-first"', '<div class="ar-sheet"', 1)
    document = HTML(string=html).render()
    sheets = _sheet_pages(document, pages)
    return appendix_pdf.overlay(document.write_pdf(), sheets, table)


def _has_appendix_table(doc: AnnualReportDocument) -> bool:
    return any(isinstance(part, AppendixPart) for entry in doc.entries for part in entry.parts)


def _first_sheet_top(html: str) -> float | None:
    """Where the table starts on the appendix's first page (points from the top), below the heading
    and the introduction, from a WeasyPrint layout of that page alone; None when the introduction
    fills the page (the table then starts on the next one)."""
    from weasyprint import HTML

    head = html[: html.index("<body>") + len("<body>")]
    start = html.index('<section class="ar-entry ar-level-1 ar-appendix ar-appendix-complaints')
    end = html.index(SHEETS_MARKER, start)
    document = HTML(string=f"{head}{html[start:end]}</section></body></html>").render()
    first = document.pages[0].anchors.get(FIRST_SHEET)
    if first is None:
        return None
    top = first[1] * CSS_PX
    # Room for the caption, the header row and a few lines; otherwise the table starts on a new page.
    return top if top < appendix_pdf.CONTENT_BOTTOM - 40 * appendix_pdf.MM else None


def _sheet_pages(document, count: int) -> list[int]:
    """The 0-based page index of each sheet, checked to be one per page, in order."""
    where = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            if match := re.fullmatch(r"ar-sheet-(\d+)", anchor):
                where[int(match[1])] = index
    sheets = [where[number] for number in range(count)]
    if any(later != earlier + 1 for earlier, later in zip(sheets, sheets[1:], strict=False)):
        raise RuntimeError("the sheets of appendix 1 are not on consecutive pages")
    return sheets

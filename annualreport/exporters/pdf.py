"""The report as an A4 PDF (WeasyPrint): running page numbers, contents with
the real page numbers (``target-counter``), appendix 1 on landscape pages with
its header row repeated on every page, the chart as vector graphics.

Appendix 1 is drawn by ``appendix_pdf`` (Pango and cairo: a second or so for the seed year's 115
pages, where WeasyPrint's own layout took 15-20 s of CPU). WeasyPrint lays out the rest of the report
with the table's first page as an empty sheet below the appendix's introduction, and counts the
table's other pages on the page after the appendix, so the contents give the right page numbers.
The table's pages are then drawn on that sheet and on pages inserted after it, and the running
footers (title, "Pagina n van N", the concept mark) on every page. Without cairo
(``appendix_pdf.available()``) or without appendix 1 in the document, WeasyPrint does it all."""

import logging

from annualreport.builder import AnnualReportDocument, AppendixPart
from annualreport.exporters import appendix_pdf
from annualreport.exporters.html import CONCEPT_MARK, document_html

# WeasyPrint logs a line per page laid out at INFO; a 140-page report would flood the log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

AFTER_APPENDIX_MARKER = "/*ar-after-appendix*/"
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
    # The page after the appendix is numbered as if the table's pages were all there.
    html = html.replace(
        AFTER_APPENDIX_MARKER, f"@page :nth(1 of after-appendix) {{ counter-increment: page {pages}; }}"
    )
    if top is None:  # the introduction fills its page: the table starts on the next one
        html = html.replace('<div class="ar-sheet-first"', '<div class="ar-sheet"', 1)
    document = HTML(string=html).render()
    sheet = _sheet_page(document)
    sizes = [(page.width * CSS_PX, page.height * CSS_PX) for page in document.pages]
    sizes[sheet + 1 : sheet + 1] = [sizes[sheet]] * (pages - 1)
    footers = appendix_pdf.running_footers(sizes, title=doc.title, concept=CONCEPT_MARK if doc.is_concept else None)
    return appendix_pdf.assemble(document.write_pdf(), sheet=sheet, table_pdf=table, footers_pdf=footers)


def _has_appendix_table(doc: AnnualReportDocument) -> bool:
    return any(isinstance(part, AppendixPart) for entry in doc.entries for part in entry.parts)


def _first_sheet_top(html: str) -> float | None:
    """Where the table starts on the appendix's first page (points from the top), below the heading
    and the introduction, from a WeasyPrint layout of that page alone; None when the introduction
    leaves too little room (the table then starts on the next page)."""
    from weasyprint import HTML

    head = html[: html.index("<body>") + len("<body>")]
    start = html.index('<section class="ar-entry ar-level-1 ar-appendix ar-appendix-complaints')
    end = html.index(f'id="{FIRST_SHEET}"', start)
    document = HTML(string=f'{head}{html[start:end]}id="{FIRST_SHEET}"></div></section></body></html>').render()
    first = document.pages[0].anchors.get(FIRST_SHEET)
    if first is None:
        return None
    top = first[1] * CSS_PX
    # Room for the caption, the header row and a few rows; otherwise the table starts on a new page.
    return top if top < appendix_pdf.CONTENT_BOTTOM - 40 * appendix_pdf.MM else None


def _sheet_page(document) -> int:
    """The 0-based index of the page the table's first page is drawn on."""
    for index, page in enumerate(document.pages):
        if FIRST_SHEET in page.anchors:
            return index
    raise RuntimeError("appendix 1 has no sheet in the laid-out document")

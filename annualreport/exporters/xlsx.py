"""Appendix 1 as a spreadsheet (openpyxl): one row per complaint, the header
row frozen and filterable, readable column widths."""

import io

from django.utils import dateformat, translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from annualreport.builder import AnnualReportDocument
from annualreport.exporters.text import clean
from complaints.spreadsheets import text_row

# Characters wide, in APPENDIX_COLUMNS order.
COLUMN_WIDTHS = (13, 34, 17, 30, 80, 80, 14)
WRAPPED_COLUMNS = {1, 3, 4, 5}  # 0-based: location, category, description, solution
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")


def appendix_xlsx(doc: AnnualReportDocument) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Bijlage 1" + (" (concept)" if doc.is_concept else "")
    sheet.append(text_row(sheet, doc.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="top")
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for row in doc.iterate_rows():
        sheet.append(text_row(sheet, [clean(text) for text in row.cells()]))
        for index, cell in enumerate(sheet[sheet.max_row]):
            cell.alignment = wrap if index in WRAPPED_COLUMNS else top
    for index, width in enumerate(COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if doc.is_concept:
        sheet.oddHeader.center.text = "CONCEPT – niet voor publicatie"
    sheet.oddFooter.right.text = "Pagina &P van &N"
    _about(workbook, doc)
    workbook.properties.title = f"{doc.title} {doc.year} – bijlage 1"
    workbook.properties.creator = doc.report.author
    workbook.properties.keywords = "concept" if doc.is_concept else "definitief"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _about(workbook: Workbook, doc: AnnualReportDocument) -> None:
    sheet = workbook.create_sheet("Toelichting")
    with translation.override("nl"):
        generated = dateformat.format(doc.generated_on, "j F Y")
    rows = [
        ("Verslag", f"{doc.title} {doc.year}" if doc.variant == "full" else doc.title),
        ("Status", "concept – niet voor publicatie" if doc.is_concept else "definitief"),
        ("Aangemaakt op", generated),
        ("Aantal klachten", doc.appendix_count),
        ("Omschrijving", "de geanonimiseerde publicatietekst van elke klacht, niet de oorspronkelijke omschrijving"),
    ]
    rows += [("Open punt", clean(problem)) for problem in doc.problems]
    for row in rows:
        sheet.append(text_row(sheet, row))
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 100

"""The report as an editable Word file (python-docx): real headings (Heading
1–3), real tables with a repeating header row, a table-of-contents field that
Word fills with page numbers, appendix 1 on landscape pages."""

import io

from django.utils import dateformat, translation
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph as DocxParagraph

from annualreport import prose
from annualreport.builder import (
    AnnualReportDocument,
    AppendixPart,
    CasesPart,
    ChartPart,
    Entry,
    NotePart,
    Part,
    ProsePart,
    TablePart,
)
from annualreport.exporters.text import clean
from annualreport.outline import APPENDIX_COMPLAINTS

CONCEPT_TEXT = "CONCEPT – niet voor publicatie"
RED = RGBColor(0xB0, 0x2A, 0x37)
# Widths of appendix 1's columns on a landscape A4 page (mm), in APPENDIX_COLUMNS order.
APPENDIX_WIDTHS_MM = (21, 36, 22, 28, 79, 79, 15)
APPENDIX_STYLE = "Bijlagetabel"


def document_docx(doc: AnnualReportDocument) -> bytes:
    document = Document()
    _setup(document, doc)
    _cover(document, doc)
    _colophon(document, doc)
    _contents(document, doc)
    for entry in doc.entries:
        _entry(document, doc, entry)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _setup(document: DocxDocument, doc: AnnualReportDocument) -> None:
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(10)
    small = document.styles.add_style(APPENDIX_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = document.styles["Normal"]
    small.font.size = Pt(7.5)
    small.paragraph_format.space_after = Pt(0)
    properties = document.core_properties
    properties.title = f"{doc.title} {doc.year}"
    properties.author = doc.report.author
    properties.language = "nl-NL"
    properties.subject = doc.subtitle
    properties.keywords = "concept" if doc.is_concept else "definitief"
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(20)
    if doc.is_concept:
        header = section.header.paragraphs[0]
        run = header.add_run(CONCEPT_TEXT)
        run.bold, run.font.color.rgb = True, RED
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Pagina ")
    _simple_field(footer, "PAGE")
    footer.add_run(" van ")
    _simple_field(footer, "NUMPAGES")
    # Word asks to update the fields on opening, which fills in the contents' page numbers.
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    document.settings.element.append(update)


def _simple_field(paragraph: DocxParagraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _field_end(paragraph: DocxParagraph) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(char)


def _cover(document: DocxDocument, doc: AnnualReportDocument) -> None:
    document.add_paragraph(clean(doc.title), style="Title")
    document.add_paragraph(clean(doc.subtitle), style="Subtitle")
    for line in doc.register_lines:
        document.add_paragraph(clean(line))
    if doc.is_concept:
        run = document.add_paragraph().add_run(CONCEPT_TEXT)
        run.bold, run.font.color.rgb = True, RED


def _colophon(document: DocxDocument, doc: AnnualReportDocument) -> None:
    title = document.add_paragraph()
    title.paragraph_format.page_break_before = True
    title.add_run("Colofon").bold = True
    with translation.override("nl"):
        date_text = dateformat.format(doc.colophon_date, "j F Y")
    version = doc.report.version + (" (concept)" if doc.is_concept else "")
    for label, value in (("versie", version), ("auteur", doc.report.author), ("datum", date_text)):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.add_run(f"{label}\t").bold = True
        paragraph.add_run(clean(value))
    document.add_paragraph()
    _prose(document, doc.colophon)


def _contents(document: DocxDocument, doc: AnnualReportDocument) -> None:
    title = document.add_paragraph()
    title.paragraph_format.page_break_before = True
    title.add_run("Inhoud").bold = True
    # A TOC field whose current result lists the headings, so the contents read
    # well before Word has updated the field (and added the page numbers).
    paragraphs = [document.add_paragraph(clean(entry.heading)) for entry in doc.entries] or [document.add_paragraph()]
    first, last = paragraphs[0], paragraphs[-1]
    begin = first.runs[0]._r if first.runs else first.add_run()._r
    for kind, text in (("begin", None), ("instr", 'TOC \\o "1-3" \\h \\z \\u'), ("separate", None)):
        run = OxmlElement("w:r")
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            if kind == "begin":
                char.set(qn("w:dirty"), "true")
            run.append(char)
        begin.addprevious(run)
    _field_end(last)


def _entry(document: DocxDocument, doc: AnnualReportDocument, entry: Entry) -> None:
    is_appendix_1 = entry.key == APPENDIX_COMPLAINTS and any(isinstance(p, AppendixPart) for p in entry.parts)
    if is_appendix_1:
        _new_section(document, landscape=True)
    heading = document.add_heading(clean(entry.heading), level=entry.level)
    if entry.level == 1 and not is_appendix_1:
        heading.paragraph_format.page_break_before = True
    for part in entry.parts:
        _part(document, doc, part)
    if is_appendix_1:
        _new_section(document, landscape=False)


def _new_section(document: DocxDocument, *, landscape: bool) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    short, long = Mm(210), Mm(297)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    margin = Mm(12) if landscape else Mm(20)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = margin


def _part(document: DocxDocument, doc: AnnualReportDocument, part: Part) -> None:
    if isinstance(part, ProsePart):
        _prose(document, part)
    elif isinstance(part, TablePart):
        _table(document, part)
    elif isinstance(part, ChartPart):
        document.add_picture(io.BytesIO(part.png()), width=Mm(160))
        document.add_paragraph(clean(part.title), style="Caption")
    elif isinstance(part, NotePart):
        paragraph = document.add_paragraph()
        if part.label:
            paragraph.add_run(f"{part.label}: ").bold = True
        paragraph.add_run(clean(part.text))
    elif isinstance(part, AppendixPart):
        _appendix(document, doc)
    elif isinstance(part, CasesPart):
        for case in part.cases:
            title = document.add_paragraph()
            title.paragraph_format.keep_with_next = True
            title.add_run(f"Zaaknummer {case.case_number}").bold = True
            title.add_run(f" – {case.outcome}")
            for text in (case.ruling, f"{case.amount_label}: {case.amount}" if case.amount else ""):
                if text:
                    document.add_paragraph(clean(text))
            if case.lesson:
                paragraph = document.add_paragraph()
                paragraph.add_run("Geleerde les: ").bold = True
                paragraph.add_run(clean(case.lesson))


def _runs(paragraph: DocxParagraph, line: prose.Line) -> None:
    for run in line:
        paragraph.add_run(clean(run.text)).bold = run.bold or None


def _prose(document: DocxDocument, part: ProsePart) -> None:
    for block in part.blocks:
        if isinstance(block, prose.Paragraph):
            paragraph = document.add_paragraph()
            for index, line in enumerate(block.lines):
                if index:
                    paragraph.add_run().add_break()
                _runs(paragraph, line)
        elif isinstance(block, prose.BulletList):
            for item in block.items:
                _runs(document.add_paragraph(style="List Bullet"), item)


def _repeat_header(table: Table) -> None:
    properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _table(document: DocxDocument, part: TablePart) -> None:
    if part.caption:
        caption = document.add_paragraph(clean(part.caption), style="Caption")
        caption.paragraph_format.keep_with_next = True
    rows = [*part.rows, *([part.total] if part.total else [])]
    table = document.add_table(rows=1 + len(rows), cols=len(part.headers))
    table.style = "Table Grid"
    for index, text in enumerate(part.headers):
        cell = table.rows[0].cells[index]
        cell.text = ""
        cell.paragraphs[0].add_run(clean(text)).bold = True
        if part.is_numeric(index):
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row_index, row in enumerate(rows, start=1):
        cells = table.rows[row_index].cells
        is_total = part.total is not None and row_index == len(rows)
        for index, text in enumerate(row):
            paragraph = cells[index].paragraphs[0]
            paragraph.add_run(clean(text)).bold = is_total or None
            if part.is_numeric(index):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _repeat_header(table)
    document.add_paragraph()


def _appendix(document: DocxDocument, doc: AnnualReportDocument) -> None:
    table = document.add_table(rows=1, cols=len(doc.columns))
    table.style = "Table Grid"
    table.autofit = False
    for grid_column, width in zip(table._tbl.tblGrid.gridCol_lst, APPENDIX_WIDTHS_MM, strict=True):
        grid_column.w = Mm(width)
    for index, (cell, text) in enumerate(zip(table.rows[0].cells, doc.columns, strict=True)):
        cell.width = Mm(APPENDIX_WIDTHS_MM[index])
        paragraph = cell.paragraphs[0]
        paragraph.style = APPENDIX_STYLE
        paragraph.add_run(text).bold = True
    _repeat_header(table)
    # Setting a style by name looks it up among all styles each time (most of the
    # file's build time for 500 rows); the id is looked up once and set directly.
    style_id = document.styles[APPENDIX_STYLE].style_id
    for row in doc.iterate_rows():
        for cell, text in zip(table.add_row().cells, row.cells(), strict=True):
            paragraph = cell.paragraphs[0]
            paragraph._p.style = style_id
            paragraph.add_run(clean(text))

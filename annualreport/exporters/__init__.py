"""Writers of an AnnualReportDocument: one function per format."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import translation

from annualreport.builder import AnnualReportDocument


@dataclass(frozen=True, slots=True)
class Export:
    content: bytes
    filename: str
    content_type: str


@dataclass(frozen=True, slots=True)
class Format:
    extension: str
    content_type: str
    label: str
    write: Callable[[AnnualReportDocument], bytes]


def _formats() -> dict[str, Format]:
    from annualreport.exporters.docx import document_docx
    from annualreport.exporters.html import document_html_file
    from annualreport.exporters.pdf import document_pdf
    from annualreport.exporters.xlsx import appendix_xlsx

    return {
        "pdf": Format("pdf", "application/pdf", "PDF", document_pdf),
        "docx": Format(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Word",
            document_docx,
        ),
        "xlsx": Format(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "Excel (bijlage 1)",
            appendix_xlsx,
        ),
        "html": Format("html", "text/html; charset=utf-8", "HTML", document_html_file),
    }


FORMAT_NAMES = ("pdf", "docx", "xlsx", "html")


def export(doc: AnnualReportDocument, format_name: str) -> Export:
    if format_name not in FORMAT_NAMES:
        raise ValueError(f"Onbekend formaat {format_name!r}: kies uit {', '.join(FORMAT_NAMES)}.")
    fmt = _formats()[format_name]
    # The annual report and the GGD reports are Dutch documents, whoever makes them in whatever
    # language: the labels the document computes while it is written (outcomes, care types) too.
    with translation.override("nl"):
        return Export(content=fmt.write(doc), filename=doc.filename(fmt.extension), content_type=fmt.content_type)

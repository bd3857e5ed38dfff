"""The complaint list as a spreadsheet (XLSX) or CSV: the rows of the list as it
is filtered and scoped, streamed, every text kept as text (never a formula).
A document: Dutch headers and values whatever the language of the screens, so a
file and the scripts reading it do not change with the user who made it."""

import csv
import tempfile
from collections.abc import Iterator
from datetime import datetime

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone, translation
from openpyxl import Workbook

from complaints.models import VERDICT_UNKNOWN_LABEL, Complaint, Language, Status, Verdict
from complaints.spreadsheets import text_row

HEADER = [
    "Kenmerk",
    "Jaar",
    "Ontvangen",
    "Locatie",
    "Label",
    "Taal indiener",
    "Categorie",
    "Status",
    "Behandelaar",
    "Toegewezen aan",
    "Gegrond",
    "Uiterste datum",
    "Afgesloten",
    "Omschrijving",
    "Oplossing",
]
CHUNK = 2000
# A CSV cell starting with one of these is a formula to Excel and LibreOffice.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _local(moment: datetime | None) -> datetime | None:
    # Spreadsheets know no time zones: the Amsterdam wall-clock time.
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def export_rows(complaints: QuerySet[Complaint]) -> Iterator[list]:
    """One list of values per complaint, read in chunks (one query per chunk,
    related names joined in)."""
    with translation.override(settings.LANGUAGE_CODE):
        statuses = {value: str(label) for value, label in Status.choices}
        verdicts = {value: str(label) for value, label in Verdict.choices}
        languages = {value: str(label) for value, label in Language.choices}
        unknown = str(VERDICT_UNKNOWN_LABEL)
    rows = complaints.select_related(
        "location", "legal_entity", "category", "handling_location", "handling_department", "assignee"
    ).iterator(chunk_size=CHUNK)
    for complaint in rows:
        yield [
            complaint.reference,
            complaint.year,
            _local(complaint.received_at),
            str(complaint.location or ""),
            str(complaint.legal_entity),
            languages.get(complaint.language, complaint.language),
            str(complaint.category or ""),
            statuses.get(complaint.status, complaint.status),
            complaint.handler_display,
            str(complaint.assignee or ""),
            verdicts.get(complaint.verdict, unknown),
            _local(complaint.due_at),
            _local(complaint.closed_at),
            complaint.description,
            complaint.solution,
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    text = str(value)
    # A leading apostrophe makes a spreadsheet program show it as text.
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_stream(complaints: QuerySet[Complaint]) -> Iterator[str]:
    """The CSV line by line (UTF-8 with BOM and ';' so Dutch Excel opens it as columns)."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow(HEADER)
    for row in export_rows(complaints):
        yield writer.writerow([_csv_cell(value) for value in row])


def xlsx_stream(complaints: QuerySet[Complaint], *, chunk_size: int = 64 * 1024) -> Iterator[bytes]:
    """The XLSX in chunks. openpyxl's write-only workbook keeps the rows in a
    temporary file, not in memory; the finished file is sent in chunks."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Klachten")
    sheet.append(text_row(sheet, HEADER))
    for row in export_rows(complaints):
        sheet.append(text_row(sheet, row))
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)
        handle.seek(0)
        while chunk := handle.read(chunk_size):
            yield chunk

"""A streaming XLSX export of complaint rows, to show that a large export runs
in bounded memory: openpyxl's write-only workbook and a server-side cursor."""

import resource
import sys
import time
from pathlib import Path

from openpyxl import Workbook

from complaints.spreadsheets import text_row

HEADER = ["Kenmerk", "Jaar", "Ontvangen", "Status", "Oordeel", "Categorie", "Locatie", "Label", "Omschrijving"]


def complaints_xlsx(*, path: Path, limit: int) -> int:
    from complaints.models import Complaint  # here: the module also runs as a script before setup

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Klachten")
    sheet.append(text_row(sheet, HEADER))
    rows = (
        Complaint.objects.order_by("id")
        .values_list(
            "reference", "year", "received_at", "status", "verdict", "category__name", "location__name",
            "legal_entity__name", "description",
        )[:limit]
        .iterator(chunk_size=2000)
    )  # fmt: skip
    written = 0
    for reference, year, received_at, status, verdict, category, location, label, description in rows:
        received = received_at.replace(tzinfo=None) if received_at else None
        sheet.append(
            text_row(sheet, [reference, year, received, status, verdict, category, location, label, description])
        )
        written += 1
    workbook.save(path)
    return written


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    # python -m scale.exports <path> <rows>: prints rows, seconds, peak RSS in MB.
    import django

    django.setup()
    started = time.perf_counter()
    count = complaints_xlsx(path=Path(sys.argv[1]), limit=int(sys.argv[2]))
    print(f"{count} {time.perf_counter() - started:.2f} {peak_rss_mb():.0f}")

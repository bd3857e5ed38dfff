"""Spreadsheet rows where every text is text: openpyxl stores a string that starts
with "=" as a formula (and "#N/A" as an error value), so a complaint text like
"=HYPERLINK(…)" would run in the reader's spreadsheet program. Every XLSX export
appends its rows through ``text_row``."""

from collections.abc import Iterable
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet.worksheet import Worksheet


def text_row(sheet: Worksheet, values: Iterable[Any]) -> list[Any]:
    """``values`` for ``sheet.append``, each string as a text cell (in normal and write-only sheets)."""
    row: list[Any] = []
    for value in values:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            row.append(cell)
        else:
            row.append(value)
    return row

"""Issue 10, point 8: every text cell of every XLSX export is text, never a formula."""

import io
from pathlib import Path
from tempfile import TemporaryDirectory

from openpyxl import Workbook, load_workbook

from complaints.spreadsheets import text_row
from config.testing import BaseTestCase, register

DANGEROUS = ['=HYPERLINK("https://voorbeeld.test","klik")', "=1+1", "@SUM(A1:A2)", "#N/A", "+31 6 1234"]


class TextRowTests(BaseTestCase):
    def test_strings_stay_text_in_normal_and_write_only_sheets(self):
        for write_only in (False, True):
            with self.subTest(write_only=write_only):
                workbook = Workbook(write_only=write_only)
                sheet = workbook.create_sheet("Blad") if write_only else workbook.active
                sheet.append(text_row(sheet, [*DANGEROUS, 42, None]))
                buffer = io.BytesIO()
                workbook.save(buffer)
                read = load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0]
                cells = list(read.iter_rows(min_row=1, max_row=1))[0]
                self.assertEqual([cell.value for cell in cells[:5]], DANGEROUS)
                self.assertEqual([cell.data_type for cell in cells[:5]], ["s"] * 5)
                self.assertEqual(cells[5].value, 42)

    def test_the_streamed_complaint_export_writes_a_formula_like_description_as_text(self):
        from scale.exports import complaints_xlsx

        register(location=self.oceaan, description='=HYPERLINK("https://voorbeeld.test","klik")')
        with TemporaryDirectory() as folder:
            path = Path(folder) / "klachten.xlsx"
            self.assertEqual(complaints_xlsx(path=path, limit=10), 1)
            sheet = load_workbook(path).worksheets[0]
            description = sheet.cell(row=2, column=9)
        self.assertEqual(description.value, '=HYPERLINK("https://voorbeeld.test","klik")')
        self.assertEqual(description.data_type, "s")

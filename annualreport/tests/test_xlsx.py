"""Appendix 1 as a spreadsheet, generated once and read back with openpyxl."""

import io

from openpyxl import load_workbook

from annualreport.builder import APPENDIX_COLUMNS, AnnualReportDocument
from annualreport.exporters import export
from annualreport.tests.base import REFERENCE_RE, SeedTestCase
from complaints.models import Complaint


def xlsx(report) -> bytes:
    return export(AnnualReportDocument(report=report), "xlsx").content


class AppendixXlsxTests(SeedTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.content = xlsx(cls.report)

    def setUp(self) -> None:
        # Loaded per test: a workbook does not survive the deep copy of class-level test data.
        self.workbook = load_workbook(io.BytesIO(self.content))
        self.sheet = self.workbook.worksheets[0]

    def test_it_has_one_row_per_complaint_under_a_header(self):
        self.assertEqual(self.sheet.max_row, 514)
        rows = list(self.sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0], APPENDIX_COLUMNS)
        self.assertEqual(len({row[0] for row in rows[1:]}), 513)
        self.assertTrue(all(REFERENCE_RE.fullmatch(row[0]) for row in rows[1:]))
        self.assertEqual(
            rows[1][:4], ("K2025-00001", "Partou KDV Schinkelstraat 158", "Smallsteps B.V.", "Ruil- en inhaaluren")
        )
        self.assertEqual(rows[1][6], "Ja")

    def test_the_header_is_frozen_and_filterable_and_the_columns_readable(self):
        self.assertEqual(self.sheet.freeze_panes, "A2")
        self.assertEqual(self.sheet.auto_filter.ref, "A1:G514")
        widths = [self.sheet.column_dimensions[letter].width for letter in "ABCDEFG"]
        self.assertEqual(widths, [13, 34, 17, 30, 80, 80, 14])
        self.assertTrue(self.sheet["E2"].alignment.wrap_text)

    def test_it_is_marked_concept_and_explained(self):
        self.assertEqual(self.sheet.title, "Bijlage 1 (concept)")
        about = dict(self.workbook["Toelichting"].iter_rows(values_only=True))
        self.assertEqual(about["Status"], "concept – niet voor publicatie")
        self.assertEqual(about["Aantal klachten"], 513)

    def test_a_text_that_looks_like_a_formula_stays_text(self):
        Complaint.objects.filter(reference="K2025-00001").update(publication_text='=HYPERLINK("http://x","klik")')
        cell = load_workbook(io.BytesIO(xlsx(self.report))).worksheets[0]["E2"]
        self.assertEqual((cell.value, cell.data_type), ('=HYPERLINK("http://x","klik")', "s"))

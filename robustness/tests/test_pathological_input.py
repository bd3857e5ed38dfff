"""Issue 11, point 5: no regular expression or parser in the import or the public form takes
quadratic time. A 1 MB run of spaces or a 1 MB cell of unclosed tags is imported (or refused
with a message) and a form field holding one is answered, each in seconds, never a 500.
The parser alone is tested on more shapes in imports/tests/test_parser.py::TestPathologicalInput."""

import tempfile
import time
from pathlib import Path

from django.test import TestCase

from complaints.models import Complaint
from imports.services import AnnualReportImportError, annual_report_import
from imports.tests.test_strict_import import report, row
from intake.tests.base import IntakeTestCase

MB = 1_000_000
# Linear code needs well under a second for each; the bound leaves room for a busy machine.
LIMIT = 10.0


class PathologicalImportTests(TestCase):
    def import_text(self, text: str) -> float:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "verslag.txt"
            path.write_text(text, encoding="utf-8")
            started = time.perf_counter()
            try:
                annual_report_import(path=path, year=2025)
            finally:
                self.elapsed = time.perf_counter() - started
        return self.elapsed

    def test_a_megabyte_of_spaces_in_a_cell_is_imported_in_seconds(self):
        description = "<p>Ouder meldt" + " " * MB + "dat het eten koud was.</p>"
        self.assertLess(self.import_text(report(row(description=description))), LIMIT)
        self.assertEqual(Complaint.objects.get().description, "Ouder meldt dat het eten koud was.")

    def test_a_megabyte_of_spaces_after_the_appendix_heading_is_imported_in_seconds(self):
        text = report(row()).replace("Bijlage 1 Klachtenoverzicht", "Bijlage 1 Klachtenoverzicht" + " " * MB, 1)
        self.assertLess(self.import_text(text), LIMIT)
        self.assertEqual(Complaint.objects.count(), 1)

    def test_a_megabyte_of_unclosed_tags_in_a_cell_is_answered_in_seconds(self):
        for junk in ("<p" * (MB // 2), "<b>" * (MB // 3)):
            with self.subTest(junk=junk[:6]):
                text = report(row(description=junk + "Ouder meldt dat het eten koud was."))
                try:
                    self.import_text(text)
                except AnnualReportImportError as refused:
                    self.assertIn("verslag.txt:11", str(refused))  # the row's line is named
                self.assertLess(self.elapsed, LIMIT)
                Complaint.objects.all().delete()


class PathologicalFormTests(IntakeTestCase):
    def test_a_megabyte_of_spaces_or_unclosed_tags_in_a_field_is_answered_in_seconds(self):
        cases = {
            "description": "Het eten was koud." + " " * MB + "Echt waar.",
            "name": "Sanne" + " " * MB + "de Vries",
            "phone": "06" + " " * MB + "12345678",
            "email": "sanne" + " " * MB + "@voorbeeld.test",
            "desired_outcome": "<p" * (MB // 2),
        }
        for number, (field, value) in enumerate(cases.items()):
            with self.subTest(field=field):
                started = time.perf_counter()
                key = f"7a0f3c4e-2b1d-4c8e-9f6a-1d2e3f4a5b{number:02d}"
                response = self.submit(submission_key=key, **{field: value})
                self.assertLess(time.perf_counter() - started, LIMIT)
                # Stored (303) or the form again with a Dutch message (200); never a 500.
                self.assertIn(response.status_code, (200, 303))
                if response.status_code == 200:
                    shown = b"Uw klacht is nog niet verstuurd" in response.content
                    self.assertTrue(shown, f"{field}: no Dutch error summary")

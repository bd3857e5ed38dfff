import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from config.testing import BaseTestCase, register
from staff.tests.helpers import forwarded

CSV_URL = reverse("staff:complaint_export_csv")
XLSX_URL = reverse("staff:complaint_export_xlsx")
FORMULA = '=HYPERLINK("http://kwaad.example","klik")'


class ComplaintExportTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.formula = forwarded(
            location=cls.oceaan, actor=cls.coordinator, category=cls.communication, description=FORMULA
        )
        cls.plain = forwarded(
            location=cls.oceaan, actor=cls.coordinator, category=cls.invoices, description="Factuur klopt niet"
        )
        cls.elsewhere = forwarded(
            location=cls.margriet, actor=cls.coordinator, category=cls.communication, description="Margriet"
        )
        cls.new = register(location=cls.oceaan, description="Nog nieuw")

    def csv_rows(self, response) -> list[list[str]]:
        self.assertTrue(response.streaming)
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text), delimiter=";"))

    def xlsx_sheet(self, response):
        self.assertTrue(response.streaming)
        workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        return workbook["Klachten"]

    def test_csv_holds_the_filtered_list_and_formulas_stay_text(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(CSV_URL, {"category": self.communication.pk, "sort": "reference"})
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn('attachment; filename="klachten-', response["Content-Disposition"])
        rows = self.csv_rows(response)
        self.assertEqual(rows[0][:3], ["Kenmerk", "Jaar", "Ontvangen"])
        self.assertEqual([row[0] for row in rows[1:]], [self.formula.reference, self.elsewhere.reference])
        description = rows[1][rows[0].index("Omschrijving")]
        self.assertEqual(description, "'" + FORMULA)

    def test_xlsx_holds_the_filtered_list_and_a_formula_looking_cell_is_text(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(XLSX_URL, {"location": self.oceaan.pk, "sort": "reference"})
        sheet = self.xlsx_sheet(response)
        rows = list(sheet.iter_rows(values_only=True))
        header = list(rows[0])
        self.assertEqual(
            [row[0] for row in rows[1:]], [self.formula.reference, self.plain.reference, self.new.reference]
        )
        cell = sheet.cell(row=2, column=header.index("Omschrijving") + 1)
        self.assertEqual(cell.value, FORMULA)
        self.assertEqual(cell.data_type, "s")
        self.assertEqual(rows[1][header.index("Categorie")], self.communication.name)
        self.assertEqual(rows[1][header.index("Behandelaar")], self.oceaan.name)

    def test_a_location_manager_exports_only_their_own_complaints(self):
        self.client.force_login(self.manager)
        for url in (CSV_URL, XLSX_URL):
            with self.subTest(url=url):
                response = self.client.get(url)
                if url == CSV_URL:
                    references = {row[0] for row in self.csv_rows(response)[1:]}
                else:
                    references = {row[0] for row in list(self.xlsx_sheet(response).iter_rows(values_only=True))[1:]}
                # Not Margriet's, and not the one still new (not forwarded yet).
                self.assertEqual(references, {self.formula.reference, self.plain.reference})

    def test_an_invalid_filter_gets_a_message_not_a_file(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(CSV_URL, {"status": "kapot"}, follow=True)
        self.assertContains(response, "Dit filter klopt niet")
        self.assertFalse(response.streaming)

    def test_management_may_not_export(self):
        self.client.force_login(self.management)
        self.assertEqual(self.client.get(CSV_URL).status_code, 403)
        self.assertEqual(self.client.get(XLSX_URL).status_code, 403)

    def test_query_count_does_not_grow_with_the_rows(self):
        self.client.force_login(self.coordinator)

        def exported() -> int:
            response = self.client.get(CSV_URL, {"sort": "-due_at"})
            return len(self.csv_rows(response)) - 1

        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as context:
            self.assertEqual(exported(), 4)
        counted = len(context)
        for _index in range(5):
            forwarded(location=self.rakkertjes, actor=self.coordinator, category=self.communication)
        with self.assertNumQueries(counted):
            self.assertEqual(exported(), 9)

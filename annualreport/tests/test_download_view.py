from annualreport.tests.base import SeedTestCase
from complaints.models import Complaint

URL = "/jaarverslag/2025/download/"


class DownloadViewTests(SeedTestCase):
    def setUp(self) -> None:
        self.client.force_login(self.management)

    def test_each_format_downloads_as_a_concept(self):
        expected = {
            "html": ("text/html; charset=utf-8", 'inline; filename="klachtenjaarverslag-2025-concept.html"'),
            "xlsx": (
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                'attachment; filename="klachtenjaarverslag-2025-concept.xlsx"',
            ),
        }
        for format_name, (content_type, disposition) in expected.items():
            with self.subTest(format=format_name):
                response = self.client.get(f"{URL}{format_name}/")
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Content-Type"], content_type)
                self.assertEqual(response["Content-Disposition"], disposition)

    def test_pdf_and_word_are_made_by_the_worker_so_a_get_offers_to_start_it(self):
        for format_name in ("pdf", "docx"):
            with self.subTest(format=format_name):
                response = self.client.get(f"{URL}{format_name}/")
                self.assertEqual(response["Content-Type"], "text/html; charset=utf-8")
                self.assertContains(response, f'action="/jaarverslag/2025/bestand/{format_name}/"')

    def test_the_final_version_when_everything_is_reviewed(self):
        response = self.client.get(f"{URL}html/?definitief=1")
        self.assertEqual(response["Content-Disposition"], 'inline; filename="klachtenjaarverslag-2025.html"')
        self.assertNotContains(response, "Concept")

    def test_the_final_version_is_refused_with_the_reason(self):
        Complaint.objects.filter(reference="K2025-00003").update(publication_reviewed=False)
        response = self.client.get(f"{URL}html/?definitief=1", follow=True)
        self.assertRedirects(response, "/jaarverslag/2025/")
        self.assertContains(response, "De definitieve versie kan nog niet worden gemaakt")

    def test_an_unknown_format_is_not_found(self):
        self.assertEqual(self.client.get(f"{URL}odt/").status_code, 404)

    def test_other_roles_are_refused(self):
        self.client.force_login(self.manager)
        self.assertEqual(self.client.get(f"{URL}html/").status_code, 403)

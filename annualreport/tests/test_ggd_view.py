from annualreport.tests.base import SeedTestCase
from config.testing import make_location

URL = "/jaarverslag/2025/ggd/"


class GgdViewTests(SeedTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.quiet = make_location("Partou KDV Stille Hoek 1", entity=cls.partou)

    def test_it_lists_every_location_with_its_count_and_links_per_format(self):
        self.client.force_login(self.management)
        response = self.client.get(URL, {"q": "stille"})
        self.assertContains(response, "Partou KDV Stille Hoek 1")
        self.assertNotContains(response, "Partou BSO Oceaan 16")
        for format_name in ("pdf", "docx", "xlsx", "html"):
            # The 2025 report can be final, so the links give the final versions (issue 15 point 3).
            self.assertContains(response, f'href="{URL}locatie/{self.quiet.pk}/{format_name}/?definitief=1"')
        self.assertContains(response, f'href="{URL}rechtspersoon/{self.partou.pk}/pdf/?definitief=1"')

    def test_a_location_without_complaints_gets_a_report_that_says_so(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(f"{URL}locatie/{self.quiet.pk}/html/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Jaarverslag klachten 2025 – Partou KDV Stille Hoek 1")
        self.assertContains(response, "In 2025 zijn over deze locatie geen klachten geregistreerd.")

    def test_unknown_kinds_and_ids_are_not_found(self):
        self.client.force_login(self.coordinator)
        self.assertEqual(self.client.get(f"{URL}regio/1/html/").status_code, 404)
        self.assertEqual(self.client.get(f"{URL}locatie/999999/html/").status_code, 404)

    def test_other_roles_are_refused(self):
        self.client.force_login(self.manager)
        self.assertEqual(self.client.get(URL).status_code, 403)
        self.assertEqual(self.client.get(f"{URL}locatie/{self.quiet.pk}/html/").status_code, 403)

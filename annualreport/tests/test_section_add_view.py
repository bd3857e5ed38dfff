from annualreport.models import ReportSection, SectionKind
from annualreport.tests.base import SeedTestCase


class SectionAddDeleteViewTests(SeedTestCase):
    def setUp(self) -> None:
        self.client.force_login(self.coordinator)

    def test_an_analysis_is_added_and_opened_for_editing(self):
        response = self.client.post("/jaarverslag/2025/teksten/nieuw/", {"title": "Voeding"})
        self.assertRedirects(response, "/jaarverslag/2025/teksten/analyse-4/")
        page = self.client.get("/jaarverslag/2025/")
        self.assertContains(page, "3.2.4 Voeding")
        self.assertContains(page, "3.3 Extern")

    def test_an_analysis_is_removed_after_confirmation(self):
        url = "/jaarverslag/2025/teksten/analyse-3/verwijderen/"
        self.assertContains(self.client.get(url), "Analyse verwijderen: Debiteuren en facturatie")
        self.assertRedirects(self.client.post(url), "/jaarverslag/2025/")
        self.assertFalse(ReportSection.objects.filter(report=self.report, key="analyse-3").exists())
        self.assertEqual(ReportSection.objects.filter(report=self.report, kind=SectionKind.ANALYSIS).count(), 2)

    def test_a_fixed_section_has_no_delete_page(self):
        self.assertEqual(self.client.get("/jaarverslag/2025/teksten/voorwoord/verwijderen/").status_code, 404)

    def test_only_the_coordinator(self):
        self.client.force_login(self.management)
        self.assertEqual(self.client.post("/jaarverslag/2025/teksten/nieuw/", {"title": "X"}).status_code, 403)

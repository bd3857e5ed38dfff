from annualreport.models import ReportSection
from annualreport.tests.base import SeedTestCase
from complaints.models import Complaint

URL = "/jaarverslag/2025/controle/"


class CheckViewTests(SeedTestCase):
    def setUp(self) -> None:
        self.client.force_login(self.coordinator)

    def test_all_is_well_after_the_seed_import(self):
        response = self.client.get(URL)
        self.assertContains(response, "Alle teksten zijn in orde.")
        self.assertContains(response, "Alle publicatieteksten zijn gecontroleerd.")

    def test_it_lists_unreviewed_texts_and_texts_with_wrong_placeholders(self):
        Complaint.objects.filter(reference="K2025-00004").update(publication_reviewed=False)
        Complaint.objects.filter(reference="K2025-00005").update(publication_text="")
        ReportSection.objects.filter(report=self.report, key="nawoord").update(body="{{ onzin }}")
        response = self.client.get(URL)
        self.assertContains(response, 'href="/staff/klachten/K2025-00004/"')
        self.assertContains(response, "Publicatietekst niet gecontroleerd")
        self.assertContains(response, "Geen publicatietekst")
        self.assertContains(response, 'href="/jaarverslag/2025/teksten/nawoord/"')
        self.assertContains(response, "Onbekende plaatshouder {{ onzin }}")

    def test_only_the_coordinator(self):
        self.client.force_login(self.management)
        self.assertEqual(self.client.get(URL).status_code, 403)

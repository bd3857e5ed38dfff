from annualreport.models import ReportRevision, ReportSection
from annualreport.tests.base import SeedTestCase

URL = "/jaarverslag/2025/teksten/analyse-2/"


class SectionEditViewTests(SeedTestCase):
    def setUp(self) -> None:
        self.client.force_login(self.coordinator)

    def section(self) -> ReportSection:
        return ReportSection.objects.get(report=self.report, key="analyse-2")

    def test_it_shows_the_text_a_preview_and_the_placeholders_with_their_values(self):
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "{{ vorig_jaar.categorie.Planning en plaatsing }}")
        self.assertContains(response, "Het aantal klachten is gedaald van 81 in 2024 naar 38 in 2025.")
        self.assertContains(response, "<code>{{ percentage }}</code></td><td>0,71%</td>", html=False)
        self.assertContains(response, "<code>{{ vorig_jaar.kinderen }}</code></td><td>n.b.</td>", html=False)
        self.assertContains(response, "Geschiedenis")

    def test_saving_stores_the_text_with_a_revision(self):
        response = self.client.post(
            URL,
            {"title": "Planning en plaatsing", "body": "Nu {{ categorie.Planning en plaatsing }}.", "action": "save"},
        )
        self.assertRedirects(response, URL)
        self.assertEqual(self.section().body, "Nu {{ categorie.Planning en plaatsing }}.")
        revision = ReportRevision.objects.filter(section_key="analyse-2").first()
        self.assertEqual((revision.kind, revision.actor), ("section.updated", self.coordinator))

    def test_an_unknown_placeholder_is_shown_in_dutch_and_nothing_is_saved(self):
        before = self.section().body
        response = self.client.post(
            URL,
            {"title": "Planning en plaatsing", "body": "Nu {{ catgorie.Planning en plaatsing }}.", "action": "save"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "De tekst is niet opgeslagen")
        self.assertContains(response, "Onbekende plaatshouder {{ catgorie.Planning en plaatsing }} (tekst, regel 1).")
        self.assertContains(response, "Bedoel je {{ categorie.Planning en plaatsing }}?")
        self.assertContains(response, "[FOUT: onbekende plaatshouder")
        self.assertEqual(self.section().body, before)

    def test_the_preview_button_shows_the_text_without_saving(self):
        before = self.section().body
        response = self.client.post(
            URL, {"title": "Planning", "body": "Er waren **{{ totaal }}** klachten.", "action": "preview"}
        )
        self.assertContains(response, "Er waren <strong>513</strong> klachten.", html=False)
        self.assertEqual(self.section().body, before)

    def test_only_the_coordinator_edits(self):
        self.client.force_login(self.management)
        self.assertEqual(self.client.get(URL).status_code, 403)
        self.assertEqual(self.client.post(URL, {"title": "x", "body": "y"}).status_code, 403)

    def test_an_unknown_section_is_not_found(self):
        self.assertEqual(self.client.get("/jaarverslag/2025/teksten/bestaat-niet/").status_code, 404)

from django.urls import reverse

from annualreport.tests.base import SeedTestCase
from complaints.models import Complaint

URL = "/jaarverslag/2025/"


class ReportViewTests(SeedTestCase):
    def test_it_lives_at_a_readable_address(self):
        self.assertEqual(reverse("annualreport:report", args=[2025]), URL)
        self.assertEqual(reverse("annualreport:download", args=[2025, "pdf"]), URL + "download/pdf/")

    def test_the_coordinator_sees_the_report_with_downloads_and_edit_links(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Klachtenjaarverslag 2025")
        self.assertContains(response, "In totaal zijn er in 2025 513 interne klachten geregistreerd.")
        self.assertContains(response, "afgenomen van 538 naar 513 klachten")
        self.assertContains(response, '<svg role="img"')
        self.assertContains(response, "K2025-00513")
        for format_name in ("xlsx", "html"):
            self.assertContains(response, f'href="{URL}download/{format_name}/"')
            self.assertContains(response, f'href="{URL}download/{format_name}/?definitief=1"')
        for format_name in ("pdf", "docx"):  # made by the worker: started with a POST
            self.assertContains(response, f'action="{URL}bestand/{format_name}/"', count=2)
        self.assertContains(response, '<input type="hidden" name="definitief" value="1">', count=2)
        self.assertContains(response, f'href="{URL}teksten/vergelijking/"')
        self.assertContains(response, f'href="{URL}colofon/"')
        self.assertContains(response, f'href="{URL}ggd/"')
        self.assertContains(response, "Klaar om te publiceren")

    def test_management_reads_it_without_edit_links(self):
        self.client.force_login(self.management)
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "513 interne klachten")
        self.assertNotContains(response, "/teksten/")
        self.assertNotContains(response, "/controle/")

    def test_while_a_text_is_unreviewed_the_final_downloads_are_withheld(self):
        Complaint.objects.filter(reference="K2025-00003").update(publication_reviewed=False)
        self.client.force_login(self.coordinator)
        response = self.client.get(URL)
        self.assertContains(response, "De definitieve versie kan nog niet worden gemaakt.")
        self.assertContains(response, "1 klacht(en) met een publicatietekst die nog niet is gecontroleerd")
        self.assertNotContains(response, "?definitief=1")
        self.assertContains(response, f'href="{URL}controle/"')
        # Management does not see a text nobody has checked for names.
        self.client.force_login(self.management)
        response = self.client.get(URL)
        self.assertContains(response, "(publicatietekst nog niet gecontroleerd)")
        self.assertNotContains(response, "Kind bleek vast te zitten op het personeelstoilet")

    def test_other_roles_are_refused_and_visitors_sent_to_log_in(self):
        for user in (self.manager, self.ops_north, self.department_handler, self.administrator):
            with self.subTest(role=user.role):
                self.client.force_login(user)
                self.assertEqual(self.client.get(URL).status_code, 403)
                self.assertEqual(self.client.get("/jaarverslag/").status_code, 403)
        self.client.logout()
        response = self.client.get(URL)
        self.assertRedirects(response, f"/login/?next={URL}", fetch_redirect_response=False)

    def test_the_index_lists_the_years(self):
        self.client.force_login(self.management)
        response = self.client.get("/jaarverslag/")
        self.assertContains(response, f'href="{URL}"')

    def test_a_year_out_of_range_is_not_found(self):
        self.client.force_login(self.coordinator)
        self.assertEqual(self.client.get("/jaarverslag/1999/").status_code, 404)

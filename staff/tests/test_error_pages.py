"""Issue 14 point 8: every staff 403 and 404 is the site's own Dutch page (with
the staff menu and a way on), and empty lists say what to do next."""

from django.urls import reverse

from config.testing import BaseTestCase
from staff.tests.helpers import forwarded


class StaffErrorPageTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.complaint = forwarded(location=cls.oceaan, actor=cls.coordinator, category=cls.communication)

    def assert_site_page(self, response, status: int, heading: str) -> None:
        self.assertEqual(response.status_code, status)
        self.assertTemplateUsed(response, f"{status}.html")
        self.assertTemplateUsed(response, "base.html")  # the staff layout, with the menu
        self.assertContains(response, heading, status_code=status)
        self.assertContains(response, 'aria-label="Hoofdmenu"', status_code=status)
        self.assertContains(response, "Naar de werkvoorraad", status_code=status)
        self.assertNotContains(response, "Forbidden", status_code=status)
        self.assertNotContains(response, "Not Found", status_code=status)

    def test_a_missing_capability_is_the_dutch_403_page_with_the_reason(self):
        self.client.force_login(self.manager)
        for url in (reverse("staff:complaint_register"), reverse("inbox:queue")):
            response = self.client.get(url)
            self.assert_site_page(response, 403, "U heeft geen toegang tot deze pagina")
        self.assertContains(
            response, "Uw rol heeft geen toegang tot het indelen en doorsturen van klachten.", status_code=403
        )

    def test_a_capability_checked_on_a_complaint_is_the_dutch_403_page(self):
        self.client.force_login(self.manager)
        response = self.client.get(reverse("staff:complaint_forward", args=[self.complaint.reference]))
        self.assert_site_page(response, 403, "U heeft geen toegang tot deze pagina")

    def test_management_without_complaints_gets_the_dutch_403_page(self):
        self.client.force_login(self.management)
        response = self.client.get(reverse("staff:worklist"))
        self.assert_site_page(response, 403, "U heeft geen toegang tot deze pagina")
        self.assertContains(response, "Uw rol heeft geen toegang tot klachten.", status_code=403)

    def test_every_kind_of_404_is_the_dutch_page(self):
        self.client.force_login(self.coordinator)
        for url in (
            "/staff/bestaat-niet/",
            reverse("staff:complaint_detail", args=["K1999-99999"]),
            reverse("staff:measure_complete", args=[self.complaint.reference, 999999]),
            reverse("inbox:message", args=[999999]),
            reverse("reporting:weekly", args=[2999, 1]),
            reverse("annualreport:report", args=[1999]) + "download/exe/",
        ):
            with self.subTest(url=url):
                self.assert_site_page(self.client.get(url), 404, "Deze pagina bestaat niet")

    def test_a_complaint_out_of_scope_is_the_dutch_404_page(self):
        self.client.force_login(self.other_manager)
        response = self.client.get(reverse("staff:complaint_detail", args=[self.complaint.reference]))
        self.assert_site_page(response, 404, "Deze pagina bestaat niet")


class EmptyStateTests(BaseTestCase):
    def test_the_empty_worklist_says_what_to_do_next(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(reverse("staff:worklist"))
        self.assertContains(response, "Alles is ingedeeld en doorgestuurd.")
        self.assertContains(response, "registreert u met ‘Klacht registreren’")
        self.assertContains(response, "Geen klachten over de termijn.")
        self.assertContains(response, "Bekijk de afgehandelde klachten in de klachtenlijst.", count=2)
        self.assertNotContains(response, "Niets.")

    def test_a_handler_with_nothing_forwarded_is_told_where_complaints_come_from(self):
        self.client.force_login(self.manager)
        worklist = self.client.get(reverse("staff:worklist"))
        self.assertContains(worklist, "zodra de klachtencoördinator ze aan u doorstuurt")
        complaints = self.client.get(reverse("staff:complaint_list"))
        self.assertContains(complaints, "Er zijn nog geen klachten die u kunt zien.")

    def test_an_empty_filtered_list_offers_to_clear_the_filters(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(reverse("staff:complaint_list"), {"status": "closed"})
        self.assertContains(response, "Geen klachten gevonden met deze filters.")
        self.assertContains(response, f'<a href="{reverse("staff:complaint_list")}">Wis de filters</a>', html=True)

    def test_the_empty_inbox_says_what_arrives_there(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(reverse("inbox:queue"))
        self.assertContains(response, "Nieuwe e-mail in de klachtenmailbox verschijnt hier binnen enkele minuten")

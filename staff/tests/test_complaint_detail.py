from django.urls import reverse

from complaints.services import complaint_forward
from config.testing import BaseTestCase, register


class ComplaintDetailTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.at_oceaan = register(location=cls.oceaan, description="Toiletten zijn vies.")
        cls.at_margriet = register(location=cls.margriet, description="Luiers niet verschoond.")
        cls.invoice = register(location=cls.margriet, description="Factuur klopt niet.")
        complaint_forward(
            complaint=cls.invoice,
            category=cls.invoices,
            location=cls.margriet,
            handling_department=cls.debiteuren,
            actor=cls.coordinator,
        )

    def url(self, complaint) -> str:
        return reverse("staff:complaint_detail", args=[complaint.reference])

    def test_it_shows_the_complaint_contact_details_and_history_to_the_coordinator(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(self.url(self.invoice))
        self.assertContains(response, "Factuur klopt niet.")
        self.assertContains(response, "ouder@voorbeeld.test")
        self.assertContains(response, "Ingedeeld en doorgestuurd")
        self.assertContains(
            response, "<td>behandelende afdeling</td><td>–</td><td>Debiteuren en facturatie</td>", html=True
        )
        self.assertContains(response, "Debiteuren en facturatie")

    def test_it_shows_a_location_manager_the_complaints_of_their_location(self):
        self.client.force_login(self.manager)
        self.assertContains(self.client.get(self.url(self.at_oceaan)), "Toiletten zijn vies.")

    def test_it_answers_404_when_a_location_manager_guesses_another_locations_url(self):
        self.client.force_login(self.manager)
        response = self.client.get(self.url(self.at_margriet))
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(response, "Luiers", status_code=404)

    def test_it_answers_404_for_a_reference_that_does_not_exist(self):
        self.client.force_login(self.coordinator)
        self.assertEqual(self.client.get(reverse("staff:complaint_detail", args=["K1999-00001"])).status_code, 404)

    def test_it_scopes_an_operations_manager_to_their_region(self):
        self.client.force_login(self.ops_north)
        self.assertEqual(self.client.get(self.url(self.at_oceaan)).status_code, 200)
        self.assertEqual(self.client.get(self.url(self.at_margriet)).status_code, 404)

    def test_it_scopes_a_department_handler_to_their_department(self):
        self.client.force_login(self.department_handler)
        self.assertEqual(self.client.get(self.url(self.invoice)).status_code, 200)
        self.assertEqual(self.client.get(self.url(self.at_margriet)).status_code, 404)

    def test_it_refuses_management_and_administrators_personal_complaint_data(self):
        for user in (self.management, self.administrator):
            self.client.force_login(user)
            self.assertEqual(self.client.get(self.url(self.at_oceaan)).status_code, 403)

    def test_it_sends_anonymous_visitors_to_the_login_page(self):
        response = self.client.get(self.url(self.at_oceaan))
        self.assertRedirects(response, f"{reverse('login')}?next={self.url(self.at_oceaan)}")

    def test_it_escapes_html_in_complaint_text(self):
        hostile = register(location=self.oceaan, description="<script>alert(1)</script>")
        self.client.force_login(self.coordinator)
        response = self.client.get(self.url(hostile))
        self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")
        self.assertNotContains(response, "<script>alert(1)</script>")

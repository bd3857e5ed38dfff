from django.urls import reverse

from config.testing import BaseTestCase, close, register
from staff.tests.helpers import forwarded


class PublicationTextTests(BaseTestCase):
    def test_it_lets_the_coordinator_review_the_text_of_a_closed_complaint(self):
        complaint = register(location=self.oceaan, description="Juf Anna gaf mijn zoon Tim geen eten.")
        close(complaint, actor=self.manager)
        url = reverse("staff:publication_text", args=[complaint.reference])
        self.client.force_login(self.coordinator)
        self.assertContains(self.client.get(url), "Juf Anna")
        response = self.client.post(
            url, {"publication_text": "Een medewerker gaf het kind geen eten.", "reviewed": "on"}
        )
        self.assertRedirects(response, reverse("staff:complaint_detail", args=[complaint.reference]))
        complaint.refresh_from_db()
        self.assertEqual(complaint.publication_text, "Een medewerker gaf het kind geen eten.")
        self.assertTrue(complaint.publication_reviewed)
        event = complaint.events.get(kind="complaint.publication_text_set")
        self.assertEqual(event.data["changes"]["publication_reviewed"], [False, True])

    def test_it_refuses_an_empty_text_marked_as_reviewed(self):
        complaint = register(location=self.oceaan)
        self.client.force_login(self.coordinator)
        url = reverse("staff:publication_text", args=[complaint.reference])
        response = self.client.post(url, {"publication_text": "", "reviewed": "on"})
        self.assertEqual(response.status_code, 200)
        complaint.refresh_from_db()
        self.assertFalse(complaint.publication_reviewed)

    def test_it_is_not_for_location_managers(self):
        complaint = forwarded(location=self.oceaan, actor=self.coordinator, category=self.communication)
        self.client.force_login(self.manager)
        url = reverse("staff:publication_text", args=[complaint.reference])
        self.assertEqual(self.client.post(url, {"publication_text": "x", "reviewed": "on"}).status_code, 403)

"""The conversation in the JSON API (issue 13, point 7): messages both ways
and information added on the status page, scoped like the complaints."""

from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from complaints.services import complainant_message_add, complainant_message_send
from config.testing import BaseTestCase
from staff.tests.helpers import forwarded, png_attachment


class MessageApiTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        triage = {"actor": cls.coordinator, "category": cls.communication}
        cls.own = forwarded(location=cls.oceaan, **triage)
        cls.foreign = forwarded(location=cls.margriet, **triage)
        complainant_message_add(
            complaint=cls.own,
            text="Hier de foto van de poort.",
            subject="Aanvulling via de statuspagina",
            attachments=[png_attachment("poort.png")],
            via="status_page",
            sender="ouder@voorbeeld.test",
        )
        complainant_message_send(complaint=cls.own, subject="Uw foto", text="Dank u wel.", actor=cls.manager)
        complainant_message_add(complaint=cls.foreign, text="Geheim van een andere locatie.")

    def as_user(self, user) -> APIClient:
        api = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return api

    def url(self, complaint) -> str:
        return reverse("api:message_list", args=[complaint.reference])

    def test_it_lists_the_conversation_both_ways_without_contact_details(self):
        response = self.as_user(self.manager).get(self.url(self.own))
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["reference"], self.own.reference)
        received, sent = body["results"]
        self.assertEqual(
            {key: received[key] for key in ("direction", "via", "text", "attachments", "author")},
            {
                "direction": "from_complainant",
                "via": "status_page",
                "text": "Hier de foto van de poort.",
                "attachments": ["poort.png"],
                "author": None,
            },
        )
        self.assertEqual(
            (sent["direction"], sent["via"], sent["subject"], sent["text"], sent["author"]),
            ("to_complainant", "email", "Uw foto", "Dank u wel.", "manager"),
        )
        self.assertNotIn("ouder@voorbeeld.test", response.content.decode())

    def test_a_location_manager_gets_404_for_another_locations_complaint(self):
        response = self.as_user(self.manager).get(self.url(self.foreign))
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json()["error"]["code"], "not_found")
        self.assertNotIn("Geheim", response.content.decode())
        # The coordinator sees both.
        self.assertEqual(len(self.as_user(self.coordinator).get(self.url(self.foreign)).json()["results"]), 1)

    def test_roles_without_complaint_access_and_anonymous_callers_are_refused(self):
        self.assertEqual(self.as_user(self.management).get(self.url(self.own)).status_code, 403)
        self.assertEqual(APIClient().get(self.url(self.own)).status_code, 401)

    def test_the_schema_describes_the_messages(self):
        schema = self.as_user(self.coordinator).get(reverse("api:schema"), {"format": "json"}).json()
        path = schema["paths"]["/api/v1/complaints/{reference}/messages/"]["get"]
        self.assertEqual(path["operationId"], "complaints_messages_list")
        message = schema["components"]["schemas"]["ComplaintMessage"]["properties"]
        self.assertTrue({"direction", "via", "text", "attachments", "author"} <= set(message))

    def test_it_reads_the_messages_in_a_bounded_number_of_queries(self):
        for number in range(5):
            complainant_message_add(complaint=self.own, text=f"Nog een bericht {number}")
        api = self.as_user(self.manager)
        api.get(self.url(self.own))
        # The token with its user, the user's locations (scope), the complaint, the messages with their authors.
        with self.assertNumQueries(4):
            self.assertEqual(len(api.get(self.url(self.own)).json()["results"]), 7)

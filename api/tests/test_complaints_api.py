from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from complaints.services import complaint_set_safety
from config.testing import BaseTestCase, register
from staff.tests.helpers import forwarded


class ComplaintApiTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        triage = {"actor": cls.coordinator, "category": cls.communication}
        cls.own = forwarded(location=cls.oceaan, description="Toiletten vies.", **triage)
        cls.foreign = forwarded(location=cls.margriet, description="Luiers niet verschoond.", **triage)
        # Still Nieuw: only the coordinator sees it until it is forwarded.
        cls.untriaged = register(location=cls.oceaan, description="Nog niet ingedeeld.")

    def setUp(self) -> None:
        self.api = APIClient()

    def as_user(self, user) -> APIClient:
        token, _ = Token.objects.get_or_create(user=user)
        self.api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return self.api

    def detail(self, complaint) -> str:
        return reverse("api:complaint_detail", args=[complaint.reference])

    def test_it_lists_only_the_complaints_in_the_users_scope(self):
        body = self.as_user(self.manager).get(reverse("api:complaint_list")).json()
        self.assertEqual([row["reference"] for row in body["results"]], [self.own.reference])
        self.assertEqual(body["count"], 1)

    def test_it_answers_404_when_a_location_manager_asks_for_another_locations_complaint(self):
        response = self.as_user(self.manager).get(self.detail(self.foreign))
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"error": {"code": "not_found", "message": "Niet gevonden."}})
        self.assertNotIn("Luiers", response.content.decode())

    def test_it_shows_a_complaint_with_its_history_to_the_coordinator(self):
        body = self.as_user(self.coordinator).get(self.detail(self.foreign)).json()
        self.assertEqual(body["description"], "Luiers niet verschoond.")
        self.assertEqual(body["history"][0]["kind"], "complaint.registered")
        self.assertEqual(body["history"][0]["kind_label"], "Klacht geregistreerd")
        self.assertNotIn("ouder@voorbeeld.test", str(body))  # contact details are not in the API

    def test_it_refuses_roles_without_complaint_access(self):
        response = self.as_user(self.management).get(reverse("api:complaint_list"))
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json()["error"]["code"], "permission_denied")

    def test_it_refuses_anonymous_callers_with_a_json_error(self):
        response = self.api.get(reverse("api:complaint_list"))
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json()["error"]["code"], "not_authenticated")

    def test_it_adds_a_note_through_the_service_and_records_it(self):
        url = reverse("api:note_add", args=[self.own.reference])
        response = self.as_user(self.manager).post(url, {"text": "Gebeld."}, format="json")
        self.assertEqual(response.status_code, 201)
        self.assertEqual(self.own.events.last().kind, "note.added")

    def test_it_refuses_a_note_on_a_complaint_outside_the_scope(self):
        url = reverse("api:note_add", args=[self.foreign.reference])
        response = self.as_user(self.manager).post(url, {"text": "Gebeld."}, format="json")
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.foreign.notes.exists())

    def test_bad_input_gets_a_json_error_naming_the_field(self):
        client = self.as_user(self.coordinator)
        response = client.post(reverse("api:note_add", args=[self.own.reference]), {"text": ""}, format="json")
        self.assertEqual(response.status_code, 400)
        self.assertIn("text", response.json()["error"]["fields"])
        response = client.get(reverse("api:complaint_list"), {"status": "kapot", "year": "x"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(set(response.json()["error"]["fields"]), {"status", "year"})
        response = client.post(
            reverse("api:note_add", args=[self.own.reference]), "{not json", content_type="application/json"
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["error"]["code"], "parse_error")

    def test_the_safety_flag_is_in_the_list_and_the_detail(self):
        complaint_set_safety(
            complaint=self.own, flagged=True, reason="Kind gevallen van het klimrek.", actor=self.coordinator
        )
        client = self.as_user(self.coordinator)
        rows = {row["reference"]: row for row in client.get(reverse("api:complaint_list")).json()["results"]}
        self.assertIs(rows[self.own.reference]["safety_concern"], True)
        self.assertIs(rows[self.foreign.reference]["safety_concern"], False)
        detail = client.get(reverse("api:complaint_detail", args=[self.own.reference])).json()
        self.assertIs(detail["safety_concern"], True)

    def test_its_list_query_count_does_not_grow_with_the_number_of_complaints(self):
        client = self.as_user(self.coordinator)
        url = reverse("api:complaint_list")
        client.get(url)
        with self.assertNumQueries(3):  # token with user, count, page with its related rows
            client.get(url)
        for _ in range(10):
            register(location=self.rakkertjes)
        with self.assertNumQueries(3):
            client.get(url)


class ApiNotFoundTests(BaseTestCase):
    def test_an_unknown_address_under_the_api_answers_in_the_one_error_shape(self):
        for url in ("/api/v1/bestaat-niet/", "/api/v1/complaints", "/api/v2/complaints/", "/api/v1/complaints/K1/x/"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 404)
                self.assertEqual(response.json(), {"error": {"code": "not_found", "message": "Niet gevonden."}})

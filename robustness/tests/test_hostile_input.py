"""Issue 11, point 2: no input gives a 500. NUL bytes in query parameters, form
fields and URL segments (PostgreSQL refuses NUL in a query), control characters and
bidirectional overrides, deeply nested JSON, huge page numbers. Runs on SQLite and,
in the second pass of the suite, on PostgreSQL, where NUL used to break."""

import json

from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from complaints.models import Complaint
from config.sanitize import clean_text
from config.testing import register
from intake.tests.base import IntakeTestCase


class CleanTextTests(IntakeTestCase):
    def test_it_removes_control_characters_and_bidi_overrides_but_keeps_lines_and_letters(self):
        self.assertEqual(clean_text("Sanne\u202e de\x00 Vries\x07"), "Sanne de Vries")
        self.assertEqual(clean_text("regel 1\r\n\tregel 2 — Zoë, Çelik\r3"), "regel 1\n\tregel 2 — Zoë, Çelik\n3")
        self.assertEqual(clean_text("\u2066gpj.exe\u2069"), "gpj.exe")


class PublicHostileInputTests(IntakeTestCase):
    def test_nul_in_a_query_parameter_is_ignored(self):
        response = self.client.get(self.form_url, {"q": "Oce\x00aan"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'value="Oceaan"')
        self.assertContains(response, "Partou BSO Oceaan 16, Amsterdam")
        self.assertNotContains(response, "Margriet, Zwolle")

    def test_nul_in_the_location_search_is_ignored(self):
        response = self.client.get(reverse("intake:location_search"), {"q": "\x00Marg"}, HTTP_HX_REQUEST="true")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Margriet")
        self.assertNotContains(response, "Oceaan")

    def test_nul_in_a_url_segment_is_not_found(self):
        self.assertEqual(self.client.get("/status/%00/").status_code, 404)
        self.assertEqual(self.client.get("/status/abc%00def/brief.pdf").status_code, 404)

    def test_invalid_utf8_in_a_query_is_answered(self):
        response = self.client.get("/?q=%ff%fe")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Klacht indienen")

    def test_names_and_texts_are_stored_without_control_characters_or_overrides(self):
        response = self.submit(
            name="Sanne\u202e de\x00 Vries",
            description="Mijn dochter\x00 is zonder\x1b overdracht meegegeven.\r\nDe juf wist het niet.",
        )
        self.assertEqual(response.status_code, 303)
        complaint = Complaint.objects.get()
        self.assertEqual(complaint.complainant.name, "Sanne de Vries")
        self.assertEqual(complaint.description, "Mijn dochter is zonder overdracht meegegeven.\nDe juf wist het niet.")


class StaffHostileInputTests(IntakeTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.complaint = register(location=cls.oceaan, description="Toiletten vies.")

    def setUp(self) -> None:
        self.client.force_login(self.coordinator)

    def test_nul_in_list_filters_and_search_is_ignored(self):
        url = reverse("staff:complaint_list")
        for parameters in ({"q": "\x00"}, {"zoek": "Toil\x00etten"}, {"q": self.complaint.reference + "\x00"}):
            with self.subTest(parameters=parameters):
                response = self.client.get(url, parameters)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, self.complaint.reference)

    def test_a_huge_page_number_shows_the_last_page(self):
        response = self.client.get(reverse("staff:complaint_list"), {"page": "9" * 40})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, self.complaint.reference)

    def test_nul_in_a_complaint_reference_is_not_found(self):
        self.assertEqual(self.client.get(f"/staff/klachten/{self.complaint.reference}%00/").status_code, 404)


class ApiHostileInputTests(IntakeTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.complaint = register(location=cls.oceaan, description="Toiletten vies.")

    def setUp(self) -> None:
        self.api = APIClient()
        token = Token.objects.create(user=self.coordinator)
        self.api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        self.notes = reverse("api:note_add", args=[self.complaint.reference])

    def test_deeply_nested_json_is_a_json_error(self):
        for depth in (25, 100_000):
            with self.subTest(depth=depth):
                body = "[" * depth + "]" * depth
                response = self.api.post(self.notes, body, content_type="application/json")
                self.assertEqual(response.status_code, 400)
                self.assertEqual(response.json()["error"]["code"], "parse_error")
                self.assertIn("te diep genest", response.json()["error"]["message"])

    def test_nul_and_overrides_in_json_strings_are_removed(self):
        response = self.api.post(
            self.notes, json.dumps({"text": "Ge\x00beld\u202e met ouder."}), content_type="application/json"
        )
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response.json()["text"], "Gebeld met ouder.")

    def test_nul_in_a_query_parameter_is_ignored(self):
        response = self.api.get(reverse("api:complaint_list"), {"status": "new\x00"})
        self.assertLess(response.status_code, 500)

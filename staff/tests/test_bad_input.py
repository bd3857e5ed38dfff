"""Input nobody should send still gets an answer, never a server error."""

from django.urls import reverse

from config.testing import BaseTestCase
from staff.tests.helpers import forwarded
from staff.urls import urlpatterns

NONSENSE = {
    "occurred_at": "\x00",
    "method": "9" * 300,
    "summary": "\x00",
    "text": "<b>" * 2000,
    "description": "",
    "owner": "x" * 5000,
    "due_date": "0000-00-00",
    "verdict": ["ja", "nee"],
    "solution": "\x00",
    "q": "\x00",
    "field": "\x00",
    "body": "a\x00",
    "reason": "\x00",
    "category": "1 OR 1=1",
    "location": "-1",
    "handler_kind": "location",
    "handling_location": "1.5",
    "handling_department": "NaN",
    "received_at": "2026-13-01T25:61",
}


class BadInputTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.complaint = forwarded(location=cls.oceaan, actor=cls.coordinator, category=cls.communication)

    def test_it_never_answers_500_to_nonsense_in_a_form(self):
        self.client.force_login(self.coordinator)
        for pattern in urlpatterns:
            kwargs = {
                "reference": self.complaint.reference,
                "measure_id": 1,
                "attachment_id": 1,
                "saved_filter_id": 1,
                "pk": 1,
            }
            url = reverse(f"staff:{pattern.name}", kwargs={name: kwargs[name] for name in pattern.pattern.converters})
            with self.subTest(url=pattern.name):
                self.assertLess(self.client.post(url, NONSENSE).status_code, 500)
                self.assertLess(self.client.get(url, NONSENSE).status_code, 500)

    def test_it_answers_404_to_references_that_cannot_exist(self):
        self.client.force_login(self.coordinator)
        for reference in ("K2026-00001%00", "%00", "x" * 300, "K2026-%F0%9F%98%80", "..%2F..%2Fetc"):
            with self.subTest(reference=reference):
                url = f"/staff/klachten/{reference}/"
                self.assertEqual(self.client.get(url).status_code, 404)
                self.assertEqual(self.client.post(url + "notitie/", {"text": "x"}).status_code, 404)

"""The status page as the complainant's view of the case (issue 13, point 4):
adding information and attachments, the honest notice once the term has
passed, and "stuur mij de link opnieuw"."""

from datetime import timedelta

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from complaints.models import Complaint, EventKind
from complaints.services import complainant_message_send, complaint_answer_date_set, complaint_forward
from config.testing import register
from intake import spam
from intake.tests.base import IntakeTestCase, delivered, png, without_language_switch
from notifications.models import OutboundEmail


class StatusPageTests(IntakeTestCase):
    def setUp(self) -> None:
        self.complaint = register(location=self.oceaan, received_at=timezone.now() - timedelta(days=3))
        complaint_forward(
            complaint=self.complaint,
            category=self.communication,
            location=self.oceaan,
            handling_location=self.oceaan,
            actor=self.coordinator,
        )
        self.manager.email = "manager@klachtwijs.test"
        self.manager.first_name, self.manager.last_name = "Petra", "Jansen"
        self.manager.save()
        self.url = reverse("intake:status", args=[self.complaint.status_token])

    def post(self, address: str = "192.0.2.20", **overrides):
        key = "5d7c1f0e-1111-4c8e-9f6a-1d2e3f4a5b6c"
        data = {
            "text": "Hierbij een foto van de kapotte poort.",
            "submission_key": key,
            spam.STAMP_FIELD: self.stamp(submission_key=key),
            spam.HONEYPOT_FIELD: "",
        }
        data.update(overrides)
        return self.client.post(self.url, {k: v for k, v in data.items() if v is not None}, REMOTE_ADDR=address)

    def test_the_parent_adds_text_and_a_photo_and_the_handler_is_told(self):
        response = self.post(attachments=[png("poort.png")])
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response["Location"].startswith(self.url + "?bericht=1"))
        event = self.complaint.events.get(kind=EventKind.MESSAGE_RECEIVED)
        self.assertEqual(event.data["message"], "Hierbij een foto van de kapotte poort.")
        self.assertEqual((event.data["via"], event.data["attachments"]), ("status_page", ["poort.png"]))
        self.assertEqual(self.complaint.attachments.get().original_name, "poort.png")
        notice = OutboundEmail.objects.get(template="complainant_message")
        self.assertEqual(notice.to, ["manager@klachtwijs.test"])
        self.assertIsNotNone(Complaint.objects.get(pk=self.complaint.pk).unread_message_at)

        page = self.client.get(response["Location"])
        self.assertContains(page, "uw bericht is bij uw klacht gezet")
        self.assertContains(page, "Hierbij een foto van de kapotte poort.")
        self.assertContains(page, "poort.png")

    def test_the_page_shows_the_handlers_answer_signed_but_no_internal_names(self):
        complainant_message_send(
            complaint=self.complaint, subject="Uw foto", text="Dank u, de poort wordt gemaakt.", actor=self.manager
        )
        page = self.client.get(self.url)
        self.assertContains(page, "Dank u, de poort wordt gemaakt.")
        self.assertContains(page, "Petra Jansen, Locatiemanager")
        self.assertContains(page, "Doorgestuurd voor behandeling")
        self.assertNotContains(page, "coordinator")

    def test_the_form_refuses_what_the_complaint_form_refuses(self):
        cases = {
            "honeypot": ({spam.HONEYPOT_FIELD: "http://spam.example"}, "laat het veld"),
            "no stamp": ({spam.STAMP_FIELD: "x"}, "verlopen of niet volledig geladen"),
            "empty": ({"text": "  "}, "Schrijf een bericht of kies een bijlage."),
            "not an image": ({"attachments": [png("virus.png", b"MZ" + b"\x00" * 100)]}, "virus.png"),
            "too long": ({"text": "x" * 10001}, "niet langer zijn dan 10000 tekens"),
        }
        for name, (overrides, message) in cases.items():
            with self.subTest(name):
                response = self.post(**overrides)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, message)
        self.assertFalse(self.complaint.events.filter(kind=EventKind.MESSAGE_RECEIVED).exists())
        self.assertFalse(self.complaint.attachments.exists())

    @override_settings(INTAKE_RATE_LIMIT=2)
    def test_messages_are_rate_limited_per_address_like_the_form(self):
        self.assertEqual(self.post().status_code, 303)
        self.assertEqual(self.post().status_code, 303)
        refused = self.post()
        self.assertContains(refused, "al meerdere berichten verstuurd")
        self.assertEqual(self.post(address="192.0.2.99").status_code, 303)
        self.assertEqual(self.complaint.events.filter(kind=EventKind.MESSAGE_RECEIVED).count(), 3)

    def test_once_the_term_has_passed_the_page_says_so_and_shows_the_new_date(self):
        Complaint.objects.filter(pk=self.complaint.pk).update(
            received_at=timezone.now() - timedelta(days=50), due_at=timezone.now() - timedelta(days=8)
        )
        page = self.client.get(self.url)
        self.assertContains(page, "De termijn van zes weken is op")
        self.assertContains(page, "De behandelaar laat u weten wanneer u het oordeel kunt verwachten.")
        self.assertNotContains(page, "Antwoord uiterlijk op")

        answer_on = timezone.localdate() + timedelta(days=10)
        complaint_answer_date_set(
            complaint=self.complaint, answer_on=answer_on, subject="Later", text="Het duurt langer.", actor=self.manager
        )
        page = self.client.get(self.url)
        self.assertContains(page, "De termijn van zes weken is op")
        months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
                  "oktober", "november", "december"]  # fmt: skip
        told = f"{answer_on.day} {months[answer_on.month - 1]} {answer_on.year}"
        self.assertContains(page, f"uiterlijk op <strong>{told}</strong> een schriftelijk")
        self.assertContains(page, "Het duurt langer.")


class LinkRequestTests(IntakeTestCase):
    url = reverse("intake:status_link_request")

    def setUp(self) -> None:
        self.complaint = register(location=self.oceaan)

    def request_link(self, address: str = "192.0.2.30", **overrides):
        key = "9a1b2c3d-2222-4c8e-9f6a-1d2e3f4a5b6c"
        data = {
            "email": "ouder@voorbeeld.test",
            "reference": self.complaint.reference,
            "submission_key": key,
            spam.STAMP_FIELD: self.stamp(submission_key=key),
            spam.HONEYPOT_FIELD: "",
        }
        data.update(overrides)
        return self.client.post(self.url, data, REMOTE_ADDR=address)

    def test_the_answer_never_tells_whether_the_combination_exists(self):
        old_url = reverse("intake:status", args=[self.complaint.status_token])
        known = self.request_link()
        unknown = self.request_link(email="iemand@voorbeeld.test")
        self.assertEqual(known.status_code, 200)
        self.assertEqual(without_language_switch(known.content), without_language_switch(unknown.content))
        self.assertContains(known, "Als dit e-mailadres en dit kenmerk bij een klacht horen")

        [email] = OutboundEmail.objects.filter(template="status_link")
        self.assertEqual(email.to, ["ouder@voorbeeld.test"])
        fresh = Complaint.objects.get(pk=self.complaint.pk).status_token
        new_url = reverse("intake:status", args=[fresh])
        self.assertIn(new_url, email.body_text)
        self.assertEqual(self.client.get(new_url).status_code, 200)
        self.assertEqual(self.client.get(old_url).status_code, 404)

    def test_bad_input_gets_a_dutch_message(self):
        response = self.request_link(reference="12345", email="geen-adres")
        self.assertContains(response, "Een kenmerk ziet eruit als K2026-00012.")
        self.assertContains(response, "Vul een geldig e-mailadres in")
        self.assertFalse(OutboundEmail.objects.filter(template="status_link").exists())

    @override_settings(INTAKE_RATE_LIMIT=2)
    def test_requests_are_rate_limited_per_address(self):
        self.request_link(email="a@voorbeeld.test")
        self.request_link(email="b@voorbeeld.test")
        refused = self.request_link()
        self.assertContains(refused, "al vaak om een link gevraagd")
        self.assertFalse(OutboundEmail.objects.filter(template="status_link").exists())

    def test_the_not_found_page_offers_the_request(self):
        response = self.client.get(reverse("intake:status", args=["bestaat-niet"]))
        self.assertContains(response, self.url, status_code=404)
        self.assertEqual(self.client.get(self.url).status_code, 200)


class ComplaintFormSalutationTests(IntakeTestCase):
    def test_the_salutation_given_on_the_form_greets_the_parent(self):
        response = self.submit(salutation="mevrouw")
        self.assertEqual(response.status_code, 303)
        receipt = delivered(OutboundEmail.objects.get(template="receipt"))
        self.assertTrue(receipt.body_text.startswith("Beste mevrouw De Vries,"))

    def test_an_unknown_salutation_is_refused_in_dutch(self):
        response = self.submit(salutation="dr")
        self.assertContains(response, "Kies een aanhef uit de lijst")
        self.assertFalse(OutboundEmail.objects.filter(template="receipt").exists())

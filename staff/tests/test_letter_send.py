from complaints.models import ClosingLetter, Complainant
from complaints.services import complaint_set_outcome, letter_draft
from config.testing import BaseTestCase
from notifications.models import OutboundEmail
from staff.tests.helpers import HandlingTestMixin


class LetterSendTests(HandlingTestMixin, BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        complaint_set_outcome(complaint=self.complaint, verdict="ja", solution="Opgelost.", actor=self.manager)
        letter_draft(complaint=self.complaint, actor=self.manager)

    def test_it_asks_for_confirmation_showing_the_recipient_and_the_text(self):
        response = self.client.get(self.url("letter_send"))
        self.assertContains(response, "ouder@voorbeeld.test")
        self.assertContains(response, "Opgelost.")
        self.assertIsNone(ClosingLetter.objects.get().sent_at)

    def test_it_sends_the_letter_as_pdf_and_keeps_it(self):
        response = self.client.post(self.url("letter_send"))
        self.assertRedirects(response, self.detail_url(), fetch_redirect_response=False)
        letter = ClosingLetter.objects.get()
        self.assertIsNotNone(letter.sent_at)
        self.assertEqual(letter.sent_by, self.manager)
        self.assertTrue(letter.pdf)
        email = OutboundEmail.objects.get(template="closing_letter")
        self.assertEqual(email.to, ["ouder@voorbeeld.test"])
        self.assertEqual(email.attachments.get().mimetype, "application/pdf")
        self.assertContains(self.client.get(response.url), "De afsluitbrief is verstuurd naar ouder@voorbeeld.test")

    def test_it_shows_the_services_refusal_without_an_email_address(self):
        Complainant.objects.filter(complaint=self.complaint).update(email="")
        response = self.client.post(self.url("letter_send"))
        self.assertContains(response, "Er is geen e-mailadres van de indiener")
        self.assertIsNone(ClosingLetter.objects.get().sent_at)

    def test_it_does_not_send_twice(self):
        self.client.post(self.url("letter_send"))
        self.assertContains(self.client.get(self.url("letter_send")), "Deze brief is al verstuurd")
        self.assertContains(self.client.post(self.url("letter_send")), "De afsluitbrief is al verstuurd.")
        self.assertEqual(OutboundEmail.objects.filter(template="closing_letter").count(), 1)

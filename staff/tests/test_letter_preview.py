from complaints.models import ClosingLetter
from complaints.services import complaint_set_outcome, letter_draft
from config.testing import BaseTestCase
from staff.tests.helpers import HandlingTestMixin


class LetterPreviewTests(HandlingTestMixin, BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        complaint_set_outcome(complaint=self.complaint, verdict="ja", solution="Opgelost.", actor=self.manager)

    def test_it_sends_you_to_drafting_when_there_is_no_letter_yet(self):
        self.assertRedirects(self.client.get(self.url("letter_preview")), self.url("letter_draft"))

    def test_it_renders_the_saved_letter_as_pdf_without_storing_it(self):
        letter_draft(complaint=self.complaint, actor=self.manager)
        response = self.client.get(self.url("letter_preview"))
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF-"))
        self.assertIn("inline;", response["Content-Disposition"])
        self.assertIn("no-store", response["Cache-Control"])
        letter = ClosingLetter.objects.get()
        self.assertFalse(letter.pdf)
        self.assertIsNone(letter.sent_at)

    def test_it_renders_the_text_as_typed_without_saving_it(self):
        letter_draft(complaint=self.complaint, actor=self.manager)
        saved = ClosingLetter.objects.get().body
        events = self.complaint.events.count()
        response = self.client.post(self.url("letter_preview"), {"body": "Nog niet opgeslagen tekst."})
        self.assertTrue(response.content.startswith(b"%PDF-"))
        self.assertEqual(ClosingLetter.objects.get().body, saved)
        self.assertEqual(self.complaint.events.count(), events)

    def test_it_sends_an_empty_text_back_to_the_edit_page(self):
        letter_draft(complaint=self.complaint, actor=self.manager)
        response = self.client.post(self.url("letter_preview"), {"body": ""})
        self.assertRedirects(response, self.url("letter_edit"), fetch_redirect_response=False)

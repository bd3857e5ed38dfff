from complaints.services import complaint_set_outcome, letter_draft, letter_send
from config.testing import BaseTestCase
from staff.tests.helpers import HandlingTestMixin


class LetterPdfTests(HandlingTestMixin, BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        complaint_set_outcome(complaint=self.complaint, verdict="ja", solution="Opgelost.", actor=self.manager)
        letter_draft(complaint=self.complaint, actor=self.manager)

    def test_it_answers_404_before_the_letter_is_sent(self):
        self.assertEqual(self.client.get(self.url("letter_pdf")).status_code, 404)

    def test_it_serves_the_stored_pdf_to_those_who_may_see_the_complaint(self):
        letter_send(complaint=self.complaint, actor=self.manager)
        response = self.client.get(self.url("letter_pdf"))
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertIn(f"afhandeling-klacht-{self.complaint.reference}.pdf", response["Content-Disposition"])
        self.assertIn("no-store", response["Cache-Control"])
        self.assertEqual(b"".join(response.streaming_content), self.complaint.letter.pdf.open("rb").read())
        self.client.force_login(self.other_manager)
        self.assertEqual(self.client.get(self.url("letter_pdf")).status_code, 404)

    def test_it_answers_404_when_the_stored_file_is_gone(self):
        letter = letter_send(complaint=self.complaint, actor=self.manager)
        letter.pdf.storage.delete(letter.pdf.name)
        self.assertEqual(self.client.get(self.url("letter_pdf")).status_code, 404)

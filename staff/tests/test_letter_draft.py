from complaints.models import ClosingLetter
from complaints.services import complaint_set_outcome, letter_draft, letter_update
from config.testing import BaseTestCase
from staff.tests.helpers import HandlingTestMixin


class LetterDraftTests(HandlingTestMixin, BaseTestCase):
    def test_it_shows_the_services_refusal_without_verdict_and_solution(self):
        response = self.client.post(self.url("letter_draft"))
        self.assertContains(response, "Leg eerst het oordeel en de oplossing vast")
        self.assertFalse(ClosingLetter.objects.exists())

    def test_it_drafts_the_letter_from_the_default_template_and_opens_it_for_review(self):
        complaint_set_outcome(
            complaint=self.complaint, verdict="deels", solution="Excuses gemaakt.", actor=self.manager
        )
        response = self.client.post(self.url("letter_draft"))
        self.assertRedirects(response, self.url("letter_edit"), fetch_redirect_response=False)
        letter = ClosingLetter.objects.get()
        self.assertIn("Excuses gemaakt.", letter.body)
        self.assertIn("deels gegrond", letter.body)
        self.assertIsNone(letter.sent_at)

    def test_it_warns_that_redrafting_replaces_the_edited_text(self):
        complaint_set_outcome(complaint=self.complaint, verdict="ja", solution="Opgelost.", actor=self.manager)
        letter_draft(complaint=self.complaint, actor=self.manager)
        letter_update(complaint=self.complaint, body="Eigen tekst.", actor=self.manager)
        self.assertContains(self.client.get(self.url("letter_draft")), "Opnieuw opstellen vervangt de tekst")

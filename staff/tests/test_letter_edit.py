from complaints.models import ClosingLetter
from complaints.services import complaint_set_outcome, letter_draft, letter_send
from config.testing import BaseTestCase
from staff.tests.helpers import HandlingTestMixin


class LetterEditTests(HandlingTestMixin, BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        complaint_set_outcome(complaint=self.complaint, verdict="ja", solution="Opgelost.", actor=self.manager)

    def test_it_sends_you_to_drafting_when_there_is_no_letter_yet(self):
        self.assertRedirects(self.client.get(self.url("letter_edit")), self.url("letter_draft"))

    def test_it_shows_the_text_in_a_textarea_with_a_pdf_preview_button(self):
        letter_draft(complaint=self.complaint, actor=self.manager)
        response = self.client.get(self.url("letter_edit"))
        self.assertContains(response, "<textarea")
        self.assertContains(response, "Opgelost.")
        self.assertContains(response, f'formaction="{self.url("letter_preview")}"')

    def test_it_saves_the_edited_text_and_records_the_change(self):
        letter_draft(complaint=self.complaint, actor=self.manager)
        response = self.client.post(self.url("letter_edit"), {"body": "Beste ouder,\n\nNieuwe tekst."})
        self.assertRedirects(response, self.url("letter_edit"), fetch_redirect_response=False)
        self.assertEqual(ClosingLetter.objects.get().body, "Beste ouder,\n\nNieuwe tekst.")
        event = self.complaint.events.get(kind="letter.updated")
        self.assertEqual(event.data["changes"]["body"][1], "Beste ouder,\n\nNieuwe tekst.")
        self.assertContains(self.client.get(self.detail_url()), "tekst van de brief")

    def test_it_refuses_an_empty_letter_and_shows_html_escaped(self):
        letter_draft(complaint=self.complaint, actor=self.manager)
        before = ClosingLetter.objects.get().body
        self.assertIn("body", self.client.post(self.url("letter_edit"), {"body": " "}).context["form"].errors)
        self.assertEqual(ClosingLetter.objects.get().body, before)
        response = self.client.post(self.url("letter_edit"), {"body": "<script>x</script>"})
        response = self.client.get(response.url)
        self.assertContains(response, "&lt;script&gt;x&lt;/script&gt;")
        self.assertNotContains(response, "<script>x</script>")

    def test_it_shows_a_sent_letter_read_only(self):
        letter_draft(complaint=self.complaint, actor=self.manager)
        letter_send(complaint=self.complaint, actor=self.manager)
        response = self.client.get(self.url("letter_edit"))
        self.assertNotContains(response, "<textarea")
        self.assertContains(response, "kan niet meer worden gewijzigd")
        response = self.client.post(self.url("letter_edit"), {"body": "Achteraf gewijzigd."})
        self.assertContains(response, "De afsluitbrief is al verstuurd en kan niet meer worden gewijzigd.")
        self.assertNotEqual(ClosingLetter.objects.get().body, "Achteraf gewijzigd.")

from complaints.models import InternalNote
from config.testing import BaseTestCase, close
from staff.tests.helpers import HandlingTestMixin


class NoteAddTests(HandlingTestMixin, BaseTestCase):
    def test_it_adds_an_internal_note(self):
        response = self.client.post(self.url("note_add"), {"text": "Teamleider gebeld."})
        self.assertRedirects(response, self.detail_url(), fetch_redirect_response=False)
        note = InternalNote.objects.get()
        self.assertEqual((note.text, note.author), ("Teamleider gebeld.", self.manager))
        self.assertEqual(self.complaint.events.filter(kind="note.added").count(), 1)

    def test_it_adds_notes_to_closed_complaints_too(self):
        close(self.complaint, actor=self.manager)
        self.client.post(self.url("note_add"), {"text": "Later nog nagebeld."})
        self.assertTrue(InternalNote.objects.filter(text="Later nog nagebeld.").exists())

    def test_it_refuses_an_empty_note(self):
        response = self.client.post(self.url("note_add"), {"text": "   "})
        self.assertEqual(response.context["form"].errors["text"], ["Dit veld is verplicht."])
        self.assertFalse(InternalNote.objects.exists())

    def test_it_stores_a_note_without_the_null_character_it_was_sent_with(self):
        # Control characters are removed on the way in (config.sanitize), so none reaches the database.
        response = self.client.post(self.url("note_add"), {"text": "a\x00b"})
        self.assertRedirects(response, self.detail_url(), fetch_redirect_response=False)
        self.assertEqual(InternalNote.objects.get().text, "ab")

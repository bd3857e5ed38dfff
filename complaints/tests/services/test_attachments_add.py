from complaints.attachments import MAX_ATTACHMENTS
from complaints.models import Attachment, EventKind
from complaints.services import ComplaintError, attachments_add
from config.testing import BaseTestCase, register
from staff.tests.helpers import png_attachment, png_upload


class AttachmentsAddTests(BaseTestCase):
    def test_it_stores_each_file_with_a_history_entry_naming_the_staff_member(self):
        complaint = register(location=self.oceaan)
        added = attachments_add(
            complaint=complaint, files=[png_attachment("a.png"), png_attachment("b.png")], actor=self.coordinator
        )
        self.assertEqual(sorted(a.original_name for a in added), ["a.png", "b.png"])
        self.assertEqual(Attachment.objects.filter(complaint=complaint).count(), 2)
        events = complaint.events.filter(kind=EventKind.ATTACHMENT_ADDED)
        self.assertEqual([(e.actor, e.data["type"]) for e in events], [(self.coordinator, "image/png")] * 2)

    def test_it_refuses_none_too_many_and_unchecked_files(self):
        complaint = register(location=self.oceaan)
        with self.assertRaisesMessage(ComplaintError, "ten minste één bestand"):
            attachments_add(complaint=complaint, files=[], actor=self.coordinator)
        with self.assertRaisesMessage(ComplaintError, f"hoogstens {MAX_ATTACHMENTS}"):
            attachments_add(
                complaint=complaint, files=[png_attachment()] * (MAX_ATTACHMENTS + 1), actor=self.coordinator
            )
        with self.assertRaises(TypeError):
            attachments_add(complaint=complaint, files=[png_upload()], actor=self.coordinator)
        self.assertFalse(Attachment.objects.filter(complaint=complaint).exists())

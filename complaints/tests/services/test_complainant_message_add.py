from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from complaints.attachments import attachment_check
from complaints.models import EventKind, Status
from complaints.services import ComplaintError, complainant_message_add
from config.testing import BaseTestCase, register
from notifications.models import OutboundEmail

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@override_settings(COORDINATOR_EMAILS=["coordinatie@klachtwijs.test"])
class ComplainantMessageAddTests(BaseTestCase):
    def setUp(self) -> None:
        self.complaint = register(location=self.oceaan)
        self.manager.email = "manager@klachtwijs.test"
        self.manager.save()

    def test_it_records_the_message_with_its_attachments(self):
        photo = attachment_check(SimpleUploadedFile("foto.png", PNG))
        complainant_message_add(
            complaint=self.complaint, text=" Nog een foto. ", subject="Re: klacht", attachments=[photo]
        )
        event = self.complaint.events.get(kind=EventKind.MESSAGE_RECEIVED)
        self.assertEqual((event.actor, event.actor_label), (None, "indiener"))
        self.assertEqual((event.data["message"], event.data["attachments"]), ("Nog een foto.", ["foto.png"]))
        self.assertEqual(self.complaint.attachments.get().original_name, "foto.png")

    def test_the_handler_is_told_once_the_complaint_is_forwarded(self):
        self.complaint.handling_location = self.oceaan
        self.complaint.status = Status.FORWARDED
        self.complaint.save()
        complainant_message_add(complaint=self.complaint, text="Hoe staat het ervoor?")
        notice = OutboundEmail.objects.get(template="complainant_message")
        self.assertEqual(notice.to, ["manager@klachtwijs.test"])
        # The parent's words stay in Klachtwijs, not in a mail to staff.
        self.assertNotIn("Hoe staat het ervoor?", notice.body_text)

    def test_before_triage_the_coordinators_are_told(self):
        complainant_message_add(complaint=self.complaint, text="Hoe staat het ervoor?")
        self.assertEqual(OutboundEmail.objects.get(template="complainant_message").to, ["coordinatie@klachtwijs.test"])

    def test_an_empty_message_is_refused(self):
        with self.assertRaisesMessage(ComplaintError, "leeg"):
            complainant_message_add(complaint=self.complaint, text="   ")
        self.assertFalse(self.complaint.events.filter(kind=EventKind.MESSAGE_RECEIVED).exists())

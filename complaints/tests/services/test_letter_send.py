from datetime import timedelta
from unittest import mock

from django.test import override_settings
from django.utils import timezone

from complaints import letters
from complaints.models import ClosingLetter
from complaints.services import (
    ComplaintError,
    complaint_forward,
    complaint_set_outcome,
    letter_draft,
    letter_send,
)
from config.testing import BaseTestCase, register
from notifications.models import OutboundEmail
from notifications.services import outbox_deliver_one
from notifications.testing import SmtpSink


class LetterSendTests(BaseTestCase):
    def setUp(self) -> None:
        self.complaint = register(location=self.oceaan, received_at=timezone.now() - timedelta(days=3), notify=False)
        complaint_forward(
            complaint=self.complaint,
            category=self.communication,
            location=self.oceaan,
            handling_location=self.oceaan,
            actor=self.coordinator,
        )
        complaint_set_outcome(complaint=self.complaint, verdict="ja", solution="Opgelost.", actor=self.manager)
        letter_draft(complaint=self.complaint, actor=self.manager)

    def test_it_stores_the_pdf_once_and_mails_that_file(self):
        letter = letter_send(complaint=self.complaint, actor=self.manager)
        email = OutboundEmail.objects.get(complaint=self.complaint, template="closing_letter")
        attachment = email.attachments.get()
        # The outbox points at the letter's file; it holds no second copy of the bytes.
        self.assertEqual(attachment.file.name, letter.pdf.name)
        self.assertEqual(bytes(attachment.content), b"")
        self.assertEqual(attachment.filename, f"afhandeling-klacht-{self.complaint.reference}.pdf")

        with SmtpSink() as sink, override_settings(MAILERS=sink.mailers()):
            self.assertTrue(outbox_deliver_one(email_id=email.pk))
            [message] = sink.wait_for(1)
        self.assertEqual(message["To"], "ouder@voorbeeld.test")
        self.assertEqual(message["Subject"], f"Afhandeling van uw klacht {self.complaint.reference}")
        [delivered] = message.iter_attachments()
        self.assertEqual(delivered.get_content_type(), "application/pdf")
        self.assertEqual(delivered.get_filename(), f"afhandeling-klacht-{self.complaint.reference}.pdf")
        letter.pdf.open("rb")
        self.assertEqual(delivered.get_content(), letter.pdf.read())
        self.assertEqual(self.complaint.events.filter(kind="email.sent").count(), 1)

    def test_it_renders_before_taking_the_locks_and_refuses_a_text_changed_meanwhile(self):
        render = letters.letter_pdf

        def render_while_someone_edits(**kwargs):
            pdf = render(**kwargs)
            ClosingLetter.objects.filter(complaint=self.complaint).update(body="Een andere tekst.")
            return pdf

        with mock.patch("complaints.services.letters.letter_pdf", side_effect=render_while_someone_edits):
            with self.assertRaisesMessage(ComplaintError, "intussen gewijzigd"):
                letter_send(complaint=self.complaint, actor=self.manager)
        letter = ClosingLetter.objects.get(complaint=self.complaint)
        self.assertIsNone(letter.sent_at)
        self.assertFalse(letter.pdf)
        self.assertFalse(OutboundEmail.objects.filter(complaint=self.complaint).exists())
        self.assertFalse(self.complaint.events.filter(kind="letter.sent").exists())

    def test_it_renders_nothing_when_the_letter_cannot_be_sent(self):
        self.complaint.complainant.email = ""
        self.complaint.complainant.save()
        with mock.patch("complaints.services.letters.letter_pdf") as render:
            with self.assertRaisesMessage(ComplaintError, "geen e-mailadres"):
                letter_send(complaint=self.complaint, actor=self.manager)
        render.assert_not_called()

"""Automatic mail (receipts, reminders) carries ``Auto-Submitted:
auto-generated`` so out-of-office replies do not answer it (no mail loops);
a message a person wrote does not."""

from django.test import override_settings

from complaints.services import complainant_message_send
from config.testing import BaseTestCase, register
from notifications.models import OutboundEmail
from notifications.services import outbox_deliver_one
from notifications.testing import SmtpSink


class AutoSubmittedTests(BaseTestCase):
    def test_automatic_mail_is_marked_and_a_persons_message_is_not(self):
        complaint = register(location=self.oceaan)
        complainant_message_send(
            complaint=complaint, subject="Vraag", text="Mogen we u bellen?", actor=self.coordinator
        )
        receipt = OutboundEmail.objects.get(template="receipt")
        message = OutboundEmail.objects.get(template="message_to_complainant")
        with SmtpSink() as sink, override_settings(MAILERS=sink.mailers()):
            self.assertTrue(outbox_deliver_one(email_id=receipt.pk))
            self.assertTrue(outbox_deliver_one(email_id=message.pk))
            delivered = {m["Message-ID"]: m for m in sink.wait_for(2)}
        self.assertEqual(delivered[receipt.message_id]["Auto-Submitted"], "auto-generated")
        self.assertIsNone(delivered[message.message_id]["Auto-Submitted"])
        # Both parts, plain text and HTML, in every mail to the complainant.
        for sent in delivered.values():
            self.assertIsNotNone(sent.get_body(preferencelist=("plain",)))
            self.assertIsNotNone(sent.get_body(preferencelist=("html",)))

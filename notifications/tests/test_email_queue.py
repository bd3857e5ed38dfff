from django.db import transaction
from django.test import override_settings
from django.utils import formats, timezone, translation

from config.testing import BaseTestCase, make_location, register
from notifications.models import EmailStatus, OutboundEmail
from notifications.services import EmailAttachment, email_queue
from notifications.testing import SmtpSink

STATUS_URL = "http://testserver/status/geheim-token/"
STAFF_URL = "http://testserver/staff/klachten/K2026-00001/"


class EmailQueueTests(BaseTestCase):
    def setUp(self) -> None:
        self.complaint = register(location=self.oceaan, notify=False)

    def queue_receipt(self, **extra) -> OutboundEmail:
        return email_queue(
            to=extra.pop("to", ["ouder@voorbeeld.test"]),
            template="receipt",
            context={"complaint": self.complaint, "status_url": STATUS_URL},
            complaint=self.complaint,
            **extra,
        )

    def dutch_date(self, value) -> str:
        with translation.override("nl"):
            return formats.date_format(timezone.localtime(value), "j F Y")

    def test_it_stores_the_message_rendered_at_the_time_of_the_change(self):
        email = self.queue_receipt()
        email.refresh_from_db()
        self.assertEqual(email.status, EmailStatus.PENDING)
        self.assertEqual(email.to, ["ouder@voorbeeld.test"])
        self.assertEqual(email.template, "receipt")
        self.assertEqual(email.complaint, self.complaint)
        self.assertIn(self.complaint.reference, email.subject)
        self.assertIn(self.dutch_date(self.complaint.due_at), email.body_text)
        self.assertIn(STATUS_URL, email.body_text)
        self.assertIn(f'href="{STATUS_URL}"', email.body_html)
        self.assertEqual(email.attempts, 0)
        self.assertTrue(email.message_id.startswith("<") and email.message_id.endswith("@klachtwijs.test>"))

    def test_it_renders_in_dutch_whatever_language_is_active(self):
        with translation.override("en"):
            email = self.queue_receipt()
        self.assertIn(self.dutch_date(self.complaint.due_at), email.body_text)
        self.assertIn(self.dutch_date(self.complaint.due_at), email.body_html)

    def test_it_does_not_html_escape_the_plain_text(self):
        location = make_location("Kids & Co 't Hofje", entity=self.partou)
        self.complaint = register(location=location, notify=False)
        email = self.queue_receipt()
        self.assertIn("Kids & Co 't Hofje", email.body_text)
        self.assertIn("Kids &amp; Co", email.body_html)

    def test_it_refuses_an_empty_recipient_list(self):
        for to in ([], ["", "  "]):
            with self.subTest(to=to), self.assertRaises(ValueError):
                self.queue_receipt(to=to)
        self.assertFalse(OutboundEmail.objects.exists())

    def test_it_refuses_a_string_or_an_invalid_address(self):
        for to in ("ouder@voorbeeld.test", ["geen adres"]):
            with self.subTest(to=to), self.assertRaises(ValueError):
                self.queue_receipt(to=to)

    def test_it_refuses_an_invalid_reply_address(self):
        with self.assertRaises(ValueError):
            self.queue_receipt(reply_to="klachten bij ons")

    def test_it_removes_duplicate_recipients(self):
        email = self.queue_receipt(to=["a@voorbeeld.test", "b@voorbeeld.test", "a@voorbeeld.test"])
        self.assertEqual(email.to, ["a@voorbeeld.test", "b@voorbeeld.test"])

    def test_it_stores_attachments(self):
        email = self.queue_receipt(attachments=[EmailAttachment("brief.pdf", b"%PDF-1.7 inhoud", "application/pdf")])
        attachment = email.attachments.get()
        self.assertEqual((attachment.filename, attachment.mimetype), ("brief.pdf", "application/pdf"))
        self.assertEqual(bytes(attachment.content), b"%PDF-1.7 inhoud")

    def test_it_stores_nothing_and_sends_nothing_when_the_transaction_rolls_back(self):
        with SmtpSink() as sink, override_settings(MAILERS=sink.mailers()):
            with self.captureOnCommitCallbacks(execute=True) as callbacks:
                try:
                    with transaction.atomic():
                        self.queue_receipt()
                        raise RuntimeError("the change failed")
                except RuntimeError:
                    pass
        self.assertFalse(OutboundEmail.objects.exists())
        self.assertEqual(callbacks, [])
        self.assertEqual(sink.messages, [])

    def test_it_has_the_worker_send_it_once_the_transaction_commits(self):
        with SmtpSink() as sink, override_settings(MAILERS=sink.mailers()):
            with self.captureOnCommitCallbacks(execute=True):
                email = self.queue_receipt()
                self.assertEqual(sink.messages, [])
            [message] = sink.wait_for(1)
        self.assertEqual(message["Message-ID"], email.message_id)
        email.refresh_from_db()
        self.assertEqual(email.status, EmailStatus.SENT)


class EmailTemplatesTests(BaseTestCase):
    def setUp(self) -> None:
        self.complaint = register(location=self.oceaan, notify=False)

    def test_it_renders_every_template_with_its_context(self):
        contexts = {
            "receipt": {"status_url": STATUS_URL},
            "coordinator_new": {"staff_url": STAFF_URL},
            "handler_forwarded": {"staff_url": STAFF_URL, "due_at": self.complaint.due_at},
            "closing_letter": {"status_url": STATUS_URL},
            "reminder": {"staff_url": STAFF_URL, "message": "De termijn verloopt over drie dagen."},
        }
        for template, extra in contexts.items():
            with self.subTest(template=template):
                email = email_queue(
                    to=["iemand@voorbeeld.test"],
                    template=template,
                    context={"complaint": self.complaint, **extra},
                    complaint=self.complaint,
                )
                self.assertIn(self.complaint.reference, email.subject)
                self.assertNotIn("\n", email.subject)
                for body in (email.body_text, email.body_html):
                    self.assertIn(self.complaint.reference, body)
                    self.assertIn(extra.get("staff_url", STATUS_URL), body)
                    # Staff mail carries no contact details of the complainant.
                    self.assertNotIn("ouder@voorbeeld.test", body)
                    self.assertNotIn("Ouder Test", body)

    def test_it_points_an_unsatisfied_complainant_to_the_klachtenloket_and_the_geschillencommissie(self):
        email = email_queue(
            to=["ouder@voorbeeld.test"],
            template="closing_letter",
            context={"complaint": self.complaint, "status_url": STATUS_URL},
            complaint=self.complaint,
        )
        for body in (email.body_text, email.body_html):
            self.assertIn("Klachtenloket Kinderopvang", body)
            self.assertIn("Geschillencommissie Kinderopvang", body)

    def test_it_tells_the_handler_the_term(self):
        email = email_queue(
            to=["manager@voorbeeld.test"],
            template="handler_forwarded",
            context={"complaint": self.complaint, "staff_url": STAFF_URL, "due_at": self.complaint.due_at},
        )
        with translation.override("nl"):
            due = formats.date_format(timezone.localtime(self.complaint.due_at), "j F Y")
        self.assertIn(f"uiterlijk op {due}", email.body_text)

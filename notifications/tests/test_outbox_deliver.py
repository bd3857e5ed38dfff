from datetime import timedelta
from unittest import mock

import time_machine
from django.db import connection
from django.test import TransactionTestCase, override_settings
from django.utils import timezone

from complaints.models import ComplaintEvent
from config.testing import BaseTestCase, register, run_racing
from notifications.models import EmailStatus, OutboundEmail
from notifications.services import (
    MAX_ATTEMPTS,
    EmailAttachment,
    email_queue,
    outbox_deliver_due,
    outbox_deliver_one,
    outbox_retry,
)
from notifications.testing import SmtpSink, smtp_settings, unused_port
from organisation.models import LegalEntity, Location

PDF = b"%PDF-1.7\n% de brief\n\x00\x01\x02\xff%%EOF\n"
STATUS_URL = "http://testserver/status/geheim-token/"


def queue_closing_letter(complaint) -> OutboundEmail:
    return email_queue(
        to=["ouder@voorbeeld.test"],
        template="closing_letter",
        context={"complaint": complaint, "status_url": STATUS_URL},
        complaint=complaint,
        attachments=[EmailAttachment(f"afhandeling-klacht-{complaint.reference}.pdf", PDF, "application/pdf")],
    )


class OutboxDeliverTests(BaseTestCase):
    def setUp(self) -> None:
        self.complaint = register(location=self.oceaan, notify=False)
        self.email = queue_closing_letter(self.complaint)

    def sent_events(self, kind: str = "email.sent") -> list[ComplaintEvent]:
        return list(self.complaint.events.filter(kind=kind))

    def test_it_delivers_the_message_through_smtp(self):
        with SmtpSink() as sink, override_settings(MAILERS=sink.mailers()):
            self.assertTrue(outbox_deliver_one(email_id=self.email.pk))
            [message] = sink.wait_for(1)

        self.assertEqual(sink.envelopes[0][1], ["ouder@voorbeeld.test"])
        self.assertEqual(message["To"], "ouder@voorbeeld.test")
        self.assertEqual(message["Subject"], f"Afhandeling van uw klacht {self.complaint.reference}")
        self.assertEqual(message["Message-ID"], self.email.message_id)
        text = message.get_body(preferencelist=("plain",)).get_content()
        html = message.get_body(preferencelist=("html",)).get_content()
        self.assertIn("Klachtenloket Kinderopvang", text)
        self.assertIn(STATUS_URL, text)
        self.assertIn(f'href="{STATUS_URL}"', html)
        [attachment] = message.iter_attachments()
        self.assertEqual(attachment.get_content_type(), "application/pdf")
        self.assertEqual(attachment.get_filename(), f"afhandeling-klacht-{self.complaint.reference}.pdf")
        self.assertEqual(attachment.get_content(), PDF)

        self.email.refresh_from_db()
        self.assertEqual(self.email.status, EmailStatus.SENT)
        self.assertEqual(self.email.attempts, 1)
        self.assertIsNotNone(self.email.sent_at)
        [event] = self.sent_events()
        self.assertEqual(event.actor_label, "systeem")
        self.assertEqual(
            event.data,
            {"template": "closing_letter", "subject": self.email.subject, "to": ["ouder@voorbeeld.test"]},
        )

    def test_it_keeps_the_message_while_smtp_is_down_and_sends_it_once_when_it_is_back(self):
        port = unused_port()
        start = timezone.now()
        with override_settings(MAILERS=smtp_settings(port)):
            with time_machine.travel(start, tick=False):
                self.assertEqual(outbox_deliver_due(), 0)
                self.assertEqual(outbox_deliver_due(), 0)  # not due again yet
            self.email.refresh_from_db()
            self.assertEqual(self.email.status, EmailStatus.PENDING)
            self.assertEqual(self.email.attempts, 1)
            self.assertGreater(self.email.next_attempt_at, start)
            self.assertIn("Connection", self.email.last_error)
            self.assertIsNone(self.email.claimed_until)

            with SmtpSink(port=port) as sink, time_machine.travel(self.email.next_attempt_at + timedelta(seconds=1)):
                self.assertEqual(outbox_deliver_due(), 1)
                self.assertEqual(outbox_deliver_due(), 0)
                self.assertEqual(outbox_deliver_one(email_id=self.email.pk), False)
            self.assertEqual(len(sink.messages), 1)

        self.email.refresh_from_db()
        self.assertEqual((self.email.status, self.email.attempts), (EmailStatus.SENT, 2))
        self.assertEqual(len(self.sent_events()), 1)

    def test_it_retries_when_the_server_refuses_the_message(self):
        with SmtpSink(reply="451 4.3.0 Probeer het later opnieuw") as sink, override_settings(MAILERS=sink.mailers()):
            self.assertFalse(outbox_deliver_one(email_id=self.email.pk))
        self.email.refresh_from_db()
        self.assertEqual(self.email.status, EmailStatus.PENDING)
        self.assertIn("451", self.email.last_error)
        self.assertEqual(self.sent_events(), [])

    def test_it_backs_off_from_a_minute_to_at_most_an_hour(self):
        now = timezone.now()
        delays = []
        with override_settings(MAILERS=smtp_settings(unused_port())):
            for _ in range(8):
                outbox_deliver_one(email_id=self.email.pk, now=now)
                self.email.refresh_from_db()
                delays.append(int((self.email.next_attempt_at - now).total_seconds() // 60))
                now = self.email.next_attempt_at
        self.assertEqual(delays, [1, 2, 4, 8, 16, 32, 60, 60])

    def test_it_gives_up_after_the_maximum_attempts_and_keeps_the_message(self):
        now = timezone.now()
        with override_settings(MAILERS=smtp_settings(unused_port())):
            for _ in range(MAX_ATTEMPTS):
                outbox_deliver_due(now=now)
                self.email.refresh_from_db()
                now = self.email.next_attempt_at
            self.assertEqual(outbox_deliver_due(now=now + timedelta(days=30)), 0)

        self.email.refresh_from_db()
        self.assertEqual(self.email.status, EmailStatus.FAILED)
        self.assertEqual(self.email.attempts, MAX_ATTEMPTS)
        self.assertNotEqual(self.email.last_error, "")
        [event] = self.sent_events("email.failed")
        self.assertEqual(event.data["template"], "closing_letter")
        self.assertEqual(event.data["to"], ["ouder@voorbeeld.test"])
        self.assertEqual(self.sent_events(), [])

        with SmtpSink() as sink, override_settings(MAILERS=sink.mailers()):
            self.assertTrue(outbox_retry(email_id=self.email.pk))
            self.assertEqual(outbox_deliver_due(), 1)
        self.assertEqual(len(sink.messages), 1)

    def test_it_leaves_a_message_alone_while_another_worker_holds_it(self):
        lease_end = timezone.now() + timedelta(minutes=5)
        # Another worker claimed it and died before it could mark the message sent.
        OutboundEmail.objects.filter(pk=self.email.pk).update(claimed_until=lease_end, attempts=1)
        with SmtpSink() as sink, override_settings(MAILERS=sink.mailers()):
            self.assertEqual(outbox_deliver_due(), 0)
            self.assertEqual(outbox_deliver_due(now=lease_end + timedelta(seconds=1)), 1)
        [message] = sink.messages
        self.assertEqual(message["Message-ID"], self.email.message_id)

    def test_it_never_sends_a_sent_message_again(self):
        with SmtpSink() as sink, override_settings(MAILERS=sink.mailers()):
            self.assertTrue(outbox_deliver_one(email_id=self.email.pk))
            self.assertFalse(outbox_deliver_one(email_id=self.email.pk))
            self.assertEqual(outbox_deliver_due(now=timezone.now() + timedelta(days=1)), 0)
        self.assertEqual(len(sink.messages), 1)
        self.assertEqual(len(self.sent_events()), 1)

    def test_it_sets_the_reply_address(self):
        email = email_queue(
            to=["manager@voorbeeld.test"],
            template="reminder",
            context={"complaint": self.complaint, "staff_url": "http://testserver/", "message": "Let op."},
            complaint=self.complaint,
            reply_to="klachten@voorbeeld.test",
        )
        with SmtpSink() as sink, override_settings(MAILERS=sink.mailers()):
            self.assertTrue(outbox_deliver_one(email_id=email.pk))
        self.assertEqual(sink.messages[0]["Reply-To"], "klachten@voorbeeld.test")

    def test_it_sends_mail_without_a_complaint_without_history(self):
        email = email_queue(
            to=["coordinator@voorbeeld.test"],
            template="reminder",
            context={"complaint": self.complaint, "staff_url": "http://testserver/", "message": "Let op."},
        )
        with SmtpSink() as sink, override_settings(MAILERS=sink.mailers()):
            self.assertTrue(outbox_deliver_one(email_id=email.pk))
        self.assertEqual(len(sink.messages), 1)
        self.assertEqual(self.sent_events(), [])


class OutboxRaceTests(TransactionTestCase):
    """Two workers sweeping at the same moment: every message arrives once."""

    def setUp(self) -> None:
        if connection.vendor == "sqlite":
            self.skipTest(
                "SQLite's in-memory test database is one shared cache: a second thread gets "
                "'database table is locked' instead of waiting; the race runs on PostgreSQL "
                "(or on SQLite with a file test database)"
            )
        entity = LegalEntity.objects.create(name="Partou B.V.")
        complaint = register(location=Location.objects.create(name="Oceaan", legal_entity=entity), notify=False)
        # Autocommit would hand each message to the (eager) worker at once; here
        # the worker is not running yet, so all twenty are due when the race starts.
        with mock.patch("notifications.tasks.deliver_email"):
            self.emails = [queue_closing_letter(complaint) for _ in range(20)]

    def test_it_sends_each_message_once_when_two_workers_race(self):
        now = timezone.now()
        with SmtpSink() as sink, override_settings(MAILERS=sink.mailers()):
            sent = run_racing(lambda: outbox_deliver_due(now=now))

        self.assertEqual(sum(sent), 20)
        self.assertEqual(len(sink.messages), 20)
        self.assertEqual(
            sorted(message["Message-ID"] for message in sink.messages),
            sorted(email.message_id for email in self.emails),
        )
        self.assertEqual(OutboundEmail.objects.filter(status=EmailStatus.SENT).count(), 20)
        self.assertEqual(ComplaintEvent.objects.filter(kind="email.sent").count(), 20)

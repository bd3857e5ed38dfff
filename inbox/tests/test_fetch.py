"""The worker's fetch against a real IMAP server (dovecot), with real MIME."""

import unittest
from unittest import mock

from django.test import override_settings

from complaints.models import EventKind, Status
from complaints.replies import reply_address
from config.testing import BaseTestCase, close, register
from inbox import fetch
from inbox.fetch import mailbox_fetch
from inbox.models import InboundMessage, MessageState
from inbox.tasks import fetch_mailbox
from inbox.testing import DovecotServer, dovecot_available, unused_port
from inbox.tests.helpers import PNG, mime
from notifications.models import OutboundEmail


@unittest.skipUnless(dovecot_available(), "dovecot is not installed (scripts/ensure-system-deps.sh)")
class MailboxFetchTests(BaseTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.server = DovecotServer().start()
        cls.addClassCleanup(cls.server.stop)

    def setUp(self) -> None:
        # A fresh folder pair per test: the server lives for the class.
        folder = f"Test{self._testMethodName[-40:]}"
        self.folder, self.done = folder, f"{folder}-verwerkt"
        connection = self.server.connect()
        connection.create(folder)
        connection.logout()
        settings = self.server.settings(IMAP_FOLDER=self.folder, IMAP_DONE_FOLDER=self.done)
        overrides = override_settings(**settings, INBOX_ADDRESS="klachten@klachtwijs.test")
        overrides.enable()
        self.addCleanup(overrides.disable)

    def deliver(self, raw: bytes) -> None:
        self.server.append(raw, self.folder)

    def test_it_stores_a_message_and_moves_it_to_the_done_folder(self):
        self.deliver(mime(message_id="<een@voorbeeld.test>", attachments=[("foto.png", PNG, "image/png")]))
        result = mailbox_fetch()
        self.assertEqual((result.stored, result.moved), (1, 1))
        message = InboundMessage.objects.get()
        self.assertEqual(message.message_id, "<een@voorbeeld.test>")
        self.assertEqual((message.sender_name, message.sender_email), ("Mevrouw De Vries", "devries@voorbeeld.test"))
        self.assertEqual(message.subject, "Klacht over de overdracht")
        self.assertIn("zonder overdracht", message.text)
        self.assertEqual(message.state, MessageState.NEW)
        self.assertEqual([a.original_name for a in message.attachments.all()], ["foto.png"])
        with message.raw.open("rb") as handle:
            self.assertIn(b"Message-ID: <een@voorbeeld.test>", handle.read())
        self.assertEqual(self.server.uids(self.folder), [])
        self.assertEqual(len(self.server.uids(self.done)), 1)
        # Nothing is sent for a message in the queue: no receipt before a coordinator registers it.
        self.assertFalse(OutboundEmail.objects.exists())

    def test_a_crash_between_store_and_move_neither_loses_nor_duplicates(self):
        self.deliver(mime(message_id="<crash@voorbeeld.test>"))
        with mock.patch.object(fetch, "move_to_done", side_effect=Crash("stroom uitgevallen")):
            with self.assertRaises(Crash):
                mailbox_fetch()
        self.assertEqual(InboundMessage.objects.count(), 1)
        self.assertEqual(len(self.server.uids(self.folder)), 1)
        result = mailbox_fetch()
        self.assertEqual((result.stored, result.duplicates, result.moved), (0, 1, 1))
        self.assertEqual(InboundMessage.objects.count(), 1)
        self.assertEqual(self.server.uids(self.folder), [])

    def test_a_crash_before_the_store_leaves_the_message_in_the_mailbox(self):
        self.deliver(mime(message_id="<voor@voorbeeld.test>"))
        with mock.patch.object(fetch, "inbound_store", side_effect=Crash("stroom uitgevallen")):
            with self.assertRaises(Crash):
                mailbox_fetch()
        self.assertFalse(InboundMessage.objects.exists())
        self.assertEqual(len(self.server.uids(self.folder)), 1)
        mailbox_fetch()
        self.assertEqual(InboundMessage.objects.get().message_id, "<voor@voorbeeld.test>")

    def test_a_message_that_cannot_be_read_is_kept_unread_and_does_not_block_the_others(self):
        self.deliver(mime(message_id="<gif@voorbeeld.test>", subject="eerste"))
        self.deliver(mime(message_id="<goed@voorbeeld.test>", subject="tweede"))
        real = fetch.inbound_store

        def buggy(*, raw):
            if b"<gif@voorbeeld.test>" in raw:
                raise ValueError("onverwacht")
            return real(raw=raw)

        with mock.patch.object(fetch, "inbound_store", side_effect=buggy), self.assertLogs("inbox.fetch", "ERROR"):
            result = mailbox_fetch()
        self.assertEqual((result.stored, result.unread, result.moved), (2, 1, 2))
        unread = InboundMessage.objects.get(subject="(onleesbaar)")
        self.assertEqual(unread.state, MessageState.NEW)
        self.assertIn("ValueError: onverwacht", unread.problems[0])
        with unread.raw.open("rb") as handle:
            self.assertIn(b"<gif@voorbeeld.test>", handle.read())
        self.assertTrue(InboundMessage.objects.filter(message_id="<goed@voorbeeld.test>").exists())
        self.assertEqual(self.server.uids(self.folder), [])

    def test_when_even_keeping_fails_the_message_stays_and_the_next_is_read(self):
        self.deliver(mime(message_id="<blijft@voorbeeld.test>"))
        self.deliver(mime(message_id="<volgende@voorbeeld.test>"))
        real = fetch.store

        def failing(raw):
            if b"<blijft@voorbeeld.test>" in raw:
                raise OSError("schijf vol")
            return real(raw)

        with mock.patch.object(fetch, "store", side_effect=failing), self.assertLogs("inbox.fetch", "ERROR"):
            result = mailbox_fetch()
        self.assertEqual((result.stored, result.failed), (1, 1))
        self.assertEqual(len(self.server.uids(self.folder)), 1)
        mailbox_fetch()
        self.assertTrue(InboundMessage.objects.filter(message_id="<blijft@voorbeeld.test>").exists())

    def test_automatic_mail_is_marked_and_never_becomes_anything(self):
        complaint = register(location=self.oceaan)
        tagged = reply_address(complaint.pk)
        emails_before = OutboundEmail.objects.count()
        self.deliver(mime(to=tagged, subject="Afwezig", headers={"Auto-Submitted": "auto-replied"}))
        self.deliver(mime(subject="Nieuwsbrief", headers={"Precedence": "bulk"}))
        self.deliver(mime(subject="Lijst", headers={"List-Id": "<ouders.lijst.test>"}))
        self.deliver(mime(to=tagged, subject="Ik ben er niet", headers={"X-Autoreply": "yes"}))
        self.deliver(dsn(to=tagged))
        result = mailbox_fetch()
        self.assertEqual(result.stored, 5)
        states = set(InboundMessage.objects.values_list("state", flat=True))
        self.assertEqual(states, {MessageState.AUTOMATIC})
        reasons = sorted(InboundMessage.objects.values_list("automatic_reason", flat=True))
        self.assertTrue(any(reason.startswith("multipart/report") for reason in reasons), reasons)
        self.assertFalse(complaint.events.filter(kind=EventKind.MESSAGE_RECEIVED).exists())
        self.assertEqual(OutboundEmail.objects.count(), emails_before)

    @override_settings(COORDINATOR_EMAILS=["coordinatie@klachtwijs.test"])
    def test_a_reply_lands_on_its_complaint_and_the_handler_is_told(self):
        complaint = register(location=self.oceaan)
        receipt = OutboundEmail.objects.get(template="receipt", complaint=complaint)
        self.assertEqual(receipt.reply_to, reply_address(complaint.pk))
        self.deliver(
            mime(
                to=receipt.reply_to,
                subject=f"Re: {receipt.subject}",
                text="Hierbij nog een foto van de plek.",
                attachments=[("plek.png", PNG, "image/png")],
            )
        )
        mailbox_fetch()
        message = InboundMessage.objects.get()
        self.assertEqual((message.state, message.complaint), (MessageState.REPLY_ADDED, complaint), message.problems)
        event = complaint.events.get(kind=EventKind.MESSAGE_RECEIVED)
        self.assertEqual(event.actor_label, "indiener")
        self.assertEqual(event.data["message"], "Hierbij nog een foto van de plek.")
        self.assertEqual(list(complaint.attachments.values_list("original_name", flat=True)), ["plek.png"])
        notice = OutboundEmail.objects.get(template="complainant_message")
        self.assertIn(complaint.reference, notice.subject)
        # Before triage the coordinators are the handler.
        self.assertEqual(notice.to, ["coordinatie@klachtwijs.test"])

    def test_a_reply_with_a_forged_tag_goes_to_the_queue(self):
        complaint = register(location=self.oceaan)
        forged = f"klachten+{complaint.pk}-{'0' * 20}@klachtwijs.test"
        self.deliver(mime(to=forged))
        mailbox_fetch()
        message = InboundMessage.objects.get()
        self.assertEqual((message.state, message.complaint), (MessageState.NEW, None))
        self.assertFalse(complaint.events.filter(kind=EventKind.MESSAGE_RECEIVED).exists())

    def test_a_reply_to_a_closed_complaint_waits_for_the_coordinator(self):
        complaint = register(location=self.oceaan)
        complaint.handling_location = self.oceaan
        complaint.status = Status.FORWARDED
        complaint.save()
        close(complaint, actor=self.manager)
        self.deliver(mime(to=reply_address(complaint.pk), text="Het is weer gebeurd."))
        mailbox_fetch()
        message = InboundMessage.objects.get()
        self.assertEqual(message.state, MessageState.REPLY_CLOSED)
        self.assertTrue(complaint.events.filter(kind=EventKind.MESSAGE_RECEIVED).exists())
        complaint.refresh_from_db()
        self.assertEqual(complaint.status, Status.CLOSED)

    def test_bad_messages_are_stored_without_a_crash(self):
        self.deliver(
            b"From: =?x-onbekend?q?Pi=E9t?= <piet@voorbeeld.test>\r\nSubject: kapot\r\n"
            b"Message-ID: <kapot@voorbeeld.test>\r\nDate: gisteren ergens\r\n"
            b'Content-Type: multipart/mixed; boundary="nooit"\r\n\r\ngeen enkele grens hier\r\n'
        )
        self.deliver(
            b"From: jan@voorbeeld.test\r\nSubject: tekenset\r\nMessage-ID: <charset@voorbeeld.test>\r\n"
            b"Content-Type: text/plain; charset=x-klingon\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            b"Caf\xe9 dicht\r\n"
        )
        self.deliver(b"From: zonder-id@voorbeeld.test\r\nSubject: geen id\r\n\r\nTekst zonder Message-ID\r\n")
        self.deliver(
            mime(
                message_id="<html@voorbeeld.test>",
                text="",
                html="<html><head><style>p{}</style><script>alert(1)</script></head>"
                "<body><p>Beste klachtencommissie,</p><p>het <b>hek</b> stond open.</p></body></html>",
            )
        )
        self.deliver(
            mime(
                message_id="<bijlagen@voorbeeld.test>",
                attachments=[
                    ("virus.exe", b"MZ\x90\x00" * 20, "application/octet-stream"),
                    ("ok.png", PNG, "image/png"),
                ],
            )
        )
        result = mailbox_fetch()
        self.assertEqual((result.stored, result.moved), (5, 5))
        charset = InboundMessage.objects.get(message_id="<charset@voorbeeld.test>")
        self.assertIn("dicht", charset.text)
        self.assertTrue(any("tekenset" in problem for problem in charset.problems), charset.problems)
        broken = InboundMessage.objects.get(message_id="<kapot@voorbeeld.test>")
        self.assertIsNone(broken.sent_at)
        no_id = InboundMessage.objects.get(subject="geen id")
        self.assertTrue(no_id.message_id.startswith("<sha256-"))
        html = InboundMessage.objects.get(message_id="<html@voorbeeld.test>")
        self.assertIn("het hek stond open.", html.text)
        self.assertNotIn("alert", html.text)
        with_files = InboundMessage.objects.get(message_id="<bijlagen@voorbeeld.test>")
        self.assertEqual([a.original_name for a in with_files.attachments.all()], ["ok.png"])
        self.assertTrue(any("virus.exe" in problem for problem in with_files.problems))

    def test_a_20_mb_message_is_stored(self):
        big = PNG + b"\x00" * (14 * 1024 * 1024)  # base64 makes it about 19 MB on the wire
        self.deliver(mime(message_id="<groot@voorbeeld.test>", attachments=[("groot.png", big, "image/png")]))
        mailbox_fetch()
        message = InboundMessage.objects.get()
        self.assertGreater(message.size, 18 * 1024 * 1024)
        # Over the form's 10 MB: refused as an attachment, kept in the raw message.
        self.assertFalse(message.attachments.exists())
        self.assertTrue(any("groter dan 10 MB" in problem for problem in message.problems))

    def test_a_message_over_the_cap_is_queued_as_too_large_with_its_headers_only(self):
        big = PNG + b"\x00" * (2 * 1024 * 1024)
        self.deliver(
            mime(
                message_id="<te-groot@voorbeeld.test>", subject="Filmpje", attachments=[("film.png", big, "image/png")]
            )
        )
        self.deliver(mime(message_id="<klein@voorbeeld.test>"))
        with override_settings(INBOX_MAX_MESSAGE_BYTES=1024 * 1024):
            result = mailbox_fetch()
        self.assertEqual((result.stored, result.moved, result.failed), (2, 2, 0))
        message = InboundMessage.objects.get(message_id="<te-groot@voorbeeld.test>")
        self.assertTrue(message.too_large)
        self.assertEqual((message.state, message.subject, message.text), (MessageState.NEW, "Filmpje", ""))
        self.assertGreater(message.size, 2 * 1024 * 1024)
        self.assertTrue(message.problems[0].startswith("Te groot (3 MB, grens 1 MB)"))
        self.assertFalse(message.attachments.exists())
        with message.raw.open("rb") as stored:
            self.assertLess(len(stored.read()), 10_000)
        self.assertFalse(InboundMessage.objects.get(message_id="<klein@voorbeeld.test>").too_large)
        # The whole message is kept on the server, in the done folder.
        self.assertEqual(len(self.server.uids(self.done)), 2)

    def test_the_worker_task_reads_the_mailbox(self):
        self.deliver(mime(message_id="<taak@voorbeeld.test>"))
        self.assertEqual(fetch_mailbox.call_local(), 1)
        self.assertTrue(InboundMessage.objects.filter(message_id="<taak@voorbeeld.test>").exists())
        with override_settings(IMAP_HOST=""):
            self.assertEqual(fetch_mailbox.call_local(), 0)

    def test_the_worker_task_survives_an_unreachable_mailbox(self):
        with override_settings(IMAP_PORT=unused_port()), self.assertLogs("inbox.tasks", "ERROR"):
            self.assertEqual(fetch_mailbox.call_local(), 0)

    def test_a_wrong_password_is_a_mailbox_error(self):
        with override_settings(IMAP_PASSWORD="fout"):
            with self.assertRaises(fetch.MailboxError):
                mailbox_fetch()


class Crash(BaseException):
    """The process dies (power, OOM kill): nothing in the worker catches it."""


def dsn(*, to: str) -> bytes:
    """A delivery status notification (RFC 3464) as a mail server sends it."""
    return (
        "From: Mail Delivery System <MAILER-DAEMON@voorbeeld.test>\r\n"
        f"To: {to}\r\nSubject: Undelivered Mail Returned to Sender\r\n"
        "Message-ID: <dsn@voorbeeld.test>\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\r\n\r\n'
        "--b1\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
        "--b1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; voorbeeld.test\r\n\r\n"
        "Final-Recipient: rfc822; x@voorbeeld.test\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "--b1--\r\n"
    ).encode()

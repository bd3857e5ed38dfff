"""Reading raw messages without a mailbox: the shapes the fetch tests do not cover."""

from django.test import SimpleTestCase

from inbox.fetch import quoted, xoauth2_string
from inbox.parsing import html_to_text, parse_message
from inbox.tests.helpers import mime


class ParseMessageTests(SimpleTestCase):
    def test_encoded_headers_are_decoded(self):
        raw = (
            b"From: =?utf-8?q?Jos=C3=A9_de_Boer?= <jose@voorbeeld.test>\r\n"
            b"Subject: =?iso-8859-1?q?Klacht_=FCber_BSO?=\r\nMessage-ID: <enc@voorbeeld.test>\r\n\r\nTekst\r\n"
        )
        parsed = parse_message(raw)
        self.assertEqual((parsed.sender_name, parsed.subject), ("José de Boer", "Klacht über BSO"))

    def test_it_never_raises_on_garbage(self):
        for raw in (b"", b"\x00\xff\xfe" * 1000, b"Subject: \xff\xfe\r\n\r\n", b"From: <<<>>>\r\n\r\n"):
            parsed = parse_message(raw)
            self.assertTrue(parsed.message_id.startswith("<sha256-"))

    def test_machines_are_recognised_and_people_are_not(self):
        self.assertEqual(parse_message(mime()).automatic_reason, "")
        self.assertEqual(parse_message(mime(headers={"Auto-Submitted": "no"})).automatic_reason, "")
        self.assertEqual(parse_message(mime(headers={"Precedence": "junk"})).automatic_reason, "Precedence: junk")
        self.assertTrue(parse_message(mime(sender="MAILER-DAEMON@voorbeeld.test")).automatic_reason)

    def test_html_as_text(self):
        text = html_to_text("<div>Beste,<br>het <a href='x'>hek</a>&nbsp;stond open</div><style>x{}</style>")
        self.assertEqual(text, "Beste,\nhet hek stond open")


class ImapHelperTests(SimpleTestCase):
    def test_xoauth2_initial_response(self):
        self.assertEqual(
            xoauth2_string("klachten@partou.nl", "tok"), b"user=klachten@partou.nl\x01auth=Bearer tok\x01\x01"
        )

    def test_folder_names_are_quoted(self):
        self.assertEqual(quoted('Klachten "oud"'), '"Klachten \\"oud\\""')

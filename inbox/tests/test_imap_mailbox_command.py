import tempfile
import unittest
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import SimpleTestCase

from inbox.testing import DovecotServer, dovecot_available, unused_port
from inbox.tests.helpers import mime


@unittest.skipUnless(dovecot_available(), "dovecot is not installed")
class ImapMailboxCommandTests(SimpleTestCase):
    def test_append_delivers_eml_files_to_the_demo_mailbox(self):
        directory = Path(self.enterContext(tempfile.TemporaryDirectory()))
        directory.chmod(0o755)  # dovecot's unprivileged auth process reads the passwd file inside
        port = unused_port()
        server = DovecotServer(port=port, password="klachten", directory=directory / "imap").start()
        self.addCleanup(server.stop)
        eml = directory / "klacht.eml"
        eml.write_bytes(mime())
        out = StringIO()
        call_command("imap_mailbox", "--port", str(port), "--append", str(eml), stdout=out)
        self.assertIn("afgeleverd", out.getvalue())
        self.assertEqual(len(server.uids()), 1)

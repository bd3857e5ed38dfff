import re
import tempfile
from io import StringIO
from pathlib import Path
from unittest import mock

from django.core.mail import EmailMessage
from django.core.management import call_command
from django.test import SimpleTestCase, override_settings

from notifications.management.commands.mail_sink import Command
from notifications.testing import smtp_settings


class MailSinkTests(SimpleTestCase):
    def test_it_writes_each_message_to_an_eml_file(self):
        directory = Path(self.enterContext(tempfile.TemporaryDirectory()))
        out = StringIO()

        def send_while_running(command: Command) -> None:
            port = int(re.search(r"127\.0\.0\.1:(\d+)", out.getvalue())[1])
            with override_settings(MAILERS=smtp_settings(port)):
                EmailMessage("Uw klacht", "Inhoud van het bericht.", to=["ouder@voorbeeld.test"]).send(using="default")

        with mock.patch.object(Command, "wait_until_interrupted", send_while_running):
            call_command("mail_sink", "--port", "0", "--dir", str(directory), stdout=out)

        [path] = directory.iterdir()
        self.assertRegex(path.name, r"^\d{8}T\d{6}Z-1\.eml$")
        content = path.read_bytes()
        self.assertIn(b"Subject: Uw klacht", content)
        self.assertIn(b"Inhoud van het bericht.", content)
        self.assertIn("mail voor ouder@voorbeeld.test: Uw klacht", out.getvalue())

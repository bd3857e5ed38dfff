"""The mailbox over TLS (IMAPS), as production reads it: the certificate is checked."""

import unittest

from django.test import TestCase, override_settings

from inbox.fetch import MailboxError, mailbox_fetch
from inbox.models import InboundMessage
from inbox.testing import DovecotServer, dovecot_available
from inbox.tests.helpers import mime


@unittest.skipUnless(dovecot_available(), "dovecot is not installed (scripts/ensure-system-deps.sh)")
class MailboxTlsTests(TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.server = DovecotServer(tls=True).start()
        cls.addClassCleanup(cls.server.stop)

    def tls_settings(self, **extra):
        return self.server.settings(IMAP_SSL=True, IMAP_PORT=self.server.imaps_port, **extra)

    def test_it_reads_the_mailbox_over_imaps_with_a_trusted_certificate(self):
        self.server.append(mime(message_id="<tls@voorbeeld.test>"))
        with override_settings(**self.tls_settings(IMAP_CA_FILE=self.server.ca_file)):
            result = mailbox_fetch()
        self.assertEqual(result.stored, 1)
        self.assertTrue(InboundMessage.objects.filter(message_id="<tls@voorbeeld.test>").exists())

    def test_it_refuses_a_certificate_it_cannot_verify(self):
        with override_settings(**self.tls_settings()):
            with self.assertRaisesMessage(MailboxError, "CERTIFICATE_VERIFY_FAILED"):
                mailbox_fetch()

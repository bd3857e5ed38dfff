from django.test import TestCase, override_settings

from notifications.models import OutboundEmail
from notifications.services import MAX_ATTEMPTS, email_queue, outbox_deliver_one
from notifications.signals import email_failed, email_sent
from notifications.testing import SmtpSink, smtp_settings, unused_port


class OutboxSignalTests(TestCase):
    """The outbox reports what became of a message; it does not know who listens."""

    def setUp(self) -> None:
        self.email = email_queue(
            to=["coordinator@voorbeeld.test"],
            template="overdue_digest",
            context={"complaints": [], "day": None},
        )
        self.heard: list[tuple[str, dict]] = []
        for name, signal in (("sent", email_sent), ("failed", email_failed)):
            handler = self.listener(name)
            signal.connect(handler, dispatch_uid=f"test-{name}")
            self.addCleanup(signal.disconnect, dispatch_uid=f"test-{name}")
            setattr(self, f"_keep_{name}", handler)  # signals hold weak references

    def listener(self, name: str):
        def heard(sender, **kwargs) -> None:
            self.heard.append((name, kwargs))

        return heard

    def test_it_reports_a_delivered_message(self):
        with SmtpSink() as sink, override_settings(MAILERS=sink.mailers()):
            self.assertTrue(outbox_deliver_one(email_id=self.email.pk))
        [(name, kwargs)] = self.heard
        self.assertEqual((name, kwargs["email"].pk), ("sent", self.email.pk))

    def test_it_reports_a_message_given_up_with_its_error(self):
        OutboundEmail.objects.filter(pk=self.email.pk).update(attempts=MAX_ATTEMPTS - 1)
        with override_settings(MAILERS=smtp_settings(unused_port())):
            self.assertFalse(outbox_deliver_one(email_id=self.email.pk))
        [(name, kwargs)] = self.heard
        self.assertEqual((name, kwargs["email"].pk), ("failed", self.email.pk))
        self.assertIn("Error", kwargs["error"])

"""The public form's two e-mails (receipt to the parent, notice to the coordinators)
are rendered by the worker, not in the parent's request: stored with the complaint
in the same transaction, with the values they read frozen at that moment."""

import io
import json
import zipfile
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.test import SimpleTestCase, override_settings
from django.utils import timezone

from complaints import emails
from complaints.models import Complaint, EventKind
from complaints.services.privacy import complainant_erase, complainant_export
from intake.tests.base import IntakeTestCase, delivered
from notifications.models import EmailStatus, OutboundEmail
from notifications.rendering import freeze, thaw
from notifications.services import outbox_deliver_one


def content(email: OutboundEmail) -> tuple[str, str, str]:
    return email.subject, email.body_text, email.body_html


@override_settings(COORDINATOR_EMAILS=["coordinatie@voorbeeld.test"])
class RenderedByTheWorkerTests(IntakeTestCase):
    def test_they_are_stored_unrendered_and_the_worker_renders_what_the_request_would_have(self):
        for language in ("nl", "en"):
            with self.subTest(language=language):
                self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
                key = f"7a0f3c4e-2b1d-4c8e-9f6a-1d2e3f4a5b6{'c' if language == 'nl' else 'd'}"
                self.assertEqual(self.submit(submission_key=key, salutation="mevrouw").status_code, 303)
                complaint = Complaint.objects.get(submission_key=key)
                stored = {e.template: e for e in OutboundEmail.objects.filter(complaint=complaint)}
                self.assertEqual(set(stored), {"receipt", "coordinator_new"})
                for email in stored.values():
                    self.assertTrue(email.render_pending)
                    self.assertEqual(content(email), ("", "", ""))
                    self.assertEqual(email.status, EmailStatus.PENDING)
                # The same e-mails rendered in the request, as before (rows of their own).
                now_receipt = emails.receipt(complaint)
                now_notice = emails.coordinator_new(complaint)
                self.assertFalse(now_receipt.render_pending)
                receipt, notice = delivered(stored["receipt"]), delivered(stored["coordinator_new"])
                self.assertEqual(content(receipt), content(now_receipt))
                self.assertEqual(content(notice), content(now_notice))
                self.assertFalse(receipt.render_pending)
                self.assertEqual(receipt.context, {})
                self.assertEqual(receipt.status, EmailStatus.SENT)
                self.assertIn(complaint.reference, receipt.subject)
                self.assertIn(complaint.status_token, receipt.body_text)
                greeting = "Dear Ms De Vries," if language == "en" else "Beste mevrouw De Vries,"
                self.assertTrue(receipt.body_text.startswith(greeting))
                # The history shows them sent, with their subject.
                sent = complaint.events.filter(kind=EventKind.EMAIL_SENT, data__template="receipt").get()
                self.assertEqual(sent.data["subject"], receipt.subject)

    def test_a_triage_before_delivery_does_not_change_what_they_say(self):
        self.submit()
        complaint = Complaint.objects.get()
        expected = content(emails.coordinator_new(complaint)), content(emails.receipt(complaint))
        Complaint.objects.filter(pk=complaint.pk).update(
            location=self.margriet, due_at=complaint.due_at + timedelta(days=30)
        )
        notice = delivered(
            OutboundEmail.objects.get(complaint=complaint, template="coordinator_new", render_pending=True)
        )
        receipt = delivered(OutboundEmail.objects.get(complaint=complaint, template="receipt", render_pending=True))
        self.assertEqual((content(notice), content(receipt)), expected)
        self.assertIn(self.oceaan.name, notice.subject)
        self.assertNotIn(self.margriet.name, notice.body_text)

    def test_a_template_that_fails_fails_the_message_at_once_and_the_history_shows_it(self):
        self.submit()
        complaint = Complaint.objects.get()
        receipt = OutboundEmail.objects.get(template="receipt")
        OutboundEmail.objects.filter(pk=receipt.pk).update(template="bestaat_niet")
        self.assertFalse(outbox_deliver_one(email_id=receipt.pk))
        receipt.refresh_from_db()
        self.assertEqual(receipt.status, EmailStatus.FAILED)
        self.assertTrue(receipt.last_error.startswith("Niet opgesteld: TemplateDoesNotExist"))
        self.assertTrue(receipt.render_pending)  # its values stay: nothing was sent
        failed = complaint.events.get(kind=EventKind.EMAIL_FAILED)
        self.assertEqual(failed.data["template"], "bestaat_niet")
        self.assertEqual(failed.data["to"], ["sanne@voorbeeld.test"])
        # Not tried again.
        self.assertFalse(outbox_deliver_one(email_id=receipt.pk, now=timezone.now() + timedelta(days=1)))

    def test_the_export_shows_and_the_erasure_scrubs_a_message_not_rendered_yet(self):
        self.submit()
        complaint = Complaint.objects.get()
        receipt = OutboundEmail.objects.get(template="receipt")
        self.assertTrue(receipt.render_pending)
        export = complainant_export(complaint=complaint, actor=self.coordinator)
        with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
            summary = json.loads(archive.read("overzicht.json"))
        [sent] = summary["klachten"][0]["e-mails"]
        self.assertEqual(sent["onderwerp"], f"Wij hebben uw klacht ontvangen ({complaint.reference})")
        self.assertIn(complaint.status_token, sent["tekst"])
        self.assertTrue(sent["tekst"].startswith("Beste Sanne de Vries,"))
        # Nothing was saved by the export: the worker still renders it.
        receipt.refresh_from_db()
        self.assertTrue(receipt.render_pending)

        token = complaint.status_token
        self.assertIn(token, json.dumps(receipt.context))
        self.assertTrue(complainant_erase(complaint=complaint, actor=self.coordinator))
        receipt.refresh_from_db()
        self.assertEqual(receipt.status, EmailStatus.FAILED)  # to the erased address: never sent
        frozen = json.dumps(receipt.context)
        for value in ("Sanne", "Vries", token):
            self.assertNotIn(value, frozen)
        self.assertIn(complaint.reference, frozen)


class FreezeTests(SimpleTestCase):
    def test_values_come_back_as_they_were_and_a_model_is_refused(self):
        moment = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
        value = {"a": [moment, moment.date(), "x", 1, None, True], "b": {"c": 1.5}}
        self.assertEqual(thaw(json.loads(json.dumps(freeze(value)))), value)
        with self.assertRaises(TypeError):
            freeze({"complaint": Complaint(reference="K1")})
        with self.assertRaises(TypeError):
            freeze({"at": datetime(2026, 3, 29)})  # naive: would render in another zone

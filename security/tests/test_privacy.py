"""Issue 10, point 5: privacy that is real (AVG). Erasing contact details removes
them everywhere the system put them; the coordinator erases on request (art. 17)
and exports everything held about a complainant (art. 15), both recorded; the
retention period is a setting shown in the privacy statement; e-mail addresses
and status-link tokens stay out of the app's logs."""

import io
import json
import logging
import zipfile

from django.core.files.storage import default_storage
from django.test import override_settings
from django.urls import reverse

from complaints.models import ClosingLetter, Complainant, Complaint, ComplaintEvent
from complaints.services import (
    ComplainantData,
    complainant_erase,
    complaint_close,
    complaint_set_outcome,
    letter_draft,
    letter_send,
    letter_update,
)
from config.log_redaction import RedactingFilter, redact
from config.testing import BaseTestCase, close, register
from notifications.models import EmailStatus, OutboundAttachment, OutboundEmail
from notifications.services import outbox_deliver_due
from notifications.testing import SmtpSink
from staff.tests.helpers import forwarded, png_attachment

NAME, EMAIL, PHONE = "Sanne de Vries", "sanne.devries@voorbeeld.test", "06-12345678"


def complainant() -> ComplainantData:
    return ComplainantData(name=NAME, email=EMAIL, phone=PHONE)


class ErasureEverywhereTests(BaseTestCase):
    """A complaint that went the whole way: receipt, forwarding, a letter edited
    with the name, sent as a PDF and delivered; then erased on request."""

    def setUp(self) -> None:
        self.complaint = forwarded(
            location=self.oceaan,
            actor=self.coordinator,
            category=self.communication,
            complainant=complainant(),
            attachments=[png_attachment()],
        )
        self.token = self.complaint.status_token
        with SmtpSink() as sink, override_settings(MAILERS=sink.mailers()):
            outbox_deliver_due()
            complaint_set_outcome(complaint=self.complaint, verdict="deels", solution="Besproken.", actor=self.manager)
            letter = letter_draft(complaint=self.complaint, actor=self.manager)
            letter_update(complaint=self.complaint, body=letter.body + f"\n\nGroet aan {NAME}.", actor=self.manager)
            letter_send(complaint=self.complaint, actor=self.manager)
            complaint_close(complaint=self.complaint, actor=self.manager)
            outbox_deliver_due()
        self.letter = ClosingLetter.objects.get(complaint=self.complaint)
        self.pdf_name = self.letter.pdf.name

    def held(self) -> str:
        """Every place the system keeps text about this complaint, as one string."""
        parts = [
            json.dumps(list(Complainant.objects.filter(complaint=self.complaint).values("name", "email", "phone"))),
            json.dumps(list(ComplaintEvent.objects.filter(complaint=self.complaint).values_list("data", flat=True))),
            json.dumps(
                list(
                    OutboundEmail.objects.filter(complaint=self.complaint).values(
                        "to", "subject", "body_text", "body_html", "reply_to", "last_error"
                    )
                )
            ),
            ClosingLetter.objects.get(complaint=self.complaint).body,
        ]
        return "\n".join(parts)

    def erase(self, reason: str = "Verzoek van de indiener per e-mail van 3 maart."):
        self.client.force_login(self.coordinator)
        url = reverse("staff:complainant_erase", args=[self.complaint.reference])
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(url, {"reason": reason}, follow=True)

    def test_before_erasure_the_details_are_in_every_place_the_test_looks(self):
        held = self.held()
        for value in (NAME, EMAIL, self.token):
            self.assertIn(value, held)
        sent = self.complaint.events.filter(kind__in=["letter.sent", "email.sent"])
        self.assertGreaterEqual(sent.count(), 3)  # receipt, letter, letter e-mail
        self.assertTrue(default_storage.exists(self.pdf_name))

    def test_erasure_on_request_removes_them_everywhere_and_records_why(self):
        response = self.erase()
        self.assertContains(response, "overal gewist")
        held = self.held()
        for value in (NAME, EMAIL, PHONE, self.token):
            with self.subTest(value=value):
                self.assertNotIn(value, held)
                self.assertNotIn(value.lower(), held.lower())
        self.assertIn("[gewist]", held)
        # The stored letter (which named the parent) is gone, also for the outbox.
        letter = ClosingLetter.objects.get(complaint=self.complaint)
        self.assertFalse(letter.pdf)
        self.assertFalse(default_storage.exists(self.pdf_name))
        self.assertFalse(OutboundAttachment.objects.filter(file=self.pdf_name).exists())
        event = self.complaint.events.get(kind="complainant.erased")
        self.assertEqual(event.actor, self.coordinator)
        self.assertEqual(event.data["reason"], "Verzoek van de indiener per e-mail van 3 maart.")
        self.assertTrue(event.data["letter_pdf_removed"])
        self.assertContains(response, "Contactgegevens indiener gewist")
        # The complaint itself stays.
        self.assertEqual(Complaint.objects.get(pk=self.complaint.pk).description, self.complaint.description)
        # The status link no longer opens.
        self.assertEqual(self.client.get(reverse("intake:status", args=[self.token])).status_code, 404)

    def test_it_asks_for_a_reason_and_confirmation_and_erases_only_once(self):
        self.client.force_login(self.coordinator)
        url = reverse("staff:complainant_erase", args=[self.complaint.reference])
        other = register(location=self.margriet, complainant=complainant())
        page = self.client.get(url)
        self.assertContains(page, "Definitief wissen")
        # The complainant's other complaints are named, to be erased on their own.
        self.assertContains(page, reverse("staff:complainant_erase", args=[other.reference]))
        self.assertContains(self.client.post(url, {"reason": " "}), "Dit veld is verplicht")
        self.assertEqual(Complainant.objects.get(complaint=self.complaint).email, EMAIL)
        self.erase()
        response = self.client.post(url, {"reason": "Nogmaals."}, follow=True)
        self.assertContains(response, "geen contactgegevens (meer) om te wissen")
        self.assertEqual(self.complaint.events.filter(kind="complainant.erased").count(), 1)

    def test_no_handler_may_erase(self):
        url = reverse("staff:complainant_erase", args=[self.complaint.reference])
        for persona, expected in ((self.manager, 403), (self.ops_north, 403), (self.other_manager, 404)):
            with self.subTest(persona=persona.username):
                self.client.force_login(persona)
                self.assertEqual(self.client.post(url, {"reason": "x"}).status_code, expected)
        self.assertEqual(Complainant.objects.get(complaint=self.complaint).email, EMAIL)


class ExportTests(BaseTestCase):
    def setUp(self) -> None:
        self.complaint = forwarded(
            location=self.oceaan,
            actor=self.coordinator,
            category=self.communication,
            complainant=complainant(),
            attachments=[png_attachment("foto van de gang.png")],
        )
        close(self.complaint, actor=self.manager)
        self.second = register(location=self.margriet, complainant=ComplainantData(name=NAME, email=EMAIL.upper()))
        self.stranger = register(location=self.oceaan, description="Een andere ouder.")
        self.url = reverse("staff:complainant_export", args=[self.complaint.reference])
        self.client.force_login(self.coordinator)

    def test_the_page_lists_what_will_be_exported_and_writes_nothing(self):
        events = ComplaintEvent.objects.count()
        response = self.client.get(self.url)
        self.assertContains(response, self.second.reference)
        self.assertNotContains(response, self.stranger.reference)
        self.assertEqual(ComplaintEvent.objects.count(), events)

    def test_it_exports_complaints_letters_emails_and_attachments_as_a_zip_and_records_it(self):
        response = self.client.post(self.url)
        self.assertEqual(response["Content-Type"], "application/zip")
        self.assertIn(f"inzage-{self.complaint.reference}.zip", response["Content-Disposition"])
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        names = set(archive.namelist())
        ref = self.complaint.reference
        self.assertLessEqual(
            {"overzicht.json", "overzicht.txt", f"{ref}/afsluitbrief.pdf", f"{ref}/bijlagen/1-foto van de gang.png"},
            names,
        )
        self.assertTrue(archive.read(f"{ref}/afsluitbrief.pdf").startswith(b"%PDF"))
        summary = json.loads(archive.read("overzicht.json"))
        by_reference = {item["kenmerk"]: item for item in summary["klachten"]}
        self.assertEqual(set(by_reference), {ref, self.second.reference})
        first = by_reference[ref]
        self.assertEqual(first["indiener"], {"naam": NAME, "aanhef": "", "e-mailadres": EMAIL, "telefoon": PHONE})
        self.assertIn("Beste Sanne de Vries", first["afsluitbrief"]["tekst"])
        self.assertEqual(len(first["e-mails"]), 2)  # the receipt and the closing letter
        self.assertTrue(all(EMAIL in email["aan"] for email in first["e-mails"]))
        self.assertNotIn("Een andere ouder.", archive.read("overzicht.txt").decode())
        for complaint in (self.complaint, self.second):
            event = complaint.events.get(kind="complainant.exported")
            self.assertEqual(event.actor, self.coordinator)
            self.assertEqual(set(event.data["complaints"]), {ref, self.second.reference})

    def test_only_the_coordinator_exports(self):
        for persona, expected in ((self.manager, 403), (self.other_manager, 404), (self.management, 403)):
            with self.subTest(persona=persona.username):
                self.client.force_login(persona)
                self.assertEqual(self.client.post(self.url).status_code, expected)
        self.assertFalse(ComplaintEvent.objects.filter(kind="complainant.exported").exists())

    def test_after_erasure_there_is_nothing_to_export(self):
        complainant_erase(complaint=self.second, actor=self.coordinator)
        complainant_erase(complaint=self.complaint, actor=self.coordinator)
        response = self.client.post(self.url, follow=True)
        self.assertContains(response, "gewist; er is niets meer om uit te voeren")


class RetentionSettingTests(BaseTestCase):
    def test_the_privacy_statement_shows_the_configured_period(self):
        with self.settings(COMPLAINANT_RETENTION_MONTHS=18):
            self.assertContains(self.client.get(reverse("intake:privacy")), "tot 18 maanden na de afhandeling")
        with self.settings(COMPLAINANT_RETENTION_MONTHS=1):
            self.assertContains(self.client.get(reverse("intake:privacy")), "tot 1 maand na de afhandeling")


class LogRedactionTests(BaseTestCase):
    def test_redact_hides_addresses_and_status_tokens(self):
        self.assertEqual(
            redact("to <sanne.devries@voorbeeld.test> via /status/Ab-c_12/brief.pdf"),
            "to <s***@voorbeeld.test> via /status/***/brief.pdf",
        )

    def test_the_worker_logs_a_refused_recipient_redacted(self):
        complaint = register(location=self.oceaan, complainant=complainant())
        refusal = f"550 5.1.1 <{EMAIL}>: Recipient address rejected"
        with (
            SmtpSink(reply=refusal) as sink,
            override_settings(MAILERS=sink.mailers()),
            self.assertLogs("notifications.delivery", logging.WARNING) as logs,
        ):
            outbox_deliver_due()
        output = "\n".join(logs.output)
        self.assertIn("s***@voorbeeld.test", output)
        self.assertNotIn(EMAIL, output)
        receipt = OutboundEmail.objects.get(complaint=complaint, template="receipt")
        self.assertEqual(receipt.status, EmailStatus.PENDING)
        self.assertNotIn(EMAIL, receipt.last_error)

    def test_the_configured_log_handler_redacts_what_django_logs(self):
        handlers = [
            handler
            for handler in logging.getLogger().handlers
            if any(isinstance(item, RedactingFilter) for item in handler.filters)
        ]
        self.assertTrue(handlers, "the LOGGING handlers carry the redacting filter")
        stream = io.StringIO()
        previous = handlers[0].setStream(stream)
        try:
            response = self.client.get("/status/dit-is-een-geheim-token/")
        finally:
            handlers[0].setStream(previous)
        self.assertEqual(response.status_code, 404)
        self.assertIn("/status/***/", stream.getvalue())
        self.assertNotIn("dit-is-een-geheim-token", stream.getvalue())

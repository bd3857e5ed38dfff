"""Issue 14 point 6: staff add attachments after intake, reopen a closed
complaint with a reason, print the dossier."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from complaints.models import Attachment, Complaint, ComplaintEvent, EventKind
from complaints.services import ComplaintError, attachments_add, contact_record, measure_add, note_add
from config.testing import BaseTestCase, close
from staff.tests.helpers import PDF, HandlingTestMixin, days_ago, forwarded, png_attachment, png_upload


class AttachmentAddTests(HandlingTestMixin, BaseTestCase):
    def test_the_handler_adds_files_each_recorded_in_the_history(self):
        response = self.client.post(
            self.url("attachment_add"),
            {"attachments": [png_upload("foto van de wond.png"), SimpleUploadedFile("brief.pdf", PDF)]},
            follow=True,
        )
        self.assertContains(response, "2 bijlagen toegevoegd.")
        names = sorted(Attachment.objects.filter(complaint=self.complaint).values_list("original_name", flat=True))
        self.assertEqual(names, ["brief.pdf", "foto van de wond.png"])
        events = ComplaintEvent.objects.filter(complaint=self.complaint, kind=EventKind.ATTACHMENT_ADDED)
        self.assertEqual(sorted(event.data["name"] for event in events), names)
        self.assertTrue(all(event.actor == self.manager for event in events))
        # And they are on the page to download.
        self.assertContains(response, "foto van de wond.png")

    def test_it_refuses_a_file_that_is_not_what_it_claims_to_be_and_stores_nothing(self):
        fake = SimpleUploadedFile("foto.png", b"MZ\x90\x00 this is a program", content_type="image/png")
        response = self.client.post(self.url("attachment_add"), {"attachments": [png_upload(), fake]})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "foto.png")
        self.assertContains(response, "invalid-feedback")
        self.assertFalse(Attachment.objects.filter(complaint=self.complaint).exists())
        self.assertFalse(
            ComplaintEvent.objects.filter(complaint=self.complaint, kind=EventKind.ATTACHMENT_ADDED).exists()
        )

    def test_it_refuses_a_pdf_with_javascript(self):
        active = PDF.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>")
        self.assertNotEqual(active, PDF)
        response = self.client.post(self.url("attachment_add"), {"attachments": [SimpleUploadedFile("a.pdf", active)]})
        self.assertContains(response, "invalid-feedback")
        self.assertFalse(Attachment.objects.filter(complaint=self.complaint).exists())

    def test_posting_no_file_gives_a_message(self):
        response = self.client.post(self.url("attachment_add"), {})
        self.assertContains(response, "invalid-feedback")

    def test_the_service_refuses_a_closed_complaint(self):
        close(self.complaint, actor=self.manager)
        with self.assertRaisesMessage(ComplaintError, "afgesloten"):
            attachments_add(complaint=self.complaint, files=[png_attachment()], actor=self.manager)


class ReopenTests(HandlingTestMixin, BaseTestCase):
    def test_a_closed_complaint_is_reopened_with_the_reason_in_its_history(self):
        close(self.complaint, actor=self.manager)
        detail = self.client.get(self.detail_url())
        self.assertContains(detail, self.url("complaint_reopen"))
        response = self.client.post(self.url("complaint_reopen"), {"reason": ""})
        self.assertContains(response, "Dit veld is verplicht")
        self.assertEqual(self.refreshed().status, "closed")
        response = self.client.post(
            self.url("complaint_reopen"), {"reason": "Ouder belt: de maatregel is niet uitgevoerd."}, follow=True
        )
        self.assertContains(response, "is heropend (In behandeling)")
        complaint = self.refreshed()
        self.assertEqual((complaint.status, complaint.closed_at), ("in_progress", None))
        event = ComplaintEvent.objects.filter(complaint=complaint, kind=EventKind.COMPLAINT_REOPENED).get()
        self.assertEqual(event.data["reason"], "Ouder belt: de maatregel is niet uitgevoerd.")
        self.assertEqual(event.actor, self.manager)
        self.assertContains(response, "Ouder belt: de maatregel is niet uitgevoerd.")

    def test_an_open_complaint_is_not_reopened(self):
        response = self.client.post(self.url("complaint_reopen"), {"reason": "Waarom niet"}, follow=True)
        self.assertContains(response, "Deze klacht is niet afgesloten.")
        self.assertNotContains(self.client.get(self.detail_url()), self.url("complaint_reopen"))


class DossierTests(BaseTestCase):
    def test_the_dossier_holds_the_facts_the_timeline_and_the_letter_and_no_action_buttons(self):
        complaint = forwarded(
            location=self.oceaan, actor=self.coordinator, category=self.communication, received_at=days_ago(5)
        )
        contact_record(
            complaint=complaint,
            occurred_at=days_ago(4),
            method="phone",
            summary="Gebeld met moeder.",
            actor=self.manager,
        )
        note_add(complaint=complaint, text="Teamleider gesproken.", actor=self.manager)
        measure_add(
            complaint=complaint,
            description="Overdrachtsprotocol herhalen",
            owner="Teamleider",
            due_date=days_ago(-10).date(),
            actor=self.manager,
        )
        close(complaint, actor=self.manager, solution="Excuses aangeboden.")
        self.client.force_login(self.manager)
        response = self.client.get(reverse("staff:complaint_dossier", args=[complaint.reference]))
        self.assertEqual(response.status_code, 200)
        page = response.content.decode()
        for text in (
            complaint.reference,
            "Het kind is zonder overdracht opgehaald.",
            "Ouder Test",
            "Gebeld met moeder.",
            "Teamleider gesproken.",
            "Overdrachtsprotocol herhalen",
            "Excuses aangeboden.",
            "Klacht geregistreerd",
            "Ingedeeld en doorgestuurd",
            "Afsluitbrief verstuurd",
            "Afgesloten",
        ):
            self.assertIn(text, page)
        letter_body = complaint.letter.body.splitlines()[0]
        self.assertIn(letter_body[:30], page)
        article = page[page.index("<article") : page.index("</article>")]
        # The dossier itself holds no buttons, forms or action links; the print stylesheet hides the rest.
        self.assertNotIn("<button", article)
        self.assertNotIn("<form", article)
        self.assertNotIn("btn", article)
        self.assertIn("staff/print.css", page)

    def test_the_print_stylesheet_hides_menu_and_buttons(self):
        from django.contrib.staticfiles import finders

        with open(finders.find("staff/print.css"), encoding="utf-8") as handle:
            css = handle.read()
        media = css[css.index("@media print") :]
        for selector in ("nav", ".navbar", ".btn", "button", "form"):
            self.assertIn(selector, media.split("{", 1)[0] + media.split("{", 2)[1])
        self.assertIn("display: none", media)

    def test_the_dossier_is_scoped_like_the_complaint(self):
        complaint = forwarded(location=self.oceaan, actor=self.coordinator, category=self.communication)
        self.client.force_login(self.other_manager)
        self.assertEqual(
            self.client.get(reverse("staff:complaint_dossier", args=[complaint.reference])).status_code, 404
        )
        self.client.force_login(self.management)
        self.assertEqual(
            self.client.get(reverse("staff:complaint_dossier", args=[complaint.reference])).status_code, 403
        )
        self.assertFalse(Complaint.objects.filter(status="closed").exists())

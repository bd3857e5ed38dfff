from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from complaints.deadlines import deadline_for
from complaints.models import Channel, Complaint, Status
from config.testing import BaseTestCase
from notifications.models import OutboundEmail
from staff.tests.helpers import days_ago, local_input, png_upload

URL = reverse("staff:complaint_register")


class ComplaintRegisterTests(BaseTestCase):
    def setUp(self) -> None:
        self.client.force_login(self.coordinator)
        self.received = days_ago(3).replace(second=0, microsecond=0)

    def data(self, **changes) -> dict:
        data = {
            "channel": "phone",
            "received_at": local_input(self.received),
            "complainant_kind": "parent",
            "name": "J. de Vries",
            "email": "jdevries@voorbeeld.test",
            "phone": "06-12345678",
            "location": self.oceaan.pk,
            "care_type": "bso",
            "description": "Mijn zoon is niet opgehaald van school.",
            "desired_outcome": "Excuses en een betere planning.",
        }
        return data | changes

    def test_it_offers_email_phone_and_letter_only(self):
        response = self.client.get(URL)
        self.assertContains(response, 'value="email"')
        self.assertContains(response, 'value="letter"')
        self.assertNotContains(response, 'value="web"')
        self.assertNotContains(response, 'value="import"')

    def test_the_salutation_greets_the_complainant_and_an_unknown_one_is_refused(self):
        response = self.client.post(URL, self.data(salutation="dr"))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Complaint.objects.exists())
        self.client.post(URL, self.data(salutation="mevrouw"))
        complaint = Complaint.objects.get()
        self.assertEqual(complaint.complainant.salutation, "mevrouw")
        receipt = OutboundEmail.objects.get(template="receipt")
        self.assertIn("Beste mevrouw De Vries,", receipt.body_text)

    def test_it_registers_with_the_real_moment_of_receipt_and_opens_the_complaint(self):
        response = self.client.post(URL, self.data())
        complaint = Complaint.objects.get()
        self.assertRedirects(
            response, reverse("staff:complaint_detail", args=[complaint.reference]), fetch_redirect_response=False
        )
        self.assertEqual(complaint.channel, Channel.PHONE)
        self.assertEqual(complaint.status, Status.NEW)
        self.assertEqual(complaint.received_at, self.received)
        self.assertEqual(complaint.due_at, deadline_for(self.received))
        self.assertEqual(complaint.location, self.oceaan)
        self.assertEqual(complaint.legal_entity, self.partou)
        self.assertEqual(complaint.care_type, "bso")
        self.assertEqual(complaint.complainant.phone, "06-12345678")
        event = complaint.events.get(kind="complaint.registered")
        self.assertEqual(event.actor, self.coordinator)
        page = self.client.get(response.url)
        self.assertContains(page, f"Klacht {complaint.reference} is geregistreerd.")

    def test_it_sends_the_complainant_a_receipt(self):
        self.client.post(URL, self.data())
        self.assertTrue(OutboundEmail.objects.filter(template="receipt", to=["jdevries@voorbeeld.test"]).exists())

    def test_it_stores_checked_attachments(self):
        data = self.data(attachments=[png_upload("eerste.png"), png_upload("tweede.png")])
        self.client.post(URL, data)
        complaint = Complaint.objects.get()
        self.assertEqual(
            sorted(complaint.attachments.values_list("original_name", "content_type")),
            [("eerste.png", "image/png"), ("tweede.png", "image/png")],
        )

    def test_it_refuses_a_file_that_is_not_a_photo_or_pdf_and_keeps_what_was_typed(self):
        upload = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
        response = self.client.post(URL, self.data(attachments=[upload]))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Complaint.objects.exists())
        self.assertContains(response, "virus.pdf is geen foto (JPEG, PNG, GIF, WebP, HEIC) of PDF.")
        self.assertContains(response, "Mijn zoon is niet opgehaald van school.")
        self.assertContains(response, "Kies de bijlagen opnieuw")

    def test_it_refuses_a_moment_of_receipt_in_the_future(self):
        future = timezone.now() + timedelta(days=1)
        response = self.client.post(URL, self.data(received_at=local_input(future)))
        self.assertContains(response, "Het ontvangstmoment ligt in de toekomst.")
        self.assertContains(response, 'aria-invalid="true"')
        self.assertFalse(Complaint.objects.exists())

    def test_it_refuses_a_moment_of_receipt_that_is_no_date(self):
        for value in ("gisteren", "2026-02-30T10:00", "", "2026-03-29T02:30"):
            with self.subTest(value=value):
                response = self.client.post(URL, self.data(received_at=value))
                self.assertEqual(response.status_code, 200)
                self.assertIn("received_at", response.context["form"].errors)
        self.assertFalse(Complaint.objects.exists())

    def test_it_says_in_dutch_what_is_missing(self):
        response = self.client.post(URL, {})
        form = response.context["form"]
        for field in ("channel", "received_at", "name", "location", "description"):
            self.assertEqual(form.errors[field], ["Dit veld is verplicht."])
        self.assertContains(response, "Niet alles is goed ingevuld")

    def test_it_needs_an_email_address_or_phone_number(self):
        response = self.client.post(URL, self.data(email="", phone=""))
        self.assertContains(response, "Vul een e-mailadres of telefoonnummer in")
        self.assertFalse(Complaint.objects.exists())

    def test_it_refuses_channels_staff_do_not_register(self):
        for channel in ("web", "import"):
            with self.subTest(channel=channel):
                response = self.client.post(URL, self.data(channel=channel))
                self.assertIn("channel", response.context["form"].errors)
        self.assertFalse(Complaint.objects.exists())

    def test_it_shows_typed_html_escaped(self):
        response = self.client.post(URL, self.data(description="<script>alert(1)</script>", location=""))
        self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")
        self.assertNotContains(response, "<script>alert(1)</script>")

    def test_it_survives_nonsense_in_every_field(self):
        nonsense = {
            "channel": "\x00",
            "received_at": "9" * 40,
            "complainant_kind": "kind",
            "name": "x" * 500,
            "email": "geen-adres",
            "phone": "<b>",
            "location": "99999999999999999999",
            "care_type": "kdv?",
            "description": "\x00",
        }
        response = self.client.post(URL, nonsense)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(set(response.context["form"].errors), set(nonsense))
        self.assertFalse(Complaint.objects.exists())

    def test_it_offers_the_location_search(self):
        response = self.client.get(URL)
        self.assertContains(response, f'hx-get="{reverse("staff:location_options")}"')
        self.assertContains(response, "htmx-2.0.11.min.js")

    def test_the_form_offers_the_salutation_next_to_the_name(self):
        page = self.client.get(URL).content.decode()
        self.assertLess(page.index('name="name"'), page.index('name="salutation"'))
        self.assertLess(page.index('name="salutation"'), page.index('name="email"'))
        self.assertIn('value="meneer"', page)

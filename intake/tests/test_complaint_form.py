import re
import uuid
from datetime import date, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from complaints.attachments import MAX_ATTACHMENT_SIZE
from complaints.deadlines import deadline_for
from complaints.models import Channel, Complaint
from complaints.services import ComplaintError
from config.testing import make_location
from intake import spam
from intake.tests.base import PDF, IntakeTestCase, png
from notifications.models import OutboundEmail

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


class ComplaintFormTests(IntakeTestCase):
    def test_it_shows_the_form_in_dutch_and_lists_locations_once_searched(self):
        closed = make_location("Gesloten Locatie", entity=self.partou)
        closed.is_active = False
        closed.save()
        response = self.client.get(self.form_url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<html lang="nl">')
        self.assertContains(response, "<title>Klacht indienen · Klachten kinderopvang</title>", html=False)
        # Not every location on the page (the register has up to 30,000): the search fills the list.
        self.assertNotContains(response, f'<option value="{self.oceaan.pk}">')
        self.assertIn("no-store", response["Cache-Control"])
        response = self.client.get(self.form_url, {"q": "a"})
        self.assertContains(response, f'<option value="{self.oceaan.pk}">Partou BSO Oceaan 16, Amsterdam</option>')
        self.assertContains(response, f'<option value="{self.margriet.pk}">Margriet, Zwolle</option>')
        self.assertNotContains(response, "Gesloten Locatie")

    def test_it_labels_every_input_and_marks_required_fields_in_text(self):
        response = self.client.get(self.form_url)
        for field in ("id_name", "id_email", "id_phone", "id_location", "id_q", "id_description", "id_attachments"):
            self.assertContains(response, f'for="{field}"')
        self.assertContains(response, 'autocomplete="name"')
        self.assertContains(response, 'autocomplete="email"')
        self.assertContains(response, 'autocomplete="tel"')
        self.assertContains(response, "<legend", count=4)
        self.assertContains(response, "(verplicht)")
        self.assertContains(response, 'aria-describedby="id_email_helptext"')
        self.assertContains(response, f'href="{reverse("intake:privacy")}"')
        self.assertContains(response, 'class="hp-field" aria-hidden="true"')
        self.assertContains(response, 'tabindex="-1" autocomplete="off"')

    def test_the_empty_form_takes_no_query_and_carries_fresh_tokens_each_time(self):
        for number in range(40):
            make_location(f"Extra locatie {number}", entity=self.smallsteps)
        self.client.get(self.form_url)  # the first one renders the page for this language
        with self.assertNumQueries(0):
            first = self.client.get(self.form_url)
        second = self.client.get(self.form_url)
        self.assertNotContains(first, "Extra locatie")
        keys = [
            re.search(r'name="submission_key" value="([0-9a-f-]{36})"', r.content.decode())[1] for r in (first, second)
        ]
        self.assertNotEqual(keys[0], keys[1])
        for response, key in zip((first, second), keys, strict=True):
            page = response.content.decode()
            stamp = re.search(rf'name="{spam.STAMP_FIELD}" value="([^"]+)"', page)[1]
            self.assertIsNotNone(spam.stamp_age(stamp, submission_key=key))
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
            self.assertEqual(len(token), 64)
            self.assertNotIn("MARK", page)
        self.assertIn("csrftoken", first.cookies)
        # The headers ``never_cache`` gives the view's other answers.
        searched = self.client.get(self.form_url, {"q": ""})
        for response in (first, second):
            self.assertEqual(response["Cache-Control"], searched["Cache-Control"])
            self.assertEqual(response["Cache-Control"], "max-age=0, no-cache, no-store, must-revalidate, private")
            self.assertIn("Expires", response)

    def test_the_empty_form_served_from_its_rendering_is_the_page_rendered_anew(self):
        def tokens_out(page: bytes) -> str:
            hidden = r'(name="(?:csrfmiddlewaretoken|submission_key|form_stamp)" value=")[^"]+'
            return re.sub(hidden, r"\1", page.decode())

        for language in ("nl", "en"):
            with self.subTest(language=language):
                self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
                self.client.get(self.form_url)
                served = self.client.get(self.form_url).content
                with self.settings(DEBUG=True):  # rendered for this request, not from the kept page
                    rendered = self.client.get(self.form_url).content
                self.assertIn(f'<html lang="{language}">', served.decode())
                self.assertEqual(tokens_out(served), tokens_out(rendered))

    def test_a_search_lists_at_most_thirty_locations_in_one_query(self):
        for number in range(40):
            make_location(f"Extra locatie {number:02d}", entity=self.smallsteps)
        with self.assertNumQueries(1):
            response = self.client.get(self.form_url, {"q": "extra"})
        self.assertContains(response, "Extra locatie 29")
        self.assertNotContains(response, "Extra locatie 30")
        self.assertContains(response, "Meer dan 30 locaties gevonden")

    def test_it_registers_a_valid_complaint_and_redirects_to_the_status_page(self):
        self.coordinator.email = "coordinator@klachtwijs.test"
        self.coordinator.save()
        moment = datetime(2026, 3, 2, 10, 30, tzinfo=AMSTERDAM)
        with time_machine.travel(moment, tick=False):
            response = self.submit(attachments=[png("foto.png"), SimpleUploadedFile("verslag.bin", PDF)])
        complaint = Complaint.objects.get()
        self.assertEqual(response.status_code, 303)
        self.assertEqual(response["Location"], f"/status/{complaint.status_token}/?ontvangen=1")
        self.assertEqual(complaint.channel, Channel.WEB)
        self.assertEqual(complaint.received_at, moment)
        self.assertEqual(complaint.due_at, deadline_for(moment))
        self.assertEqual(timezone.localtime(complaint.due_at).date(), date(2026, 4, 13))
        self.assertEqual(complaint.consent_at, moment)
        self.assertEqual(complaint.location, self.oceaan)
        self.assertEqual(complaint.legal_entity, self.partou)
        self.assertEqual(complaint.care_type, "bso")
        self.assertEqual(complaint.complainant_kind, "parent")
        self.assertEqual(complaint.desired_outcome, "Een gesprek met de locatiemanager.")
        self.assertEqual(complaint.submission_key, uuid.UUID("7a0f3c4e-2b1d-4c8e-9f6a-1d2e3f4a5b6c"))
        self.assertEqual(
            (complaint.complainant.name, complaint.complainant.email, complaint.complainant.phone),
            ("Sanne de Vries", "sanne@voorbeeld.test", "06 12345678"),
        )
        attachments = {a.original_name: a.content_type for a in complaint.attachments.all()}
        self.assertEqual(attachments, {"foto.png": "image/png", "verslag.bin": "application/pdf"})
        self.assertEqual(complaint.events.first().actor_label, "indiener")
        sent = dict(OutboundEmail.objects.filter(complaint=complaint).values_list("template", "to"))
        self.assertEqual(sent["receipt"], ["sanne@voorbeeld.test"])
        self.assertEqual(sent["coordinator_new"], ["coordinator@klachtwijs.test"])

        page = self.client.get(response["Location"])
        thanks = f'Bedankt — uw kenmerk is <strong class="text-nowrap">{complaint.reference}</strong>'
        self.assertContains(page, thanks)
        self.assertContains(page, "u ontvangt een bevestiging per e-mail")

    def test_it_takes_weet_ik_niet_as_no_care_type(self):
        self.submit(care_type="")
        self.assertEqual(Complaint.objects.get().care_type, "")

    def test_it_names_every_missing_required_field_in_dutch(self):
        response = self.client.post(
            self.form_url, {spam.STAMP_FIELD: self.stamp(), "submission_key": str(uuid.uuid4())}
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Complaint.objects.exists())
        self.assertContains(response, "<title>Fout: Klacht indienen", html=False)
        self.assertContains(response, 'id="error-summary"')
        expected = {
            "id_complainant_kind_0": "Kies of u de klacht indient als ouder of namens de oudercommissie.",
            "id_name": "Vul uw naam in.",
            "id_email": "Vul uw e-mailadres in.",
            "id_location": "Kies de locatie waarover uw klacht gaat.",
            "id_description": "Beschrijf wat er is gebeurd.",
            "id_consent": "Geef toestemming voor het gebruik van uw gegevens",
        }
        for anchor, message in expected.items():
            self.assertContains(response, f'href="#{anchor}">{message}')
        self.assertContains(response, 'id="id_name_error"')
        self.assertContains(response, 'aria-describedby="id_name_error"')
        self.assertContains(response, 'aria-invalid="true"')

    def test_it_gives_the_form_back_as_typed(self):
        key = str(uuid.uuid4())
        response = self.submit(description="   ", submission_key=key, desired_outcome="Excuses & uitleg")
        self.assertContains(response, "Beschrijf wat er is gebeurd.")
        self.assertContains(response, 'value="Sanne de Vries"')
        self.assertContains(response, 'value="sanne@voorbeeld.test"')
        self.assertContains(response, 'value="06 12345678"')
        self.assertContains(response, f'<option value="{self.oceaan.pk}" selected>')
        self.assertContains(
            response,
            '<input type="radio" name="complainant_kind" value="parent" class="form-check-input"'
            ' id="id_complainant_kind_0" required checked>',
            html=True,
        )
        self.assertContains(
            response,
            '<input type="radio" name="care_type" value="bso" class="form-check-input" id="id_care_type_3" checked>',
            html=True,
        )
        self.assertContains(response, "Excuses &amp; uitleg</textarea>")
        self.assertContains(
            response,
            '<input type="checkbox" name="consent" class="form-check-input" required checked'
            ' aria-describedby="id_consent_helptext" id="id_consent">',
            html=True,
        )
        self.assertContains(response, f'name="submission_key" value="{key}"')

    def test_it_refuses_an_invalid_email_address_and_phone_number(self):
        response = self.submit(email="sanne@", phone="bel mij")
        self.assertContains(response, "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.")
        self.assertContains(response, "Vul een geldig telefoonnummer in, bijvoorbeeld 06 12345678.")
        self.assertFalse(Complaint.objects.exists())

    def test_it_refuses_a_location_that_does_not_exist_without_an_error_page(self):
        closed = make_location("Gesloten Locatie", entity=self.partou)
        closed.is_active = False
        closed.save()
        for value in ("999999", "abc", "99999999999999999999999999", str(closed.pk)):
            response = self.submit(location=value)
            self.assertContains(response, "Deze locatie bestaat niet (meer). Kies een locatie uit de lijst.")
        self.assertFalse(Complaint.objects.exists())

    def test_it_refuses_a_text_file_named_as_a_photo_and_asks_for_the_files_again(self):
        disguised = SimpleUploadedFile("foto.jpg", b"Dit is geen foto.", content_type="image/jpeg")
        response = self.submit(attachments=[disguised])
        self.assertContains(response, "foto.jpg is geen foto (JPEG, PNG, GIF, WebP, HEIC) of PDF.")
        self.assertContains(response, "Kies uw bijlagen opnieuw")
        self.assertContains(
            response, 'aria-describedby="id_attachments_helptext id_attachments_again id_attachments_error"'
        )
        self.assertContains(response, 'value="Sanne de Vries"')
        self.assertFalse(Complaint.objects.exists())

    def test_it_refuses_an_attachment_over_10_mb(self):
        big = SimpleUploadedFile("groot.pdf", b"%PDF-" + b"0" * MAX_ATTACHMENT_SIZE)
        response = self.submit(attachments=[big])
        self.assertContains(response, "groot.pdf is groter dan 10 MB.")
        self.assertFalse(Complaint.objects.exists())

    def test_it_refuses_more_than_five_attachments(self):
        response = self.submit(attachments=[png(f"foto{n}.png") for n in range(6)])
        self.assertContains(response, "U kunt maximaal 5 bijlagen meesturen; u koos er 6.")
        self.assertFalse(Complaint.objects.exists())

    def test_it_accepts_five_attachments(self):
        self.submit(attachments=[png(f"foto{n}.png") for n in range(5)])
        self.assertEqual(Complaint.objects.get().attachments.count(), 5)

    def test_it_refuses_a_form_whose_honeypot_is_filled(self):
        response = self.submit(website="https://spam.example")
        self.assertContains(response, "Uw klacht is niet verstuurd")
        self.assertContains(response, 'value="Sanne de Vries"')
        self.assertFalse(Complaint.objects.exists())

    def test_it_refuses_a_form_sent_within_seconds_of_being_served(self):
        response = self.submit(**{spam.STAMP_FIELD: self.stamp(seconds_ago=1)})
        self.assertContains(response, "Het formulier werd erg snel verstuurd.")
        self.assertContains(response, 'value="Sanne de Vries"')
        self.assertFalse(Complaint.objects.exists())

    def test_it_refuses_a_tampered_or_missing_stamp_and_serves_a_fresh_one(self):
        tampered = self.stamp()[:-2] + "xx"
        for stamp in (tampered, "", "niet-ondertekend", None):
            response = self.submit(**{spam.STAMP_FIELD: stamp})
            self.assertContains(response, "Het formulier was verlopen of niet volledig geladen.")
            served = response.context["stamp"]
            self.assertIsNotNone(spam.stamp_age(served, submission_key=self.submission_key))
        self.assertFalse(Complaint.objects.exists())

    def test_it_accepts_five_complaints_an_hour_from_one_address(self):
        for number in range(5):
            response = self.submit(address="192.0.2.7", submission_key=str(uuid.uuid4()))
            self.assertEqual(response.status_code, 303, number)
        refused = self.submit(address="192.0.2.7", submission_key=str(uuid.uuid4()))
        self.assertContains(
            refused, "Vanaf uw internetverbinding zijn het afgelopen uur al meerdere klachten verstuurd."
        )
        self.assertContains(refused, 'value="Sanne de Vries"')
        self.assertEqual(Complaint.objects.count(), 5)
        other = self.submit(address="198.51.100.3", submission_key=str(uuid.uuid4()))
        self.assertEqual(other.status_code, 303)
        with time_machine.travel(timedelta(hours=1, minutes=1)):
            later = self.submit(address="192.0.2.7", submission_key=str(uuid.uuid4()))
        self.assertEqual(later.status_code, 303)

    def test_it_stores_one_complaint_when_the_form_is_sent_twice(self):
        first = self.submit()
        second = self.submit()
        self.assertEqual(Complaint.objects.count(), 1)
        self.assertEqual(first["Location"], second["Location"])
        self.assertEqual(OutboundEmail.objects.filter(template="receipt").count(), 1)

    def test_a_form_sent_again_below_the_limit_gives_its_place_back(self):
        with self.settings(INTAKE_RATE_LIMIT=2):
            first = self.submit(address="192.0.2.8")
            again = self.submit(address="192.0.2.8")
            self.assertEqual(first["Location"], again["Location"])
            other = self.submit(address="192.0.2.8", submission_key=str(uuid.uuid4()))
            self.assertEqual(other.status_code, 303)
            refused = self.submit(address="192.0.2.8", submission_key=str(uuid.uuid4()))
        self.assertContains(
            refused, "Vanaf uw internetverbinding zijn het afgelopen uur al meerdere klachten verstuurd."
        )
        self.assertEqual(Complaint.objects.count(), 2)

    def test_a_form_sent_again_is_looked_up_once_and_takes_no_place_in_the_hourly_limit(self):
        with self.settings(INTAKE_RATE_LIMIT=1):
            first = self.submit()
            with CaptureQueriesContext(connection) as queries:
                second = self.submit()
        lookups = [q["sql"] for q in queries.captured_queries if '"submission_key" =' in q["sql"]]
        self.assertEqual(len(lookups), 1, lookups)
        self.assertEqual(second.status_code, 303)
        self.assertEqual(first["Location"], second["Location"])
        self.assertEqual(Complaint.objects.count(), 1)

    def test_it_uses_a_fresh_submission_key_when_the_one_sent_is_not_a_uuid(self):
        response = self.submit(submission_key="'; DROP TABLE complaints; --")
        self.assertEqual(response.status_code, 303)
        self.assertIsNotNone(Complaint.objects.get().submission_key)

    def test_it_stores_html_as_the_text_that_was_typed(self):
        self.submit(description="<b>Vet</b> & <script>alert(1)</script>")
        self.assertEqual(Complaint.objects.get().description, "<b>Vet</b> & <script>alert(1)</script>")

    def test_it_shows_the_message_of_a_refused_registration(self):

        with mock.patch(
            "intake.services.complaint_register", side_effect=ComplaintError("Kies een locatie of een label.")
        ):
            response = self.submit()
        self.assertContains(response, "Kies een locatie of een label.")
        self.assertContains(response, 'value="Sanne de Vries"')

    def test_it_narrows_the_location_list_without_javascript_and_keeps_what_was_typed(self):
        response = self.client.post(self.form_url, self.form_data(q="zwol", zoek="1", location=""))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "error-summary")
        self.assertContains(response, f'<option value="{self.margriet.pk}">Margriet, Zwolle</option>')
        self.assertNotContains(response, "Oceaan")
        self.assertContains(response, 'value="Sanne de Vries"')
        self.assertContains(response, "1 locatie gevonden voor ‘zwol’.")
        self.assertFalse(Complaint.objects.exists())

    def test_it_narrows_the_location_list_from_the_address(self):
        response = self.client.get(self.form_url, {"q": "RAKKER"})
        self.assertContains(response, f'<option value="{self.rakkertjes.pk}">Rakkertjes, Utrecht</option>')
        self.assertNotContains(response, "Margriet")

    def test_it_answers_garbage_with_messages_not_an_error_page(self):
        garbage = {
            "complainant_kind": "directeur",
            "care_type": "zwemles",
            "name": "Sanne\x00",
            "email": "x" * 300 + "@voorbeeld.test",
            "description": "x" * 10001,
            "location": ["1", "abc"],
        }
        response = self.submit(**garbage)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Kies een opvangvorm uit de lijst")
        self.assertContains(response, "Uw beschrijving mag niet langer zijn dan 10000 tekens.")
        self.assertFalse(Complaint.objects.exists())

    def test_it_refuses_an_empty_attachment(self):
        response = self.submit(attachments=[SimpleUploadedFile("leeg.pdf", b"")])
        self.assertContains(response, "Een van de bijlagen is leeg.")
        self.assertFalse(Complaint.objects.exists())


class ComplaintFormQueryTests(IntakeTestCase):
    def test_a_valid_submission_takes_a_fixed_number_of_queries(self):
        # Form: the location with its legal entity; the rate limit (one upsert); then one
        # transaction (a savepoint here, inside the test's):
        # on PostgreSQL the advisory lock on the submission key, the check under it, the
        # number (one upsert), the complaint, complainant, event, receipt, coordinators and
        # their e-mail. (Outside a transaction, as in production, PostgreSQL takes the number
        # before the transaction: 14 statements with BEGIN, COMMIT and the unlock.)
        self.coordinator.email = "coordinator@klachtwijs.test"
        self.coordinator.save()
        expected = 13 if connection.vendor == "postgresql" else 12
        with self.assertNumQueries(expected):
            response = self.submit()
        self.assertEqual(response.status_code, 303)
        complaint = Complaint.objects.get()
        self.assertEqual(complaint.events.count(), 1)
        self.assertEqual(
            sorted(OutboundEmail.objects.filter(complaint=complaint).values_list("template", flat=True)),
            ["coordinator_new", "receipt"],
        )
        self.assertEqual(complaint.sequence, 1)

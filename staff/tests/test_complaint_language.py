"""Issue 18, points 2 and 3: staff set the complainant's language when they
register a complaint and change it on the complaint (recorded in the history);
every screen of a complaint, the printable dossier and the API show it; the list
filters on it and its export has it (in Dutch, whatever the screen's language); the
message and letter screens say which language the parent reads and when a
template has no version in it."""

import csv
import io

from django.conf import settings
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from complaints.models import Complaint, ComplaintEvent, EventKind, LetterTemplate, MessageTemplate
from complaints.services import complaint_set_outcome
from config.testing import BaseTestCase
from notifications.models import OutboundEmail
from staff.tests.helpers import days_ago, forwarded, local_input


class StaffLanguageTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.complaint = forwarded(location=cls.oceaan, actor=cls.coordinator, category=cls.communication, language="en")

    def test_the_coordinator_registers_a_complaint_in_english(self):
        self.client.force_login(self.coordinator)
        form = self.client.get(reverse("staff:complaint_register"))
        self.assertContains(form, 'name="language" value="en"')
        self.assertContains(form, 'name="language" value="nl"')
        data = {
            "channel": "email",
            "received_at": local_input(days_ago(1).replace(second=0, microsecond=0)),
            "complainant_kind": "parent",
            "name": "John Smith",
            "email": "john@voorbeeld.test",
            "location": self.oceaan.pk,
            "description": "The group was too full.",
            "language": "en",
        }
        response = self.client.post(reverse("staff:complaint_register"), data)
        self.assertEqual(response.status_code, 302)
        complaint = Complaint.objects.get(complainant__name="John Smith")
        self.assertEqual(complaint.language, "en")
        receipt = OutboundEmail.objects.get(complaint=complaint, template="receipt")
        self.assertTrue(receipt.body_text.startswith("Dear John Smith,"))
        # Without the field (a page from before the change) the complaint is Dutch.
        del data["language"]
        data["name"] = "Jan Smit"
        self.client.post(reverse("staff:complaint_register"), data)
        self.assertEqual(Complaint.objects.get(complainant__name="Jan Smit").language, "nl")
        # An unknown language is a message on the form, not an error page.
        data.update(name="Hans Schmidt", language="de")
        refused = self.client.post(reverse("staff:complaint_register"), data)
        self.assertEqual(refused.status_code, 200)
        self.assertContains(refused, 'id="id_language_error"')
        self.assertFalse(Complaint.objects.filter(complainant__name="Hans Schmidt").exists())

    def test_the_detail_page_and_the_dossier_show_the_language(self):
        self.client.force_login(self.manager)
        page = self.client.get(reverse("staff:complaint_detail", args=[self.complaint.reference]))
        self.assertContains(page, "Taal indiener: Engels")
        # Only the coordinator changes it.
        self.assertNotContains(page, reverse("staff:complaint_language", args=[self.complaint.reference]))
        dossier = self.client.get(reverse("staff:complaint_dossier", args=[self.complaint.reference]))
        self.assertContains(dossier, "<dd>Engels</dd>", html=True)
        self.client.force_login(self.coordinator)
        page = self.client.get(reverse("staff:complaint_detail", args=[self.complaint.reference]))
        self.assertContains(page, reverse("staff:complaint_language", args=[self.complaint.reference]))

    def test_the_coordinator_changes_the_language_and_the_history_shows_it(self):
        self.client.force_login(self.coordinator)
        url = reverse("staff:complaint_language", args=[self.complaint.reference])
        form = self.client.get(url)
        self.assertContains(form, 'value="en" class="form-check-input" id="id_language_1" required checked')
        response = self.client.post(url, {"language": "nl"}, follow=True)
        self.assertContains(response, "De taal van de indiener is nu: Nederlands.")
        self.complaint.refresh_from_db()
        self.assertEqual(self.complaint.language, "nl")
        event = ComplaintEvent.objects.get(complaint=self.complaint, kind=EventKind.LANGUAGE_SET)
        self.assertEqual(event.data["changes"], {"language": ["en", "nl"]})
        self.assertContains(response, "Taal van de indiener gewijzigd")
        # The same language again: a message, nothing recorded.
        again = self.client.post(url, {"language": "nl"}, follow=True)
        self.assertContains(again, "De indiener heeft deze taal al.")
        self.assertEqual(ComplaintEvent.objects.filter(kind=EventKind.LANGUAGE_SET).count(), 1)
        bad = self.client.post(url, {"language": "xx"})
        self.assertEqual(bad.status_code, 200)
        self.assertEqual(ComplaintEvent.objects.filter(kind=EventKind.LANGUAGE_SET).count(), 1)

    def test_a_handler_may_not_change_it_and_another_location_does_not_see_the_complaint(self):
        url = reverse("staff:complaint_language", args=[self.complaint.reference])
        self.client.force_login(self.manager)
        self.assertEqual(self.client.post(url, {"language": "nl"}).status_code, 403)
        self.client.force_login(self.other_manager)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(
            self.client.get(reverse("staff:complaint_detail", args=[self.complaint.reference])).status_code, 404
        )
        self.complaint.refresh_from_db()
        self.assertEqual(self.complaint.language, "en")

    def test_the_message_screen_names_the_language_and_a_template_without_english(self):
        english = MessageTemplate.objects.create(
            name="Gesprek", subject="Gesprek", body="Beste {{ naam }}", subject_en="Our talk", body_en="Dear {{ naam }}"
        )
        dutch = MessageTemplate.objects.create(name="Alleen NL", subject="Uw klacht", body="Beste {{ naam }}")
        self.client.force_login(self.manager)
        url = reverse("staff:message_send", args=[self.complaint.reference])
        page = self.client.get(url)
        self.assertContains(page, "De indiener leest liefst <strong>Engels</strong>")
        self.assertContains(page, "alleen Nederlands", count=1)
        chosen = self.client.get(url, {"sjabloon": english.pk})
        self.assertContains(chosen, 'value="Our talk"')
        self.assertNotContains(chosen, "heeft geen versie in het Engels")
        fallback = self.client.get(url, {"sjabloon": dutch.pk})
        self.assertContains(fallback, "De standaardtekst „Alleen NL” heeft geen versie in het Engels")
        self.assertContains(fallback, 'value="Uw klacht"')

    def test_the_answer_date_is_proposed_in_the_complaints_language(self):
        self.client.force_login(self.manager)
        page = self.client.get(reverse("staff:answer_date_set", args=[self.complaint.reference]))
        self.assertContains(page, f"Your complaint {self.complaint.reference}: when you will receive our verdict")
        self.assertContains(page, "within the statutory term of six weeks")

    def test_the_letter_screens_say_when_the_template_has_no_english_version(self):
        complaint_set_outcome(complaint=self.complaint, verdict="deels", solution="Discussed.", actor=self.manager)
        self.client.force_login(self.manager)
        draft_url = reverse("staff:letter_draft", args=[self.complaint.reference])
        self.assertNotContains(self.client.get(draft_url), "heeft geen versie in het Engels")
        LetterTemplate.objects.filter(is_default=True).update(body_en="")
        self.assertContains(self.client.get(draft_url), "heeft geen versie in het Engels")
        edit = self.client.post(draft_url, follow=True)
        self.assertContains(edit, "deze brief is uit de Nederlandse tekst opgesteld")
        self.assertContains(edit, "Taal indiener: <strong>Engels</strong>")

    def test_the_api_shows_the_language(self):
        token, _ = Token.objects.get_or_create(user=self.coordinator)
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        body = api.get(reverse("api:complaint_detail", args=[self.complaint.reference])).json()
        self.assertEqual(body["language"], "en")
        listing = api.get(reverse("api:complaint_list")).json()
        self.assertEqual({row["language"] for row in listing["results"]}, {"en"})

    def test_the_list_filters_on_the_language_and_the_export_has_it_in_dutch(self):
        dutch = forwarded(location=self.oceaan, actor=self.coordinator, category=self.communication)
        self.client.force_login(self.coordinator)
        url = reverse("staff:complaint_list")
        listed = self.client.get(url, {"language": "en"})
        self.assertEqual([complaint.reference for complaint in listed.context["page"]], [self.complaint.reference])
        self.assertContains(listed, '<option value="en" selected>Engels</option>', html=True)
        listed = self.client.get(url, {"language": "nl"})
        self.assertEqual([complaint.reference for complaint in listed.context["page"]], [dutch.reference])
        refused = self.client.get(url, {"language": "de"})
        self.assertContains(refused, "Selecteer een geldige keuze")

        # The export is a document: Dutch headers and values, also for a user who reads the screens in English.
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = self.client.get(reverse("staff:complaint_export_csv"), {"sort": "reference"})
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
        column, status, verdict = (rows[0].index(name) for name in ("Taal indiener", "Status", "Gegrond"))
        self.assertEqual(
            {row[0]: (row[column], row[status], row[verdict]) for row in rows[1:]},
            {
                self.complaint.reference: ("Engels", "Doorgestuurd", "Onbekend"),
                dutch.reference: ("Nederlands", "Doorgestuurd", "Onbekend"),
            },
        )

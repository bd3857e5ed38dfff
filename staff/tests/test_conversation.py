"""Issue 13 in the back office: the marker of a new message from the
complainant (worklist, list, cleared on opening) and the new answer date."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from complaints.models import EventKind
from complaints.services import complainant_message_add
from config.testing import BaseTestCase
from notifications.models import OutboundEmail
from staff.tests.helpers import HandlingTestMixin, png_attachment


class NewMessageMarkerTests(HandlingTestMixin, BaseTestCase):
    def test_the_coordinator_sees_the_marker_until_someone_opens_the_complaint(self):
        complainant_message_add(
            complaint=self.complaint, text="Hier de foto.", attachments=[png_attachment("poort.png")], via="status_page"
        )
        self.client.force_login(self.coordinator)
        worklist = self.client.get(reverse("staff:worklist"))
        self.assertEqual(worklist.context["counts"].new_messages, 1)
        self.assertContains(worklist, "1 nieuw bericht van indiener")
        listed = self.client.get(reverse("staff:complaint_list"), {"bericht": "nieuw"})
        self.assertEqual([c.reference for c in listed.context["page"]], [self.complaint.reference])
        self.assertContains(listed, "nieuw bericht")

        # The handler opens it: the message and its photo are there, the marker goes.
        self.client.force_login(self.manager)
        detail = self.client.get(self.detail_url())
        self.assertContains(detail, "Nieuw bericht van de indiener")
        self.assertContains(detail, "Hier de foto.")
        self.assertContains(detail, "poort.png")
        self.assertContains(detail, "Statuspagina")
        self.assertIsNone(self.refreshed().unread_message_at)

        self.client.force_login(self.coordinator)
        self.assertEqual(self.client.get(reverse("staff:worklist")).context["counts"].new_messages, 0)
        self.assertEqual(len(self.client.get(reverse("staff:complaint_list"), {"bericht": "nieuw"}).context["page"]), 0)

    def test_a_location_manager_does_not_count_messages_of_other_locations(self):
        complainant_message_add(complaint=self.complaint, text="Hier de foto.")
        self.client.force_login(self.other_manager)
        response = self.client.get(reverse("staff:complaint_list"), {"bericht": "nieuw"})
        self.assertEqual(len(response.context["page"]), 0)


class AnswerDateViewTests(HandlingTestMixin, BaseTestCase):
    def test_the_handler_sets_a_date_with_a_message(self):
        answer_on = timezone.localdate() + timedelta(days=21)
        form = self.client.get(self.url("answer_date_set"))
        self.assertContains(form, "wettelijke termijn van zes weken")
        response = self.client.post(
            self.url("answer_date_set"),
            {"answer_on": answer_on.isoformat(), "subject": "Uw klacht", "text": "Het duurt langer, excuses."},
        )
        self.assertRedirects(response, self.detail_url(), fetch_redirect_response=False)
        self.assertEqual(self.refreshed().expected_answer_on, answer_on)
        self.assertTrue(self.complaint.events.filter(kind=EventKind.ANSWER_DATE_SET, actor=self.manager).exists())
        self.assertIn(
            "Het duurt langer, excuses.", OutboundEmail.objects.get(template="message_to_complainant").body_text
        )
        self.assertContains(self.client.get(self.detail_url()), "Antwoord toegezegd op")

    def test_bad_input_gets_a_dutch_message_and_changes_nothing(self):
        cases = [
            ({"answer_on": "morgen", "subject": "S", "text": "T"}, "Vul een geldige datum in."),
            (
                {"answer_on": timezone.localdate().isoformat(), "subject": "S", "text": "T"},
                "Kies een datum na vandaag.",
            ),
            ({"answer_on": "", "subject": "S", "text": "T"}, "Kies een datum."),
        ]
        for data, message in cases:
            with self.subTest(data=data):
                response = self.client.post(self.url("answer_date_set"), data, follow=True)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, message)
        self.assertIsNone(self.refreshed().expected_answer_on)
        self.assertFalse(OutboundEmail.objects.filter(template="message_to_complainant").exists())

    def test_another_locations_manager_gets_404_and_management_403(self):
        self.client.force_login(self.other_manager)
        self.assertEqual(self.client.get(self.url("answer_date_set")).status_code, 404)
        self.client.force_login(self.management)
        self.assertEqual(self.client.get(self.url("answer_date_set")).status_code, 403)

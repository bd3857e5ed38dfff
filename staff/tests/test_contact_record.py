from datetime import timedelta

from django.utils import timezone

from complaints.models import ContactMoment, Status
from config.testing import BaseTestCase, close
from staff.tests.helpers import HandlingTestMixin, days_ago, local_input


class ContactRecordTests(HandlingTestMixin, BaseTestCase):
    def test_it_shows_a_form_with_now_filled_in(self):
        response = self.client.get(self.url("contact_record"))
        self.assertContains(response, "Contactmoment vastleggen")
        self.assertContains(response, local_input(timezone.now())[:10])

    def test_it_records_the_contact_and_starts_handling(self):
        moment = days_ago(1).replace(second=0, microsecond=0)
        response = self.client.post(
            self.url("contact_record"),
            {"occurred_at": local_input(moment), "method": "in_person", "summary": "Gesprek op de locatie."},
        )
        self.assertRedirects(response, self.detail_url(), fetch_redirect_response=False)
        contact = ContactMoment.objects.get()
        self.assertEqual(
            (contact.occurred_at, contact.method, contact.recorded_by), (moment, "in_person", self.manager)
        )
        self.assertEqual(self.refreshed().status, Status.IN_PROGRESS)
        self.assertContains(self.client.get(response.url), "Het contactmoment is vastgelegd.")

    def test_it_refuses_a_moment_in_the_future_next_to_the_field(self):
        response = self.client.post(
            self.url("contact_record"),
            {"occurred_at": local_input(timezone.now() + timedelta(hours=2)), "method": "phone", "summary": "Later."},
        )
        self.assertEqual(response.context["form"].errors["occurred_at"], ["Het contactmoment ligt in de toekomst."])
        self.assertContains(response, "Later.")
        self.assertFalse(ContactMoment.objects.exists())

    def test_it_shows_the_services_refusal_and_keeps_what_was_typed(self):
        response = self.client.post(
            self.url("contact_record"),
            {"occurred_at": local_input(days_ago(10)), "method": "phone", "summary": "Te vroeg <b>genoteerd</b>."},
        )
        self.assertContains(response, "Het contactmoment ligt vóór de ontvangst van de klacht.")
        self.assertContains(response, "Te vroeg &lt;b&gt;genoteerd&lt;/b&gt;.")
        self.assertFalse(ContactMoment.objects.exists())

    def test_it_refuses_a_contact_on_a_closed_complaint(self):
        close(self.complaint, actor=self.manager)
        response = self.client.post(
            self.url("contact_record"),
            {"occurred_at": local_input(days_ago(0.1)), "method": "phone", "summary": "Nagebeld."},
        )
        self.assertContains(response, "Deze klacht is afgesloten")
        self.assertEqual(self.refreshed().status, Status.CLOSED)

    def test_it_says_in_dutch_what_is_missing_or_wrong(self):
        response = self.client.post(self.url("contact_record"), {"occurred_at": "morgen", "method": "fax"})
        errors = response.context["form"].errors
        self.assertEqual(set(errors), {"occurred_at", "method", "summary"})
        self.assertEqual(errors["summary"], ["Dit veld is verplicht."])

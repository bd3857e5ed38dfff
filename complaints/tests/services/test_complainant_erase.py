from datetime import UTC, datetime, timedelta

import time_machine
from django.test import SimpleTestCase
from django.utils import timezone

from complaints.models import Complainant, Complaint, EventKind
from complaints.services import (
    ComplainantData,
    complainant_erase,
    complainants_erase_expired,
    complaint_withdraw,
    event_record,
)
from complaints.services.privacy import months_before
from config.testing import BaseTestCase, register
from notifications.models import EmailStatus, OutboundEmail


class ComplainantEraseTests(BaseTestCase):
    def test_it_erases_contact_details_but_keeps_the_complaint_and_its_history(self):
        complaint = register(location=self.oceaan)
        self.assertTrue(complainant_erase(complaint=complaint, actor=self.coordinator))
        complainant = Complainant.objects.get(complaint=complaint)
        self.assertEqual((complainant.name, complainant.email, complainant.phone), ("", "", ""))
        self.assertIsNotNone(complainant.erased_at)
        event = complaint.events.get(kind="complainant.erased")
        self.assertNotIn("ouder@voorbeeld.test", str(event.data))
        self.assertFalse(complainant_erase(complaint=complaint, actor=self.coordinator))

    def test_it_erases_a_year_after_closing_and_not_before(self):
        complaint = register(location=self.oceaan)
        complaint_withdraw(complaint=complaint, reason="Opgelost met de locatie.", actor=self.coordinator)
        self.assertEqual(complainants_erase_expired(), 0)
        with time_machine.travel(timezone.now() + timedelta(days=366)):
            self.assertEqual(complainants_erase_expired(), 1)
            self.assertEqual(complainants_erase_expired(), 0)
        self.assertEqual(Complainant.objects.get(complaint=complaint).email, "")

    def test_it_keeps_contact_details_for_the_configured_number_of_months(self):
        complaint = register(location=self.oceaan)
        complaint_withdraw(complaint=complaint, reason="Opgelost met de locatie.", actor=self.coordinator)
        closed_at = Complaint.objects.get(pk=complaint.pk).closed_at
        with self.settings(COMPLAINANT_RETENTION_MONTHS=3):
            self.assertEqual(complainants_erase_expired(now=closed_at + timedelta(days=88)), 0)
            self.assertEqual(complainants_erase_expired(now=closed_at + timedelta(days=93)), 1)
        event = complaint.events.get(kind="complainant.erased")
        self.assertEqual((event.actor, event.actor_label), (None, "bewaartermijn"))

    def test_it_replaces_the_details_in_the_history_and_the_outbox_but_not_parts_of_other_words(self):
        complaint = register(
            location=self.oceaan,
            complainant=ComplainantData(name="Jo", email="jo@voorbeeld.test", phone="+31 6 1234 5678"),
        )
        receipt = OutboundEmail.objects.get(complaint=complaint, template="receipt")
        token = complaint.status_token
        event_record(
            complaint=complaint,
            kind=EventKind.EMAIL_SENT,
            actor_label="systeem",
            data={"to": ["JO@voorbeeld.test"], "subject": "Jongens, bel Jo op +31 6 1234 5678"},
        )
        complainant_erase(complaint=complaint, actor=self.coordinator, reason="Verzoek per telefoon.")
        sent = complaint.events.get(kind="email.sent")
        self.assertEqual(sent.data, {"to": ["[gewist]"], "subject": "Jongens, bel [gewist] op [gewist]"})
        receipt.refresh_from_db()
        self.assertEqual(receipt.to, ["[gewist]"])
        self.assertNotIn(token, receipt.body_text + receipt.body_html)
        # Not sent yet, and now without an address: it is not sent any more.
        self.assertEqual(receipt.status, EmailStatus.FAILED)
        self.assertIsNone(Complaint.objects.get(pk=complaint.pk).status_token)
        erased = complaint.events.get(kind="complainant.erased")
        self.assertEqual(erased.data["reason"], "Verzoek per telefoon.")
        self.assertEqual((erased.data["emails_cancelled"], erased.data["status_link_revoked"]), (1, True))


class MonthsBeforeTests(SimpleTestCase):
    def test_it_counts_calendar_months_and_ends_at_the_last_day_of_a_shorter_month(self):
        moment = datetime(2026, 3, 31, 10, 0, tzinfo=UTC)
        self.assertEqual(months_before(moment, 1), datetime(2026, 2, 28, 10, 0, tzinfo=UTC))
        self.assertEqual(months_before(moment, 12), datetime(2025, 3, 31, 10, 0, tzinfo=UTC))
        self.assertEqual(months_before(moment, 15), datetime(2024, 12, 31, 10, 0, tzinfo=UTC))

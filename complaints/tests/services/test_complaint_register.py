from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.utils import timezone

from complaints.models import Status
from complaints.services import ComplaintError
from config.testing import BaseTestCase, register


class ComplaintRegisterTests(BaseTestCase):
    def test_it_gives_consecutive_references_per_year(self):
        first = register(location=self.oceaan)
        second = register(location=self.rakkertjes)
        year = timezone.localtime(first.received_at).year
        self.assertEqual(first.reference, f"K{year}-00001")
        self.assertEqual(second.reference, f"K{year}-00002")

    def test_it_sets_the_deadline_at_the_end_of_the_day_six_weeks_after_receipt(self):
        received = timezone.now() - timedelta(days=10)
        complaint = register(location=self.oceaan, received_at=received)
        local_due = timezone.localtime(complaint.due_at)
        self.assertEqual(local_due.date() - timezone.localtime(received).date(), timedelta(days=42))
        self.assertEqual((local_due.hour, local_due.minute), (23, 59))
        self.assertEqual(complaint.status, Status.NEW)

    @time_machine.travel(datetime(2026, 11, 20, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam")))
    def test_it_counts_the_term_in_amsterdam_across_the_autumn_clock_change(self):
        # Received late on Friday 2 October 2026 (CEST, UTC+2); the clocks go back on 25 October.
        amsterdam = ZoneInfo("Europe/Amsterdam")
        received = datetime(2026, 10, 2, 23, 30, tzinfo=amsterdam)
        complaint = register(location=self.oceaan, received_at=received)
        self.assertEqual(complaint.due_at, datetime(2026, 11, 13, 23, 59, 59, tzinfo=amsterdam))
        self.assertEqual(complaint.due_at.utcoffset(), timedelta(hours=1))  # CET by then
        # In UTC the receipt was on 2 October as well; a naive UTC count would not change the
        # day here, but one received at 00:30 local on 3 October (22:30 UTC on the 2nd) must.
        early = register(location=self.oceaan, received_at=datetime(2026, 10, 3, 0, 30, tzinfo=amsterdam))
        self.assertEqual(timezone.localtime(early.due_at).date().isoformat(), "2026-11-14")

    def test_it_takes_the_label_from_the_location(self):
        complaint = register(location=self.rakkertjes)
        self.assertEqual(complaint.legal_entity, self.smallsteps)

    def test_it_keeps_contact_details_apart_from_the_complaint(self):
        complaint = register(location=self.oceaan)
        self.assertEqual(complaint.complainant.email, "ouder@voorbeeld.test")
        self.assertNotIn("ouder@voorbeeld.test", complaint.description)

    def test_it_records_the_registration_in_the_history(self):
        complaint = register(location=self.oceaan, actor=self.coordinator)
        event = complaint.events.get()
        self.assertEqual(event.kind, "complaint.registered")
        self.assertEqual(event.actor, self.coordinator)

    def test_it_refuses_a_date_in_the_future(self):
        with self.assertRaisesMessage(ComplaintError, "toekomst"):
            register(location=self.oceaan, received_at=timezone.now() + timedelta(days=1))

    def test_it_refuses_an_empty_description(self):
        with self.assertRaisesMessage(ComplaintError, "omschrijving"):
            register(location=self.oceaan, description="   ")

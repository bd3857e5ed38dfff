from datetime import timedelta

from django.utils import timezone

from complaints.models import HANDLING_TERM, Status
from complaints.services import ComplaintError
from config.testing import BaseTestCase, register


class ComplaintRegisterTests(BaseTestCase):
    def test_it_gives_consecutive_references_per_year(self):
        first = register(location=self.oceaan)
        second = register(location=self.rakkertjes)
        year = timezone.localtime(first.received_at).year
        self.assertEqual(first.reference, f"K{year}-00001")
        self.assertEqual(second.reference, f"K{year}-00002")

    def test_it_sets_the_deadline_six_weeks_after_receipt(self):
        received = timezone.now() - timedelta(days=10)
        complaint = register(location=self.oceaan, received_at=received)
        self.assertEqual(complaint.due_at - complaint.received_at, HANDLING_TERM)
        self.assertEqual(complaint.status, Status.NEW)

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

from complaints.models import Status
from complaints.services import ComplaintError, complaint_forward
from config.testing import BaseTestCase, close, register


class ComplaintForwardTests(BaseTestCase):
    def test_it_sets_category_and_handler_and_records_old_and_new_values(self):
        complaint = register(location=self.oceaan)
        complaint_forward(
            complaint=complaint,
            category=self.communication,
            location=self.rakkertjes,
            handling_location=self.rakkertjes,
            actor=self.coordinator,
        )
        complaint.refresh_from_db()
        self.assertEqual(complaint.status, Status.FORWARDED)
        self.assertEqual(complaint.legal_entity, self.smallsteps)
        event = complaint.events.get(kind="complaint.forwarded")
        self.assertEqual(event.actor, self.coordinator)
        self.assertEqual(event.data["changes"]["location"], ["Partou BSO Oceaan 16", "Rakkertjes"])
        self.assertEqual(event.data["changes"]["status"], ["new", "forwarded"])
        self.assertEqual(event.data["changes"]["category"], [None, "Communicatie vanuit locatie"])

    def test_it_needs_exactly_one_handler(self):
        complaint = register(location=self.oceaan)
        with self.assertRaises(ComplaintError):
            complaint_forward(complaint=complaint, category=self.invoices, location=self.oceaan, actor=self.coordinator)
        with self.assertRaises(ComplaintError):
            complaint_forward(
                complaint=complaint,
                category=self.invoices,
                location=self.oceaan,
                handling_location=self.oceaan,
                handling_department=self.debiteuren,
                actor=self.coordinator,
            )
        self.assertEqual(complaint.events.count(), 1)

    def test_it_refuses_a_closed_complaint(self):
        complaint = register(location=self.oceaan)
        close(complaint, actor=self.manager)
        with self.assertRaises(ComplaintError):
            complaint_forward(
                complaint=complaint,
                category=self.invoices,
                location=self.oceaan,
                handling_department=self.debiteuren,
                actor=self.coordinator,
            )

from complaints.models import EventKind, Status
from complaints.services import ComplaintError, complaint_reopen, complaint_withdraw
from config.testing import BaseTestCase, close, register


class ComplaintReopenTests(BaseTestCase):
    def setUp(self) -> None:
        self.complaint = register(location=self.oceaan)

    def forward_and_close(self):
        self.complaint.handling_location = self.oceaan
        self.complaint.status = Status.FORWARDED
        self.complaint.save()
        return close(self.complaint, actor=self.manager)

    def test_it_reopens_a_closed_complaint_to_its_handler(self):
        self.forward_and_close()
        reopened = complaint_reopen(
            complaint=self.complaint, reason="Ouder meldt nieuw voorval.", actor=self.coordinator
        )
        self.assertEqual((reopened.status, reopened.closed_at), (Status.IN_PROGRESS, None))
        event = reopened.events.get(kind=EventKind.COMPLAINT_REOPENED)
        self.assertEqual(event.data["reason"], "Ouder meldt nieuw voorval.")
        self.assertEqual(event.data["changes"]["status"], ["closed", "in_progress"])

    def test_a_withdrawn_complaint_without_handler_goes_back_to_triage(self):
        complaint_withdraw(complaint=self.complaint, reason="Telefonisch ingetrokken.", actor=self.coordinator)
        reopened = complaint_reopen(complaint=self.complaint, reason="Toch doorzetten.", actor=self.coordinator)
        self.assertEqual(reopened.status, Status.NEW)

    def test_it_refuses_an_open_complaint_and_an_empty_reason(self):
        with self.assertRaisesMessage(ComplaintError, "niet afgesloten"):
            complaint_reopen(complaint=self.complaint, reason="Waarom niet", actor=self.coordinator)
        self.forward_and_close()
        with self.assertRaisesMessage(ComplaintError, "Noteer waarom"):
            complaint_reopen(complaint=self.complaint, reason=" ", actor=self.coordinator)
        self.assertFalse(self.complaint.events.filter(kind=EventKind.COMPLAINT_REOPENED).exists())

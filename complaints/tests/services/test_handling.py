from datetime import timedelta

from django.utils import timezone

from complaints.models import ClosingLetter, Status
from complaints.services import (
    ComplaintError,
    complaint_close,
    complaint_forward,
    complaint_set_outcome,
    complaint_withdraw,
    contact_record,
    letter_draft,
    letter_send,
    letter_update,
    measure_add,
    measure_complete,
    note_add,
)
from config.testing import BaseTestCase, register
from notifications.models import OutboundEmail


class HandlingTests(BaseTestCase):
    def setUp(self) -> None:
        self.complaint = register(location=self.oceaan, received_at=timezone.now() - timedelta(days=3))
        complaint_forward(
            complaint=self.complaint,
            category=self.communication,
            location=self.oceaan,
            handling_location=self.oceaan,
            actor=self.coordinator,
        )

    def test_it_starts_handling_with_the_first_contact(self):
        contact_record(
            complaint=self.complaint,
            occurred_at=timezone.now() - timedelta(hours=2),
            method="phone",
            summary="Ouder gebeld.",
            actor=self.manager,
        )
        self.complaint.refresh_from_db()
        self.assertEqual(self.complaint.status, Status.IN_PROGRESS)
        event = self.complaint.events.get(kind="contact.recorded")
        self.assertEqual(event.data["changes"]["status"], ["forwarded", "in_progress"])
        self.assertEqual(event.actor, self.manager)

    def test_it_refuses_a_contact_in_the_future_or_before_receipt(self):
        for moment in (timezone.now() + timedelta(hours=1), timezone.now() - timedelta(days=10)):
            with self.assertRaises(ComplaintError):
                contact_record(
                    complaint=self.complaint, occurred_at=moment, method="phone", summary="x", actor=self.manager
                )
        self.assertFalse(self.complaint.contacts.exists())

    def test_it_keeps_notes_and_measures_in_the_history(self):
        note_add(complaint=self.complaint, text="Intern: team gesproken.", actor=self.manager)
        measure = measure_add(
            complaint=self.complaint,
            description="Teamoverleg over overdracht",
            owner="Locatiemanager",
            due_date=timezone.localdate() + timedelta(days=14),
            actor=self.manager,
        )
        measure_complete(measure=measure, actor=self.manager)
        kinds = list(self.complaint.events.values_list("kind", flat=True))
        self.assertEqual(kinds[-3:], ["note.added", "measure.added", "measure.done"])
        with self.assertRaises(ComplaintError):
            measure_complete(measure=measure, actor=self.manager)

    def test_it_refuses_a_measure_without_a_concrete_future_term(self):
        with self.assertRaises(ComplaintError):
            measure_add(
                complaint=self.complaint,
                description="Iets",
                owner="LM",
                due_date=timezone.localdate() - timedelta(days=1),
                actor=self.manager,
            )

    def test_it_drafts_the_letter_from_the_template_with_verdict_and_measures(self):
        with self.assertRaisesMessage(ComplaintError, "oordeel"):
            letter_draft(complaint=self.complaint, actor=self.manager)
        measure_add(
            complaint=self.complaint,
            description="Extra schoonmaakronde",
            owner="Facilitair",
            due_date=timezone.localdate() + timedelta(days=30),
            actor=self.manager,
        )
        complaint_set_outcome(
            complaint=self.complaint, verdict="deels", solution="Excuses gemaakt.", actor=self.manager
        )
        letter = letter_draft(complaint=self.complaint, actor=self.manager)
        self.assertIn(self.complaint.reference, letter.body)
        self.assertIn("deels gegrond", letter.body)
        self.assertIn("Extra schoonmaakronde (Facilitair, uiterlijk", letter.body)
        self.assertIn("Geschillencommissie Kinderopvang", letter.body)

    def test_it_sends_the_letter_as_pdf_through_the_outbox_and_then_closes(self):
        complaint_set_outcome(complaint=self.complaint, verdict="ja", solution="Opgelost.", actor=self.manager)
        with self.assertRaisesMessage(ComplaintError, "afsluitbrief"):
            complaint_close(complaint=self.complaint, actor=self.manager)
        letter_draft(complaint=self.complaint, actor=self.manager)
        letter_update(complaint=self.complaint, body="Beste ouder,\n\nUw klacht is gegrond.", actor=self.manager)
        letter = letter_send(complaint=self.complaint, actor=self.manager)
        self.assertTrue(letter.pdf.read().startswith(b"%PDF-"))
        email = OutboundEmail.objects.get(complaint=self.complaint, template="closing_letter")
        self.assertEqual(email.to, ["ouder@voorbeeld.test"])
        self.assertEqual(email.attachments.get().mimetype, "application/pdf")
        with self.assertRaises(ComplaintError):
            letter_update(complaint=self.complaint, body="Nieuw", actor=self.manager)
        closed = complaint_close(complaint=self.complaint, actor=self.manager)
        self.assertEqual(closed.status, Status.CLOSED)
        self.assertIsNotNone(closed.closed_at)

    def test_it_records_a_withdrawal_as_such(self):
        withdrawn = complaint_withdraw(complaint=self.complaint, reason="Ouder belde: opgelost.", actor=self.manager)
        self.assertEqual(withdrawn.status, Status.WITHDRAWN)
        self.assertEqual(withdrawn.events.last().kind, "complaint.withdrawn")
        with self.assertRaises(ComplaintError):
            complaint_set_outcome(complaint=withdrawn, verdict="ja", solution="x", actor=self.manager)
        self.assertFalse(ClosingLetter.objects.exists())


class RegistrationEmailTests(BaseTestCase):
    def test_it_queues_the_receipt_and_the_coordinator_notice_with_the_complaint(self):
        self.coordinator.email = "coordinator@klachtwijs.test"
        self.coordinator.save()
        complaint = register(location=self.oceaan)
        sent = dict(OutboundEmail.objects.filter(complaint=complaint).values_list("template", "to"))
        self.assertEqual(sent["receipt"], ["ouder@voorbeeld.test"])
        self.assertEqual(sent["coordinator_new"], ["coordinator@klachtwijs.test"])

    def test_it_emails_the_location_manager_when_forwarded(self):
        self.manager.email = "lm@klachtwijs.test"
        self.manager.save()
        complaint = register(location=self.oceaan)
        complaint_forward(
            complaint=complaint,
            category=self.communication,
            location=self.oceaan,
            handling_location=self.oceaan,
            actor=self.coordinator,
        )
        email = OutboundEmail.objects.get(complaint=complaint, template="handler_forwarded")
        self.assertEqual(email.to, ["lm@klachtwijs.test"])

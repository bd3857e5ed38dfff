"""What the complainant may see of the history (issue 13, point 4)."""

from datetime import timedelta

from django.utils import timezone

from complaints.selectors import complaint_public_timeline
from complaints.services import (
    complainant_message_add,
    complainant_message_send,
    complaint_forward,
    contact_record,
    measure_add,
    note_add,
)
from config.testing import BaseTestCase, close, register


class PublicTimelineTests(BaseTestCase):
    def setUp(self) -> None:
        self.complaint = register(location=self.oceaan, received_at=timezone.now() - timedelta(days=2))
        self.manager.first_name, self.manager.last_name = "Petra", "Jansen"
        self.manager.save()

    def test_it_shows_the_steps_and_messages_and_nothing_internal(self):
        complaint_forward(
            complaint=self.complaint,
            category=self.communication,
            location=self.oceaan,
            handling_location=self.oceaan,
            actor=self.coordinator,
        )
        note_add(complaint=self.complaint, text="Intern: lastige ouder.", actor=self.manager)
        contact_record(
            complaint=self.complaint,
            occurred_at=timezone.now() - timedelta(minutes=5),
            method="phone",
            summary="Moeder was boos over de pedagogisch medewerker Anja.",
            actor=self.manager,
        )
        measure_add(
            complaint=self.complaint,
            description="Gesprek met Anja",
            owner="Petra",
            due_date=timezone.localdate() + timedelta(days=7),
            actor=self.manager,
        )
        complainant_message_add(complaint=self.complaint, text="Hierbij nog een foto.", subject="Re: uw klacht")
        complainant_message_send(
            complaint=self.complaint, subject="Uw foto", text="Dank voor de foto.", actor=self.manager
        )
        close(self.complaint, actor=self.manager)

        timeline = complaint_public_timeline(complaint=self.complaint)
        self.assertEqual(
            [entry.kind for entry in timeline],
            [
                "complaint.registered",
                "complaint.forwarded",
                "contact.recorded",
                "message.received",
                "message.sent",
                "letter.sent",
                "complaint.closed",
            ],
        )
        contact, received, sent = timeline[2], timeline[3], timeline[4]
        self.assertEqual(contact.text, "Telefonisch.")
        self.assertTrue(received.from_complainant)
        self.assertEqual(received.text, "Hierbij nog een foto.")
        self.assertEqual(
            (sent.text, sent.signed_name, sent.signed_role), ("Dank voor de foto.", "Petra Jansen", "Locatiemanager")
        )
        shown = repr(timeline)
        for hidden in ("Intern", "Anja", "boos", "coordinator", "Partou BSO Oceaan", "Gesprek met"):
            self.assertNotIn(hidden, shown)

    def test_it_reads_the_timeline_in_one_query(self):
        for number in range(5):
            complainant_message_add(complaint=self.complaint, text=f"Bericht {number}")
        with self.assertNumQueries(1):
            timeline = complaint_public_timeline(complaint=self.complaint)
        self.assertEqual(len(timeline), 6)

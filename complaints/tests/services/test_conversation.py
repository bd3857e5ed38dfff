"""The rest of the conversation with the complainant (issue 13): the
new-message marker, a new expected answer date with its message, and a fresh
status link on request."""

from datetime import timedelta

from django.test import override_settings
from django.utils import timezone

from complaints.models import Complainant, Complaint, ContactMoment, EventKind
from complaints.services import (
    ComplaintError,
    complainant_erase,
    complainant_message_add,
    complainant_message_send,
    complaint_answer_date_set,
    complaint_forward,
    complaint_messages_seen,
    complaint_withdraw,
    status_link_resend,
)
from config.testing import BaseTestCase, register
from notifications.models import OutboundEmail


@override_settings(COORDINATOR_EMAILS=["coordinatie@klachtwijs.test"])
class NewMessageMarkerTests(BaseTestCase):
    def setUp(self) -> None:
        self.complaint = register(location=self.oceaan)

    def test_a_message_from_the_complainant_marks_the_complaint_until_someone_answers(self):
        self.assertIsNone(self.complaint.unread_message_at)
        complainant_message_add(complaint=self.complaint, text="Nog iets.")
        first = Complaint.objects.get(pk=self.complaint.pk).unread_message_at
        self.assertIsNotNone(first)
        complainant_message_add(complaint=self.complaint, text="En nog iets.")
        # The marker keeps the moment of the first unread message.
        self.assertEqual(Complaint.objects.get(pk=self.complaint.pk).unread_message_at, first)

        complainant_message_send(complaint=self.complaint, subject="Antwoord", text="Dank u.", actor=self.coordinator)
        self.assertIsNone(Complaint.objects.get(pk=self.complaint.pk).unread_message_at)

    def test_opening_clears_the_marker_once(self):
        complainant_message_add(complaint=self.complaint, text="Nog iets.")
        self.assertTrue(complaint_messages_seen(complaint=self.complaint))
        self.assertFalse(complaint_messages_seen(complaint=self.complaint))
        self.assertIsNone(Complaint.objects.get(pk=self.complaint.pk).unread_message_at)


class AnswerDateTests(BaseTestCase):
    def setUp(self) -> None:
        self.complaint = register(location=self.oceaan, received_at=timezone.now() - timedelta(days=50))
        complaint_forward(
            complaint=self.complaint,
            category=self.communication,
            location=self.oceaan,
            handling_location=self.oceaan,
            actor=self.coordinator,
        )
        self.manager.first_name, self.manager.last_name = "Petra", "Jansen"
        self.manager.save()
        self.answer_on = timezone.localdate() + timedelta(days=14)

    def test_it_sets_the_date_and_tells_the_complainant_in_one_step(self):
        complaint_answer_date_set(
            complaint=self.complaint,
            answer_on=self.answer_on,
            subject="Wanneer u ons oordeel krijgt",
            text="Het lukt niet binnen zes weken.",
            actor=self.manager,
        )
        complaint = Complaint.objects.get(pk=self.complaint.pk)
        self.assertEqual(complaint.expected_answer_on, self.answer_on)
        event = complaint.events.get(kind=EventKind.ANSWER_DATE_SET)
        self.assertEqual(event.actor, self.manager)
        self.assertEqual(event.data["changes"]["expected_answer_on"], [None, self.answer_on.isoformat()])
        sent = complaint.events.get(kind=EventKind.MESSAGE_SENT)
        self.assertEqual(sent.data["signed"], {"name": "Petra Jansen", "role": "Locatiemanager"})
        self.assertTrue(ContactMoment.objects.filter(complaint=complaint, method="email").exists())
        email = OutboundEmail.objects.get(template="message_to_complainant")
        self.assertEqual(email.to, ["ouder@voorbeeld.test"])
        self.assertIn("Het lukt niet binnen zes weken.", email.body_text)
        day = self.answer_on.day
        self.assertRegex(email.body_text, rf"uiterlijk op {day} \w+ {self.answer_on.year} verwachten")
        self.assertIn("Petra Jansen\nLocatiemanager", email.body_text)
        # A person wrote it: an out-of-office reply may answer it.
        self.assertFalse(email.auto_submitted)

    def test_a_date_that_is_not_in_the_future_is_refused_and_nothing_is_written(self):
        for day in (timezone.localdate(), timezone.localdate() - timedelta(days=1)):
            with self.assertRaisesMessage(ComplaintError, "na vandaag"):
                complaint_answer_date_set(
                    complaint=self.complaint, answer_on=day, subject="S", text="T", actor=self.manager
                )
        self.assertIsNone(Complaint.objects.get(pk=self.complaint.pk).expected_answer_on)
        self.assertFalse(OutboundEmail.objects.filter(template="message_to_complainant").exists())

    def test_without_a_message_there_is_no_new_date(self):
        with self.assertRaisesMessage(ComplaintError, "onderwerp en een tekst"):
            complaint_answer_date_set(
                complaint=self.complaint, answer_on=self.answer_on, subject="S", text="  ", actor=self.manager
            )
        self.assertIsNone(Complaint.objects.get(pk=self.complaint.pk).expected_answer_on)

    def test_a_closed_complaint_gets_no_new_date(self):
        complaint_withdraw(complaint=self.complaint, reason="Opgelost.", actor=self.coordinator)
        with self.assertRaises(ComplaintError):
            complaint_answer_date_set(
                complaint=self.complaint, answer_on=self.answer_on, subject="S", text="T", actor=self.manager
            )
        self.assertFalse(self.complaint.events.filter(kind=EventKind.ANSWER_DATE_SET).exists())


class StatusLinkResendTests(BaseTestCase):
    def setUp(self) -> None:
        self.complaint = register(location=self.oceaan)
        self.old_token = self.complaint.status_token

    def test_a_matching_address_and_reference_get_a_fresh_link_by_e_mail(self):
        found = status_link_resend(
            email="OUDER@voorbeeld.test", reference=self.complaint.reference.lower(), now=timezone.now()
        )
        self.assertEqual(found, self.complaint)
        complaint = Complaint.objects.get(pk=self.complaint.pk)
        self.assertNotEqual(complaint.status_token, self.old_token)
        email = OutboundEmail.objects.get(template="status_link")
        self.assertEqual(email.to, ["ouder@voorbeeld.test"])
        self.assertIn(f"/status/{complaint.status_token}/", email.body_text)
        self.assertNotIn(self.old_token, email.body_text)
        self.assertTrue(email.auto_submitted)
        event = complaint.events.get(kind=EventKind.STATUS_LINK_SENT)
        # The history says a link went out, never the secret itself.
        self.assertNotIn(complaint.status_token, str(event.data))

    def test_nothing_happens_when_the_combination_does_not_exist(self):
        for email, reference in (
            ("iemand@voorbeeld.test", self.complaint.reference),
            ("ouder@voorbeeld.test", "K2026-99999"),
            ("", self.complaint.reference),
        ):
            self.assertIsNone(status_link_resend(email=email, reference=reference, now=timezone.now()))
        self.assertEqual(Complaint.objects.get(pk=self.complaint.pk).status_token, self.old_token)
        self.assertFalse(OutboundEmail.objects.filter(template="status_link").exists())

    def test_an_erased_complainant_or_an_expired_link_gets_nothing(self):
        complainant_erase(complaint=self.complaint, actor=self.coordinator, reason="Verzoek indiener.")
        self.assertIsNone(
            status_link_resend(email="ouder@voorbeeld.test", reference=self.complaint.reference, now=timezone.now())
        )
        expired = register(location=self.oceaan, received_at=timezone.now() - timedelta(days=600))
        complaint_withdraw(complaint=expired, reason="Opgelost.", actor=self.coordinator)
        Complaint.objects.filter(pk=expired.pk).update(closed_at=timezone.now() - timedelta(days=400))
        self.assertIsNone(
            status_link_resend(email="ouder@voorbeeld.test", reference=expired.reference, now=timezone.now())
        )
        self.assertFalse(OutboundEmail.objects.filter(template="status_link").exists())
        self.assertEqual(Complainant.objects.filter(complaint=self.complaint, erased_at__isnull=False).count(), 1)

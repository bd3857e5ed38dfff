from complaints.models import ComplaintEvent, EventKind
from complaints.services import event_record
from config.testing import BaseTestCase, register


class EventKindTests(BaseTestCase):
    def test_every_kind_is_dotted_and_has_a_dutch_label(self):
        for kind in EventKind:
            self.assertRegex(kind.value, r"^[a-z]+\.[a-z_]+$")
            self.assertNotEqual(str(kind.label), kind.value)
        self.assertEqual(EventKind.EMAIL_SENT.label, "E-mail verstuurd")

    def test_an_event_shows_the_label_of_its_kind(self):
        complaint = register(location=self.oceaan, notify=False)
        event = complaint.events.get()
        self.assertEqual(event.kind, EventKind.COMPLAINT_REGISTERED)
        self.assertEqual(event.label, "Klacht geregistreerd")

    def test_event_record_refuses_a_kind_that_is_not_declared(self):
        complaint = register(location=self.oceaan, notify=False)
        with self.assertRaisesMessage(ValueError, "complaint.teleported"):
            event_record(complaint=complaint, kind="complaint.teleported")
        self.assertEqual(ComplaintEvent.objects.filter(complaint=complaint).count(), 1)

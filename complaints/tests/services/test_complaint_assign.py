"""complaint_assign: a person of the handling unit, with a history entry; and
complaint_forward clearing an assignee that does not belong to the new unit."""

from complaints.models import ComplaintEvent, EventKind
from complaints.selectors import assignable_users
from complaints.services import ComplaintError, complaint_assign, complaint_forward, complaint_set_confidential
from config.testing import BaseTestCase, close, make_user, register
from staff.tests.helpers import forwarded


class ComplaintAssignServiceTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.complaint = forwarded(location=self.oceaan, actor=self.coordinator, category=self.communication)

    def test_it_assigns_to_a_person_of_the_handling_unit_with_a_history_entry(self):
        complaint_assign(complaint=self.complaint, assignee=self.manager, actor=self.coordinator)
        self.complaint.refresh_from_db()
        self.assertEqual(self.complaint.assignee, self.manager)
        event = ComplaintEvent.objects.get(complaint=self.complaint, kind=EventKind.COMPLAINT_ASSIGNED)
        self.assertEqual(event.data["changes"], {"assignee": [None, "manager"]})
        self.assertEqual(event.actor, self.coordinator)
        # The operations manager of the location's region belongs to the unit too.
        complaint_assign(complaint=self.complaint, assignee=self.ops_north, actor=self.manager)
        self.complaint.refresh_from_db()
        self.assertEqual(self.complaint.assignee, self.ops_north)

    def test_it_refuses_a_person_outside_the_unit(self):
        for person in (self.other_manager, self.department_handler, self.coordinator, self.management):
            with self.subTest(person=person.username), self.assertRaisesMessage(ComplaintError, "hoort niet bij"):
                complaint_assign(complaint=self.complaint, assignee=person, actor=self.coordinator)
        self.assertFalse(ComplaintEvent.objects.filter(kind=EventKind.COMPLAINT_ASSIGNED).exists())

    def test_it_refuses_an_inactive_person_and_a_confidential_complaints_location_manager(self):
        inactive = make_user("weg", "location_manager", locations=[self.oceaan], is_active=False)
        with self.assertRaisesMessage(ComplaintError, "hoort niet bij"):
            complaint_assign(complaint=self.complaint, assignee=inactive, actor=self.coordinator)
        complaint_set_confidential(
            complaint=self.complaint, confidential=True, reason="Over de manager", actor=self.coordinator
        )
        self.complaint.refresh_from_db()
        self.assertEqual(list(assignable_users(self.complaint)), [self.ops_north])

    def test_it_refuses_a_complaint_not_forwarded_or_closed(self):
        new = register(location=self.oceaan)
        with self.assertRaisesMessage(ComplaintError, "Stuur de klacht eerst door"):
            complaint_assign(complaint=new, assignee=self.manager, actor=self.coordinator)
        close(self.complaint, actor=self.manager)
        with self.assertRaisesMessage(ComplaintError, "afgesloten"):
            complaint_assign(complaint=self.complaint, assignee=self.manager, actor=self.coordinator)

    def test_a_department_complaint_goes_to_its_handlers(self):
        complaint = forwarded(
            location=self.margriet, actor=self.coordinator, category=self.invoices, department=self.debiteuren
        )
        self.assertEqual(list(assignable_users(complaint)), [self.department_handler])

    def test_forwarding_elsewhere_clears_an_assignee_of_the_old_unit(self):
        complaint_assign(complaint=self.complaint, assignee=self.manager, actor=self.coordinator)
        complaint_forward(
            complaint=self.complaint,
            category=self.communication,
            location=self.oceaan,
            handling_location=self.margriet,
            actor=self.coordinator,
        )
        self.complaint.refresh_from_db()
        self.assertIsNone(self.complaint.assignee)
        event = ComplaintEvent.objects.filter(complaint=self.complaint, kind=EventKind.COMPLAINT_FORWARDED).last()
        self.assertEqual(event.data["changes"]["assignee"], ["manager", None])

from django.urls import reverse

from complaints.models import ComplaintEvent, EventKind
from complaints.selectors import assignable_users
from complaints.services import ComplaintError, complaint_assign, complaint_forward, complaint_set_confidential
from config.testing import BaseTestCase, close, make_user, register
from staff.tests.helpers import days_ago, forwarded

MINE = reverse("staff:my_complaints")


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


class AssignmentScreenTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.complaint = forwarded(
            location=self.oceaan, actor=self.coordinator, category=self.communication, description="Over de overdracht"
        )
        self.url = reverse("staff:complaint_assign", args=[self.complaint.reference])

    def test_a_handler_assigns_it_to_themselves_and_finds_it_under_mijn_klachten(self):
        self.client.force_login(self.manager)
        detail = self.client.get(reverse("staff:complaint_detail", args=[self.complaint.reference]))
        self.assertContains(detail, f'href="{self.url}"')
        self.assertEqual(self.client.get(MINE).context["page"].object_list.count(), 0)
        self.assertContains(self.client.get(MINE), "Er zijn geen open klachten aan u toegewezen.")
        form = self.client.get(self.url)
        self.assertEqual(list(form.context["form"].fields["assignee"].queryset), [self.manager, self.ops_north])
        response = self.client.post(self.url, {"assignee": self.manager.pk}, follow=True)
        self.assertContains(response, f"Klacht {self.complaint.reference} is toegewezen aan manager.")
        mine = self.client.get(MINE)
        self.assertEqual([c.reference for c in mine.context["page"]], [self.complaint.reference])
        self.assertContains(mine, '<h1 class="h3 mb-0">Mijn klachten', html=False)
        # Not mine for someone else.
        self.client.force_login(self.ops_north)
        self.assertEqual(list(self.client.get(MINE).context["page"]), [])

    def test_a_person_outside_the_unit_is_refused_with_a_message(self):
        self.client.force_login(self.coordinator)
        response = self.client.post(self.url, {"assignee": self.other_manager.pk})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Selecteer een geldige keuze.")
        self.complaint.refresh_from_db()
        self.assertIsNone(self.complaint.assignee)

    def test_a_manager_of_another_location_gets_a_404_and_management_a_403(self):
        self.client.force_login(self.other_manager)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.client.force_login(self.management)
        self.assertEqual(self.client.get(self.url).status_code, 403)

    def test_the_menu_links_to_mijn_klachten(self):
        self.client.force_login(self.manager)
        self.assertContains(self.client.get(MINE), f'href="{MINE}">Mijn klachten</a>')

    def test_worklist_cards_show_category_and_summary_and_the_location_once(self):
        # Due within the week, so it is on the worklist.
        self.complaint = forwarded(
            location=self.oceaan,
            actor=self.coordinator,
            category=self.communication,
            description="Over de overdracht",
            received_at=days_ago(38),
        )
        complaint_assign(complaint=self.complaint, assignee=self.manager, actor=self.coordinator)
        self.client.force_login(self.coordinator)
        response = self.client.get(reverse("staff:worklist"))
        content = response.content.decode()
        card = content[content.index(f">{self.complaint.reference}</a>") :]
        card = card[: card.index("</li>")]
        self.assertIn(self.communication.name, card)
        self.assertIn("Over de overdracht", card)
        self.assertEqual(card.count(self.oceaan.name), 1)
        self.assertIn("manager", card)

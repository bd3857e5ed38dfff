from django.urls import reverse

from complaints.services import complaint_assign
from config.testing import BaseTestCase
from staff.tests.helpers import days_ago, forwarded

MINE = reverse("staff:my_complaints")


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
        self.assertEqual(len(self.client.get(MINE).context["page"]), 0)
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

from datetime import date

from config.testing import BaseTestCase, register
from improvements.models import Improvement, ImprovementStatus, Kind
from improvements.services import improvement_create

ADD_URL = "/admin/improvements/improvement/add/"
LIST_URL = "/admin/improvements/improvement/"


class ImprovementAdminTests(BaseTestCase):
    def setUp(self) -> None:
        self.client.force_login(self.administrator)

    def test_adding_an_action_goes_through_the_service(self):
        complaint = register(location=self.oceaan)
        response = self.client.post(
            ADD_URL,
            {
                "title": "Wachtlijstbrief herschrijven",
                "kind": Kind.COMMUNICATION,
                "description": "Duidelijker over de plaatsingsdatum.",
                "owner_name": "Planning en plaatsing",
                "due_date": "2026-12-15",
                "complaints": str(complaint.pk),
                "categories": [str(self.communication.pk)],
            },
        )
        self.assertRedirects(response, LIST_URL, fetch_redirect_response=False)
        improvement = Improvement.objects.get()
        self.assertEqual(improvement.created_by, self.administrator)
        self.assertEqual(improvement.status, ImprovementStatus.OPEN)
        self.assertEqual(list(improvement.complaints.all()), [complaint])
        self.assertEqual(list(improvement.categories.all()), [self.communication])

    def test_an_action_needs_a_complaint_or_a_category(self):
        response = self.client.post(ADD_URL, {"title": "Iets", "kind": Kind.POLICY, "due_date": "2026-12-15"})
        self.assertContains(response, "ten minste één klacht of categorie")
        self.assertFalse(Improvement.objects.exists())

    def test_the_status_changes_through_the_list_actions(self):
        improvement = improvement_create(
            title="Protocol", kind=Kind.PROTOCOL, due_date=date(2026, 12, 1), categories=[self.invoices]
        )
        self.assertEqual(self.client.get(LIST_URL).status_code, 200)
        self.assertEqual(self.client.get(f"{LIST_URL}{improvement.pk}/change/").status_code, 200)
        self.client.post(LIST_URL, {"action": "mark_done", "_selected_action": [improvement.pk]})
        improvement.refresh_from_db()
        self.assertEqual(improvement.status, ImprovementStatus.DONE)
        self.assertIsNotNone(improvement.done_at)

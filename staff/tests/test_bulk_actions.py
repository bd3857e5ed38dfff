from django.urls import reverse

from complaints.models import ComplaintEvent, EventKind, Status
from config.testing import BaseTestCase, register
from staff.tests.helpers import forwarded

BULK = reverse("staff:bulk_action")
LIST = reverse("staff:complaint_list")


class BulkActionTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.first = register(location=cls.oceaan, description="Eerste")
        cls.second = register(location=cls.rakkertjes, description="Tweede")
        cls.classified = forwarded(location=cls.margriet, actor=cls.coordinator, category=cls.invoices)

    def events(self, complaint, kind: EventKind) -> int:
        return ComplaintEvent.objects.filter(complaint=complaint, kind=kind).count()

    def test_the_list_offers_checkboxes_and_actions_to_the_coordinator_only(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(LIST)
        self.assertContains(response, f'value="{self.first.reference}" form="bulk"')
        self.assertContains(response, '<option value="forward">Doorsturen naar een behandelaar</option>')
        self.client.force_login(self.ops_north)
        self.assertNotContains(self.client.get(LIST), 'id="bulk"')
        self.assertEqual(
            self.client.post(BULK, {"action": "forward", "complaint": [self.first.reference]}).status_code, 403
        )

    def test_bulk_forward_asks_once_then_forwards_each_with_its_own_history_entry(self):
        self.client.force_login(self.coordinator)
        selection = {
            "action": "forward",
            "complaint": [self.first.reference, self.second.reference],
            "back": "status=new",
        }
        confirm = self.client.post(BULK, selection)
        self.assertEqual(confirm.status_code, 200)
        self.assertContains(confirm, "U kiest 2 klachten.")
        self.assertEqual(self.events(self.first, EventKind.COMPLAINT_FORWARDED), 0)
        response = self.client.post(
            BULK,
            {**selection, "confirm": "1", "handler": f"department-{self.debiteuren.pk}", "category": self.invoices.pk},
        )
        self.assertRedirects(response, f"{LIST}?status=new", fetch_redirect_response=False)
        for complaint in (self.first, self.second):
            complaint.refresh_from_db()
            self.assertEqual(complaint.status, Status.FORWARDED)
            self.assertEqual(complaint.handling_department, self.debiteuren)
            self.assertEqual(complaint.category, self.invoices)
            self.assertEqual(self.events(complaint, EventKind.COMPLAINT_FORWARDED), 1)
        page = self.client.get(LIST)
        self.assertContains(page, "2 klacht(en) doorgestuurd")

    def test_bulk_forward_keeps_each_category_and_refuses_a_complaint_without_one(self):
        self.client.force_login(self.coordinator)
        response = self.client.post(
            BULK,
            {
                "action": "forward",
                "complaint": [self.first.reference, self.classified.reference],
                "confirm": "1",
                "handler": f"location-{self.rakkertjes.pk}",
            },
            follow=True,
        )
        self.assertContains(response, f"{self.first.reference}: Nog niet ingedeeld: kies een categorie.")
        self.assertContains(response, f"1 klacht(en) doorgestuurd: {self.classified.reference}.")
        self.classified.refresh_from_db()
        self.assertEqual(
            (self.classified.handling_location, self.classified.category), (self.rakkertjes, self.invoices)
        )
        self.assertEqual(self.events(self.classified, EventKind.COMPLAINT_FORWARDED), 2)
        self.first.refresh_from_db()
        self.assertEqual(self.first.status, Status.NEW)

    def test_the_confirmation_shows_form_errors_in_dutch(self):
        self.client.force_login(self.coordinator)
        response = self.client.post(
            BULK, {"action": "forward", "complaint": [self.first.reference], "confirm": "1", "handler": "location-x"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Selecteer een geldige keuze.")
        self.assertEqual(self.events(self.first, EventKind.COMPLAINT_FORWARDED), 0)

    def test_an_empty_or_unknown_selection_gets_a_message(self):
        self.client.force_login(self.coordinator)
        response = self.client.post(BULK, {"action": "forward"}, follow=True)
        self.assertContains(response, "Kies eerst een of meer klachten in de lijst.")
        response = self.client.post(BULK, {"action": "forward", "complaint": ["K1999-00001"]}, follow=True)
        self.assertContains(response, "Geen van de gekozen klachten is gevonden.")
        response = self.client.post(BULK, {"action": "wissen", "complaint": [self.first.reference]}, follow=True)
        self.assertContains(response, "Selecteer een geldige keuze.")
        too_many = [f"K2026-{number:05d}" for number in range(1, 102)]
        response = self.client.post(BULK, {"action": "forward", "complaint": too_many}, follow=True)
        self.assertContains(response, "Kies hoogstens 100 klachten tegelijk.")

    def test_bulk_assign_assigns_where_the_person_belongs_to_the_unit(self):
        other = forwarded(location=self.oceaan, actor=self.coordinator, category=self.communication)
        self.client.force_login(self.coordinator)
        response = self.client.post(
            BULK,
            {
                "action": "assign",
                "complaint": [other.reference, self.classified.reference],
                "confirm": "1",
                "assignee": self.manager.pk,
            },
            follow=True,
        )
        other.refresh_from_db()
        self.classified.refresh_from_db()
        self.assertEqual(other.assignee, self.manager)
        self.assertIsNone(self.classified.assignee)
        self.assertEqual(self.events(other, EventKind.COMPLAINT_ASSIGNED), 1)
        self.assertContains(response, f"{self.classified.reference}: manager hoort niet bij de behandelaar")

    def test_bulk_mark_marks_each_confidential_with_the_reason(self):
        self.client.force_login(self.coordinator)
        self.client.post(
            BULK,
            {
                "action": "mark",
                "complaint": [self.first.reference, self.second.reference],
                "confirm": "1",
                "reason": "Gaat over de locatiemanager",
            },
        )
        for complaint in (self.first, self.second):
            complaint.refresh_from_db()
            self.assertTrue(complaint.is_confidential)
            event = ComplaintEvent.objects.get(complaint=complaint, kind=EventKind.COMPLAINT_MARKED_CONFIDENTIAL)
            self.assertEqual(event.data["reason"], "Gaat over de locatiemanager")
            self.assertEqual(event.actor, self.coordinator)

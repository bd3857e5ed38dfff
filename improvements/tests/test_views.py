"""Improvement actions in the staff screens (issue 14 point 6): list, create
from a complaint or a pattern (category), owner, due date, done; for the
coordinator only."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from complaints.models import ComplaintEvent, EventKind
from config.testing import BaseTestCase, register
from improvements.models import Improvement, ImprovementStatus, Kind
from improvements.services import improvement_create


class ImprovementScreensTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.coordinator)

    def test_only_the_coordinator_manages_improvement_actions(self):
        action = improvement_create(
            title="Protocol",
            kind=Kind.PROTOCOL,
            owner_name="Kwaliteit",
            due_date=date(2026, 12, 1),
            categories=[self.communication],
        )
        urls = [
            reverse("improvements:list"),
            reverse("improvements:create"),
            reverse("improvements:update", args=[action.pk]),
        ]
        for persona in (self.manager, self.ops_north, self.department_handler, self.management, self.administrator):
            self.client.force_login(persona)
            for url in urls:
                self.assertEqual(self.client.get(url).status_code, 403, (persona, url))
            response = self.client.post(reverse("improvements:status", args=[action.pk]), {"status": "done"})
            self.assertEqual(response.status_code, 403)
        self.assertEqual(Improvement.objects.get().status, ImprovementStatus.OPEN)
        self.client.logout()
        self.assertEqual(self.client.get(urls[0]).status_code, 302)

    def test_it_creates_an_action_from_a_complaint_with_an_entry_in_its_history(self):
        complaint = register(location=self.oceaan)
        detail = self.client.get(reverse("staff:complaint_detail", args=[complaint.reference]))
        link = reverse("improvements:create") + f"?klacht={complaint.reference}"
        self.assertContains(detail, link)
        form = self.client.get(link)
        self.assertContains(form, f'value="{complaint.reference}"')
        due = timezone.localdate() + timedelta(days=30)
        response = self.client.post(
            link,
            {
                "title": "Overdracht bij ophalen vastleggen",
                "kind": Kind.PROTOCOL,
                "description": "Elke overdracht in de app.",
                "owner": self.manager.pk,
                "owner_name": "",
                "due_date": due.isoformat(),
                "references": complaint.reference.lower(),
            },
            follow=True,
        )
        self.assertContains(response, "is vastgelegd")
        action = Improvement.objects.get()
        self.assertEqual((action.owner, action.due_date, action.created_by), (self.manager, due, self.coordinator))
        self.assertEqual(list(action.complaints.all()), [complaint])
        event = ComplaintEvent.objects.get(complaint=complaint, kind=EventKind.IMPROVEMENT_LINKED)
        self.assertEqual(
            (event.actor, event.data["description"]), (self.coordinator, "Overdracht bij ophalen vastleggen")
        )
        self.assertContains(response, "Overdracht bij ophalen vastleggen")

    def test_it_creates_an_action_from_a_pattern_of_a_category(self):
        link = reverse("improvements:create") + f"?categorie={self.invoices.pk}"
        page = self.client.get(link).content.decode()
        self.assertRegex(page, rf'<option value="{self.invoices.pk}" selected>')
        response = self.client.post(
            link,
            {
                "title": "Tarieven duidelijker op de website",
                "kind": Kind.COMMUNICATION,
                "owner_name": "Afdeling communicatie",
                "due_date": "2027-01-31",
                "categories": [self.invoices.pk],
            },
        )
        self.assertRedirects(response, reverse("improvements:list"))
        action = Improvement.objects.get()
        self.assertEqual(action.owner_display, "Afdeling communicatie")
        self.assertEqual(list(action.categories.all()), [self.invoices])

    def test_bad_input_gives_dutch_messages_and_stores_nothing(self):
        response = self.client.post(
            reverse("improvements:create"),
            {"title": "", "kind": "nonsense", "due_date": "31-31-2026", "references": "K2099-99999"},
        )
        self.assertEqual(response.status_code, 200)
        page = response.content.decode()
        self.assertIn("Dit veld is verplicht", page)
        self.assertIn("Geen klacht gevonden met kenmerk K2099-99999", page)
        self.assertIn("Kies een eigenaar of vul de naam van de eigenaar in.", page)
        self.assertFalse(Improvement.objects.exists())
        response = self.client.post(
            reverse("improvements:create"),
            {"title": "Iets", "kind": Kind.POLICY, "owner_name": "X", "due_date": "2027-01-01"},
        )
        self.assertContains(response, "Koppel de verbeteractie aan ten minste één klacht of categorie.")

    def test_a_complaint_outside_the_users_scope_cannot_be_linked(self):
        # The coordinator sees all; the scope check is the same selector as the staff screens.
        response = self.client.post(
            reverse("improvements:create"),
            {
                "title": "x",
                "kind": Kind.POLICY,
                "owner_name": "X",
                "due_date": "2027-01-01",
                "references": "K2026-00001'; --",
            },
        )
        self.assertContains(response, "Geen klacht gevonden")

    def test_it_changes_owner_and_due_date_and_marks_done_and_open_again(self):
        action = improvement_create(
            title="Protocol",
            kind=Kind.PROTOCOL,
            owner_name="Kwaliteit",
            due_date=date(2020, 1, 1),
            categories=[self.communication],
        )
        page = self.client.get(reverse("improvements:list")).content.decode()
        self.assertIn("Protocol", page)
        self.assertIn("(verlopen)", page)
        response = self.client.post(
            reverse("improvements:update", args=[action.pk]),
            {"owner": self.ops_north.pk, "owner_name": "", "due_date": "2027-03-01"},
        )
        self.assertRedirects(response, reverse("improvements:list"))
        action.refresh_from_db()
        self.assertEqual((action.owner, action.owner_name, action.due_date), (self.ops_north, "", date(2027, 3, 1)))

        self.client.post(reverse("improvements:status", args=[action.pk]), {"status": "done"})
        action.refresh_from_db()
        self.assertEqual(action.status, ImprovementStatus.DONE)
        self.assertIsNotNone(action.done_at)
        self.assertContains(self.client.get(reverse("improvements:list")), "Geen verbeteracties.")
        done = self.client.get(reverse("improvements:list"), {"status": "afgerond"}).content.decode()
        self.assertIn("<td>Protocol</td>", done)

        self.client.post(reverse("improvements:status", args=[action.pk]), {"status": "open"})
        action.refresh_from_db()
        self.assertEqual((action.status, action.done_at), (ImprovementStatus.OPEN, None))
        response = self.client.post(reverse("improvements:status", args=[action.pk]), {"status": "weg"}, follow=True)
        self.assertContains(response, "Onbekende status.")
        self.assertEqual(self.client.get(reverse("improvements:list"), {"status": "<script>"}).status_code, 200)

    def test_the_list_takes_a_bounded_number_of_queries(self):
        for n in range(3):
            improvement_create(
                title=f"Actie {n}",
                kind=Kind.POLICY,
                owner=self.manager,
                due_date=date(2027, 1, 1),
                categories=[self.communication, self.invoices],
            )
        self.client.get(reverse("improvements:list"))
        with self.assertNumQueries(4):  # session, user with device; actions with counts; their categories
            self.client.get(reverse("improvements:list"))
        for n in range(5):
            improvement_create(
                title=f"Meer {n}",
                kind=Kind.POLICY,
                owner=self.ops_north,
                due_date=date(2027, 1, 1),
                categories=[self.invoices],
            )
        with self.assertNumQueries(4):
            self.client.get(reverse("improvements:list"))

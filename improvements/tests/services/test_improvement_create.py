from datetime import date

from config.testing import BaseTestCase, register
from improvements.models import ImprovementStatus, Kind
from improvements.services import ImprovementError, improvement_create


class ImprovementCreateTests(BaseTestCase):
    def test_it_records_the_action_with_what_led_to_it(self):
        complaint = register(location=self.oceaan)
        improvement = improvement_create(
            title="  Overdracht bij ophalen vastleggen ",
            kind=Kind.PROTOCOL,
            description="Elke overdracht in de app.",
            owner=self.manager,
            due_date=date(2026, 12, 1),
            complaints=[complaint],
            categories=[self.communication],
            actor=self.coordinator,
        )
        improvement.refresh_from_db()
        self.assertEqual(improvement.title, "Overdracht bij ophalen vastleggen")
        self.assertEqual((improvement.status, improvement.done_at), (ImprovementStatus.OPEN, None))
        self.assertEqual(list(improvement.complaints.all()), [complaint])
        self.assertEqual(list(improvement.categories.all()), [self.communication])
        self.assertEqual(improvement.created_by, self.coordinator)
        self.assertEqual(improvement.owner_display, "manager")
        self.assertEqual(list(complaint.improvements.all()), [improvement])

    def test_an_owner_without_an_account_is_a_name(self):
        improvement = improvement_create(
            title="Tarieven op de website",
            kind=Kind.COMMUNICATION,
            owner_name="Afdeling marketing",
            due_date=date(2026, 12, 1),
            categories=[self.invoices],
        )
        self.assertEqual(improvement.owner_display, "Afdeling marketing")

    def test_it_needs_a_title_a_kind_and_a_cause(self):
        cases = {
            "Geef de verbeteractie een titel.": {"title": " ", "kind": Kind.POLICY, "categories": [self.invoices]},
            "Kies of het om beleid": {"title": "Beleid", "kind": "other", "categories": [self.invoices]},
            "ten minste één klacht of categorie": {"title": "Beleid", "kind": Kind.POLICY},
        }
        for message, arguments in cases.items():
            with self.subTest(message=message), self.assertRaisesMessage(ImprovementError, message):
                improvement_create(due_date=date(2026, 12, 1), **arguments)

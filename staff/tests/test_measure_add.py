from datetime import timedelta

from django.utils import timezone

from complaints.models import Measure, Status
from config.testing import BaseTestCase
from staff.tests.helpers import HandlingTestMixin


class MeasureAddTests(HandlingTestMixin, BaseTestCase):
    def data(self, **changes) -> dict:
        due = timezone.localdate() + timedelta(days=21)
        return {"description": "Overdrachtsprotocol bespreken", "owner": "Teamleider", "due_date": due} | changes

    def test_it_records_a_measure_with_a_concrete_term(self):
        response = self.client.post(self.url("measure_add"), self.data())
        self.assertRedirects(response, self.detail_url(), fetch_redirect_response=False)
        measure = Measure.objects.get()
        self.assertEqual(measure.due_date, timezone.localdate() + timedelta(days=21))
        self.assertEqual(measure.created_by, self.manager)
        self.assertEqual(self.refreshed().status, Status.IN_PROGRESS)

    def test_it_refuses_a_term_in_the_past(self):
        response = self.client.post(
            self.url("measure_add"), self.data(due_date=timezone.localdate() - timedelta(days=1))
        )
        self.assertEqual(response.context["form"].errors["due_date"], ["Kies een termijn vanaf vandaag."])
        self.assertContains(response, "Overdrachtsprotocol bespreken")
        self.assertFalse(Measure.objects.exists())

    def test_it_refuses_a_date_that_does_not_exist(self):
        for value in ("2026-02-30", "volgende week", "99999-01-01"):
            with self.subTest(value=value):
                response = self.client.post(self.url("measure_add"), self.data(due_date=value))
                self.assertIn("due_date", response.context["form"].errors)
        self.assertFalse(Measure.objects.exists())

    def test_it_needs_what_and_who(self):
        response = self.client.post(self.url("measure_add"), self.data(description="", owner=""))
        self.assertEqual(set(response.context["form"].errors), {"description", "owner"})

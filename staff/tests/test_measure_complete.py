from datetime import timedelta

from django.utils import timezone

from complaints.models import Measure
from complaints.services import measure_add, measure_complete
from config.testing import BaseTestCase
from staff.tests.helpers import HandlingTestMixin, forwarded


class MeasureCompleteTests(HandlingTestMixin, BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.measure = self.add_measure(self.complaint)

    def add_measure(self, complaint) -> Measure:
        return measure_add(
            complaint=complaint,
            description="Nieuwe werkinstructie",
            owner="Teamleider",
            due_date=timezone.localdate() + timedelta(days=7),
            actor=self.manager,
        )

    def test_it_asks_for_confirmation(self):
        response = self.client.get(self.url("measure_complete", self.measure.pk))
        self.assertContains(response, "Nieuwe werkinstructie")
        self.assertContains(response, "Ja, markeer als gerealiseerd")
        self.assertIsNone(Measure.objects.get().done_at)

    def test_it_marks_the_measure_done(self):
        response = self.client.post(self.url("measure_complete", self.measure.pk))
        self.assertRedirects(response, self.detail_url(), fetch_redirect_response=False)
        self.assertIsNotNone(Measure.objects.get().done_at)
        self.assertTrue(self.complaint.events.filter(kind="measure.done").exists())

    def test_it_says_so_when_the_measure_was_already_done(self):
        measure_complete(measure=self.measure, actor=self.manager)
        response = self.client.post(self.url("measure_complete", self.measure.pk))
        self.assertContains(response, "Deze maatregel is al gerealiseerd.")
        self.assertEqual(self.complaint.events.filter(kind="measure.done").count(), 1)

    def test_it_answers_404_for_a_measure_of_another_complaint(self):
        other = forwarded(location=self.oceaan, actor=self.coordinator, category=self.communication)
        foreign = self.add_measure(other)
        for method in ("get", "post"):
            with self.subTest(method=method):
                response = getattr(self.client, method)(self.url("measure_complete", foreign.pk))
                self.assertEqual(response.status_code, 404)
        self.assertIsNone(Measure.objects.get(pk=foreign.pk).done_at)

    def test_it_answers_404_for_a_measure_that_does_not_exist(self):
        self.assertEqual(self.client.post(self.url("measure_complete", 99999999999999999999)).status_code, 404)

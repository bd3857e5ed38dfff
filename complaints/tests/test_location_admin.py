from django.urls import reverse

from complaints.models import ComplaintEvent, EventKind
from config.testing import BaseTestCase, register
from organisation.models import Location

URL = reverse("admin:organisation_location_changelist")


class LocationMergeAdminTests(BaseTestCase):
    def setUp(self) -> None:
        self.client.force_login(self.administrator)
        self.register_location = Location.objects.create(
            name="Partou BSO Oceaan", legal_entity=self.partou, lrk_number="200000001", city="Amsterdam"
        )
        self.complaint = register(location=self.oceaan)

    def action(self, ids, **extra):
        return self.client.post(URL, {"action": "merge_two_locations", "_selected_action": ids, **extra}, follow=True)

    def test_it_asks_which_to_keep_then_merges_through_the_service(self):
        ids = [self.oceaan.pk, self.register_location.pk]
        confirm = self.action(ids)
        self.assertContains(confirm, "Welke locatie blijft bestaan?")
        self.assertContains(
            confirm, f'value="{self.register_location.pk}" id="doel-{self.register_location.pk}" checked'
        )
        self.complaint.refresh_from_db()
        self.assertEqual(self.complaint.location, self.oceaan)  # nothing yet

        done = self.action(ids, samenvoegen="1", doel=str(self.register_location.pk))
        self.assertContains(done, "is samengevoegd met Partou BSO Oceaan")
        self.complaint.refresh_from_db()
        self.assertEqual(self.complaint.location, self.register_location)
        self.assertTrue(
            ComplaintEvent.objects.filter(complaint=self.complaint, kind=EventKind.LOCATION_MERGED).exists()
        )
        self.assertFalse(Location.objects.get(pk=self.oceaan.pk).is_active)

    def test_it_needs_exactly_two(self):
        response = self.action([self.oceaan.pk])
        self.assertContains(response, "Kies precies twee locaties om samen te voegen.")

from django.urls import reverse

from annualreport.builder import AnnualReportDocument
from annualreport.services import annual_report_get_or_create
from complaints.models import ComplaintEvent, EventKind
from complaints.services import ComplaintError, location_merge
from config.testing import BaseTestCase, register
from organisation.matching import match_proposals_make
from organisation.models import Location, LocationMatchProposal, MatchStatus
from organisation.tests.test_matching import imported, register_location

URL = reverse("staff:location_matches")


class LocationMatchReviewTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.printed = Location.objects.create(name="Partou BSO Mozaiek 12", legal_entity=cls.partou)
        cls.misprint = Location.objects.create(name="Partou BSO Kaanaalweg 176", legal_entity=cls.partou)
        cls.first = imported(cls.printed, 1)
        cls.second = imported(cls.printed, 2)
        imported(cls.misprint, 3)
        cls.mozaiek = register_location(
            "Partou BSO Mozaïek 12", entity=cls.partou, lrk="100000001", street="Mozaïekplein 12", city="Utrecht"
        )
        cls.kanaalweg = register_location(
            "Partou BSO Kanaalweg", entity=cls.partou, lrk="100000002", street="Kanaalweg 176", city="Zeist"
        )
        match_proposals_make()
        cls.obvious = LocationMatchProposal.objects.get(historical=cls.printed, candidate=cls.mozaiek)
        cls.unsure = LocationMatchProposal.objects.get(historical=cls.misprint, candidate=cls.kanaalweg)

    def setUp(self) -> None:
        self.client.force_login(self.coordinator)

    def test_it_lists_both_names_towns_and_scores_in_one_query_set(self):
        with self.assertNumQueries(4):  # session, user with OTP device, the proposals, the decided count
            response = self.client.get(URL)
        self.assertContains(response, "Partou BSO Mozaiek 12")
        self.assertContains(response, "Partou BSO Mozaïek 12")
        self.assertContains(response, "LRK 100000001")
        self.assertContains(response, "Utrecht")
        self.assertContains(response, "Zeist")
        self.assertContains(response, f"{self.obvious.score:.0f}")

    def test_accepting_merges_the_complaints_and_records_it_in_their_history(self):
        response = self.client.post(
            reverse("staff:location_match_decide", args=[self.obvious.pk]), {"besluit": "accepteren"}
        )
        self.assertRedirects(response, URL)
        self.first.refresh_from_db()
        self.assertEqual(self.first.location, self.mozaiek)
        self.assertEqual(self.first.location_name_published, "Partou BSO Mozaiek 12")
        event = ComplaintEvent.objects.get(complaint=self.first, kind=EventKind.LOCATION_MERGED)
        self.assertEqual(event.actor, self.coordinator)
        self.assertEqual(event.data["from"], "Partou BSO Mozaiek 12")
        self.assertEqual(event.data["lrk_number"], "100000001")
        self.printed.refresh_from_db()
        self.assertFalse(self.printed.is_active)
        self.assertEqual(self.printed.merged_into, self.mozaiek)
        self.obvious.refresh_from_db()
        self.assertEqual((self.obvious.status, self.obvious.decided_by), (MatchStatus.ACCEPTED, self.coordinator))
        self.assertEqual(self.mozaiek.complaints.count(), 2)

    def test_the_annual_report_still_prints_the_published_name(self):
        report = annual_report_get_or_create(year=2025)
        self.client.post(reverse("staff:location_match_decide", args=[self.obvious.pk]), {"besluit": "accepteren"})
        rows = {row.reference: row for row in AnnualReportDocument(report=report).iterate_rows()}
        self.assertEqual(rows["K2025-00001"].location, "Partou BSO Mozaiek 12")
        self.assertEqual(rows["K2025-00002"].location, "Partou BSO Mozaiek 12")

    def test_rejecting_leaves_everything_where_it_was(self):
        self.client.post(reverse("staff:location_match_decide", args=[self.unsure.pk]), {"besluit": "afwijzen"})
        self.unsure.refresh_from_db()
        self.assertEqual(self.unsure.status, MatchStatus.REJECTED)
        self.assertTrue(Location.objects.get(pk=self.misprint.pk).is_active)
        self.assertEqual(self.misprint.complaints.count(), 1)
        # Deciding twice is refused with a message, not an error page.
        response = self.client.post(
            reverse("staff:location_match_decide", args=[self.unsure.pk]), {"besluit": "accepteren"}, follow=True
        )
        self.assertContains(response, "Over dit voorstel is al besloten.")
        self.assertEqual(self.misprint.complaints.count(), 1)

    def test_bulk_accept_takes_only_obvious_proposals_after_one_confirmation(self):
        bulk = reverse("staff:location_matches_bulk")
        page = self.client.get(bulk)
        self.assertContains(page, "Partou BSO Mozaiek 12")
        self.assertNotContains(page, "Kaanaalweg")
        self.assertGreaterEqual(self.obvious.score, 95)
        self.assertLess(self.unsure.score, 95)
        # Without the confirmation nothing happens.
        self.client.post(bulk, {"voorstel": [self.obvious.pk]})
        self.assertTrue(Location.objects.get(pk=self.printed.pk).is_active)
        response = self.client.post(bulk, {"voorstel": [self.obvious.pk], "bevestigd": "1"}, follow=True)
        self.assertContains(response, "1 locatie is samengevoegd.")
        self.assertFalse(Location.objects.get(pk=self.printed.pk).is_active)
        self.assertTrue(Location.objects.get(pk=self.misprint.pk).is_active)

    def test_a_location_manager_cannot_reach_the_review_screen(self):
        self.client.force_login(self.manager)
        self.assertEqual(self.client.get(URL).status_code, 403)
        decide = reverse("staff:location_match_decide", args=[self.obvious.pk])
        self.assertEqual(self.client.post(decide, {"besluit": "accepteren"}).status_code, 403)
        self.assertEqual(self.client.post(reverse("staff:location_matches_bulk"), {"bevestigd": "1"}).status_code, 403)
        self.assertTrue(Location.objects.get(pk=self.printed.pk).is_active)


class LocationMergeTests(BaseTestCase):
    def test_it_moves_handling_too_and_refuses_nonsense(self):
        complaint = register(location=self.margriet)
        complaint.handling_location = self.margriet
        complaint.save()
        result = location_merge(source=self.margriet, target=self.rakkertjes, actor=self.administrator)
        self.assertEqual(result.complaints_moved, 1)
        complaint.refresh_from_db()
        self.assertEqual((complaint.location, complaint.handling_location), (self.rakkertjes, self.rakkertjes))
        # The manager of the merged location now manages the one it became.
        self.assertIn(self.rakkertjes, self.other_manager.locations.all())
        with self.assertRaises(ComplaintError):
            location_merge(source=self.oceaan, target=self.oceaan, actor=None)
        with self.assertRaises(ComplaintError):
            location_merge(source=self.oceaan, target=self.margriet, actor=None)  # merged, inactive

"""'Mijn locatie staat er niet bij': the parent describes the location in words; the
coordinator sees it marked and sets the location at triage (issue 12 point 3)."""

from django.urls import reverse

from complaints.models import Complaint, ComplaintEvent, EventKind
from intake.tests.base import IntakeTestCase


class LocationNotListedTests(IntakeTestCase):
    def submit_not_listed(self, text: str = "BSO De Vlieger, Amersfoort"):
        return self.submit(location="", location_not_listed="on", location_text=text)

    def test_the_complaint_is_stored_with_the_text_and_no_location(self):
        response = self.submit_not_listed("  BSO De Vlieger,\n Amersfoort ")
        self.assertEqual(response.status_code, 303)
        complaint = Complaint.objects.get()
        self.assertIsNone(complaint.location)
        self.assertIsNone(complaint.legal_entity)
        self.assertEqual(complaint.location_text, "BSO De Vlieger, Amersfoort")
        self.assertTrue(complaint.location_to_establish)

    def test_it_asks_for_the_text_or_a_location_in_dutch(self):
        response = self.submit(location="", location_not_listed="on", location_text="")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Schrijf op over welke locatie uw klacht gaat: de naam en de plaats.")
        response = self.submit(location="")
        self.assertContains(response, "Kies de locatie waarover uw klacht gaat. Staat uw locatie er niet bij?")
        self.assertFalse(Complaint.objects.exists())

    def test_a_chosen_location_wins_over_a_stray_text(self):
        self.submit(location_text="iets anders")
        complaint = Complaint.objects.get()
        self.assertEqual((complaint.location, complaint.location_text), (self.oceaan, ""))

    def test_the_coordinator_sees_it_marked_and_triage_sets_the_location(self):
        self.submit_not_listed()
        complaint = Complaint.objects.get()
        self.client.force_login(self.coordinator)
        worklist = self.client.get(reverse("staff:worklist"))
        self.assertContains(worklist, "locatie nog vast te stellen")
        detail = self.client.get(reverse("staff:complaint_detail", args=[complaint.reference]))
        self.assertContains(detail, "locatie nog vast te stellen")
        self.assertContains(detail, "“BSO De Vlieger, Amersfoort”")
        listing = self.client.get(reverse("staff:complaint_list"))
        self.assertContains(listing, "locatie nog vast te stellen")

        url = reverse("staff:complaint_forward", args=[complaint.reference])
        self.assertContains(self.client.get(url), "De indiener schreef:")
        response = self.client.post(
            url,
            {"category": self.communication.pk, "location": self.rakkertjes.pk, "handler_kind": "location"},
        )
        self.assertEqual(
            response.status_code, 302, getattr(response, "context", None) and response.context.get("form").errors
        )
        complaint.refresh_from_db()
        self.assertEqual(complaint.location, self.rakkertjes)
        self.assertEqual(complaint.legal_entity, self.smallsteps)
        self.assertFalse(complaint.location_to_establish)
        self.assertEqual(complaint.location_text, "BSO De Vlieger, Amersfoort")  # kept as typed
        event = ComplaintEvent.objects.get(complaint=complaint, kind=EventKind.COMPLAINT_FORWARDED)
        self.assertEqual(event.data["changes"]["location"][0], None)
        self.assertIn("legal_entity", event.data["changes"])
        self.assertNotContains(self.client.get(reverse("staff:worklist")), "locatie nog vast te stellen")

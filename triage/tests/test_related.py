from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from complaints.models import Complaint
from complaints.services import ComplainantData
from config.testing import BaseTestCase, register
from triage.selectors import complaints_of_same_complainant, complaints_of_same_location_and_category


class RelatedComplaintsTests(BaseTestCase):
    def setUp(self) -> None:
        self.now = timezone.now()
        parent = ComplainantData(name="Ouder A", email="A@voorbeeld.test")
        self.earlier = register(
            location=self.margriet, received_at=self.now - timedelta(days=400), complainant=parent, notify=False
        )
        self.complaint = register(
            location=self.oceaan,
            received_at=self.now,
            complainant=ComplainantData(name="Ouder A", email="a@voorbeeld.test"),
            notify=False,
        )
        self.recent = register(location=self.oceaan, received_at=self.now - timedelta(days=30), notify=False)
        self.old = register(location=self.oceaan, received_at=self.now - timedelta(days=120), notify=False)
        self.elsewhere = register(location=self.margriet, received_at=self.now - timedelta(days=5), notify=False)
        Complaint.objects.filter(pk__in=[c.pk for c in (self.complaint, self.recent, self.old, self.elsewhere)]).update(
            category=self.communication
        )
        self.complaint.refresh_from_db()

    def test_earlier_complaints_of_the_same_complainant_within_the_users_scope(self):
        self.assertEqual(
            list(complaints_of_same_complainant(complaint=self.complaint, user=self.coordinator)), [self.earlier]
        )
        # The location manager of Oceaan may not see the complaint at Margriet.
        self.assertEqual(list(complaints_of_same_complainant(complaint=self.complaint, user=self.manager)), [])

    def test_same_location_and_category_in_the_90_days_before(self):
        related = complaints_of_same_location_and_category(complaint=self.complaint, user=self.coordinator)
        self.assertEqual(list(related), [self.recent])

    def test_the_complaint_page_lists_them(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(reverse("staff:complaint_detail", args=[self.complaint.reference]))
        self.assertContains(response, "Verwante klachten")
        self.assertContains(response, self.earlier.reference)
        self.assertContains(response, self.recent.reference)
        self.assertNotContains(response, self.old.reference)
        self.assertNotContains(response, self.elsewhere.reference)

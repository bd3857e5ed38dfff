from datetime import timedelta

from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from complaints.formatting import short_date
from complaints.models import Complaint
from complaints.selectors import complaint_get
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

    def test_they_render_in_two_queries_with_what_they_show(self):
        # Only the shown columns are read (``SHOWN``): printing a row reads nothing more.
        Complaint.objects.filter(pk=self.earlier.pk).update(category=self.invoices)
        template = Template("{% load triage %}{% related_complaints complaint user %}")
        complaint = complaint_get(user=self.coordinator, reference=self.complaint.reference)  # as the page has it
        with self.assertNumQueries(2):
            html = template.render(Context({"complaint": complaint, "user": self.coordinator}))
        self.assertInHTML(
            f'<li><a href="{reverse("staff:complaint_detail", args=[self.earlier.reference])}">'
            f"{self.earlier.reference}</a> · {short_date(self.earlier.received_at)} · {self.invoices.name} · "
            "Nieuw</li>",
            html,
        )
        self.assertIn(f"{self.recent.reference}</a> · {short_date(self.recent.received_at)} · Nieuw</li>", html)

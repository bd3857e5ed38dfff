from django.urls import reverse

from complaints.models import Category, Complaint, Status, TaxonomyVersion
from config.testing import BaseTestCase, close, register
from notifications.models import OutboundEmail
from staff.tests.helpers import forwarded


class ComplaintForwardTests(BaseTestCase):
    def setUp(self) -> None:
        self.complaint = register(location=self.oceaan, description="Geen overdracht bij het ophalen.")
        self.url = reverse("staff:complaint_forward", args=[self.complaint.reference])
        self.client.force_login(self.coordinator)

    def refreshed(self) -> Complaint:
        return Complaint.objects.get(pk=self.complaint.pk)

    def test_it_offers_the_categories_of_the_complaints_year_and_defaults_to_its_location(self):
        newer = TaxonomyVersion.objects.create(year=self.complaint.year + 1, name="Volgend jaar")
        Category.objects.create(version=newer, name="Alleen volgend jaar")
        response = self.client.get(self.url)
        form = response.context["form"]
        self.assertEqual(list(form.fields["category"].queryset), [self.communication, self.invoices])
        self.assertNotContains(response, "Alleen volgend jaar")
        self.assertEqual(form.initial["location"], self.oceaan.pk)
        self.assertContains(response, "Geen overdracht bij het ophalen.")

    def test_it_falls_back_to_the_newest_taxonomy_before_the_complaints_year(self):
        TaxonomyVersion.objects.filter(pk=self.taxonomy.pk).update(year=self.complaint.year - 2)
        older = TaxonomyVersion.objects.create(year=self.complaint.year - 3, name="Oud")
        Category.objects.create(version=older, name="Oude categorie")
        form = self.client.get(self.url).context["form"]
        self.assertEqual(form.taxonomy.pk, self.taxonomy.pk)
        self.assertEqual(list(form.fields["category"].queryset), [self.communication, self.invoices])

    def test_it_says_so_when_there_is_no_taxonomy_yet(self):
        TaxonomyVersion.objects.filter(pk=self.taxonomy.pk).update(year=self.complaint.year + 1)
        response = self.client.get(self.url)
        self.assertContains(response, "Er is geen categorie-indeling voor")
        response = self.client.post(self.url, {"category": self.communication.pk, "location": self.oceaan.pk})
        self.assertEqual(self.refreshed().status, Status.NEW)

    def test_it_forwards_to_the_location_of_the_complaint_by_default(self):
        self.manager.email = "manager@oceaan.test"
        self.manager.save()
        response = self.client.post(
            self.url, {"category": self.communication.pk, "location": self.oceaan.pk, "handler_kind": "location"}
        )
        self.assertRedirects(
            response, reverse("staff:complaint_detail", args=[self.complaint.reference]), fetch_redirect_response=False
        )
        complaint = self.refreshed()
        self.assertEqual(complaint.status, Status.FORWARDED)
        self.assertEqual(complaint.category, self.communication)
        self.assertEqual(complaint.handling_location, self.oceaan)
        self.assertIsNone(complaint.handling_department)
        self.assertEqual(complaint.events.get(kind="complaint.forwarded").actor, self.coordinator)
        self.assertTrue(OutboundEmail.objects.filter(template="handler_forwarded", to=["manager@oceaan.test"]).exists())
        self.assertContains(self.client.get(response.url), "is doorgestuurd naar Partou BSO Oceaan 16")

    def test_it_can_move_the_complaint_to_another_location_and_label(self):
        self.client.post(
            self.url,
            {
                "category": self.communication.pk,
                "location": self.margriet.pk,
                "handler_kind": "location",
                "handling_location": self.rakkertjes.pk,
            },
        )
        complaint = self.refreshed()
        self.assertEqual(
            (complaint.location, complaint.legal_entity, complaint.handling_location),
            (self.margriet, self.smallsteps, self.rakkertjes),
        )

    def test_it_forwards_to_a_head_office_department(self):
        self.client.post(
            self.url,
            {
                "category": self.invoices.pk,
                "location": self.oceaan.pk,
                "handler_kind": "department",
                "handling_location": self.oceaan.pk,
                "handling_department": self.debiteuren.pk,
            },
        )
        complaint = self.refreshed()
        self.assertEqual(complaint.handling_department, self.debiteuren)
        self.assertIsNone(complaint.handling_location)

    def test_it_asks_for_the_department_when_a_department_handles_it(self):
        response = self.client.post(
            self.url, {"category": self.invoices.pk, "location": self.oceaan.pk, "handler_kind": "department"}
        )
        self.assertContains(response, "Kies de afdeling die de klacht behandelt.")
        self.assertEqual(response.context["form"]["category"].value(), str(self.invoices.pk))
        self.assertEqual(self.refreshed().status, Status.NEW)

    def test_it_refuses_a_category_of_another_taxonomy(self):
        other = TaxonomyVersion.objects.create(year=2001, name="Oud")
        stale = Category.objects.create(version=other, name="Oud")
        response = self.client.post(
            self.url, {"category": stale.pk, "location": self.oceaan.pk, "handler_kind": "location"}
        )
        self.assertIn("category", response.context["form"].errors)
        self.assertEqual(self.refreshed().status, Status.NEW)

    def test_it_shows_the_services_refusal_for_a_closed_complaint(self):
        done = forwarded(location=self.oceaan, actor=self.coordinator, category=self.communication)
        close(done, actor=self.coordinator)
        response = self.client.post(
            reverse("staff:complaint_forward", args=[done.reference]),
            {"category": self.invoices.pk, "location": self.oceaan.pk, "handler_kind": "location"},
        )
        self.assertContains(response, "Een afgesloten klacht kan niet worden doorgestuurd.")
        self.assertEqual(Complaint.objects.get(pk=done.pk).category, self.communication)

    def test_it_lets_only_the_coordinator_triage(self):
        for user in (self.manager, self.ops_north):
            with self.subTest(user=user.username):
                self.client.force_login(user)
                response = self.client.post(
                    self.url, {"category": self.invoices.pk, "location": self.oceaan.pk, "handler_kind": "location"}
                )
                # A complaint still Nieuw is not theirs to see yet: 404, as for one that does not exist.
                self.assertEqual(response.status_code, 404)
        self.assertEqual(self.refreshed().status, Status.NEW)

    def test_it_survives_nonsense(self):
        response = self.client.post(
            self.url,
            {"category": "x", "location": "99999999999999999999", "handler_kind": "\x00", "handling_department": "-1"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            set(response.context["form"].errors), {"category", "location", "handler_kind", "handling_department"}
        )

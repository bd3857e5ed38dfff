from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints.services import complaint_forward
from config.testing import BaseTestCase, close, register
from staff.tests.helpers import days_ago, forwarded

URL = reverse("staff:complaint_list")
# Shown in the list's place when a filter value is refused or nothing matches.
NOTHING_LISTED = "Geen klachten gevonden met deze filters."
INVALID_CHOICE = "Selecteer een geldige keuze."


class ComplaintListTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.at_oceaan = register(location=cls.oceaan, description="Oceaan klacht")
        cls.at_rakkertjes = register(location=cls.rakkertjes, description="Rakkertjes klacht")
        cls.at_margriet = register(location=cls.margriet, description="Margriet klacht")
        complaint_forward(
            complaint=cls.at_margriet,
            category=cls.communication,
            location=cls.margriet,
            handling_location=cls.margriet,
            actor=cls.coordinator,
        )
        close(cls.at_margriet, actor=cls.coordinator, verdict="nee")

    def references(self, response) -> set[str]:
        return {complaint.reference for complaint in response.context["page"]}

    def test_it_lists_everything_for_the_coordinator(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(URL)
        self.assertEqual(
            self.references(response),
            {self.at_oceaan.reference, self.at_rakkertjes.reference, self.at_margriet.reference},
        )

    def test_it_lists_only_own_locations_for_a_location_manager(self):
        self.client.force_login(self.manager)
        # Still Nieuw: only the coordinator sees it.
        self.assertEqual(self.references(self.client.get(URL)), set())
        complaint_forward(
            complaint=self.at_oceaan,
            category=self.communication,
            location=self.oceaan,
            handling_location=self.oceaan,
            actor=self.coordinator,
        )
        response = self.client.get(URL)
        self.assertEqual(self.references(response), {self.at_oceaan.reference})
        self.assertNotContains(response, self.at_margriet.reference)
        # The location filter offers only their own locations.
        self.assertEqual(list(response.context["filter"].form.fields["location"].queryset), [self.oceaan])

    def test_it_ignores_a_filter_on_a_location_outside_the_managers_scope(self):
        self.client.force_login(self.manager)
        response = self.client.get(URL, {"location": self.margriet.pk})
        self.assertEqual(self.references(response), set())
        self.assertNotContains(response, "Margriet klacht")

    def test_it_filters_by_label_location_category_verdict_and_status(self):
        self.client.force_login(self.coordinator)
        cases = {
            "legal_entity": (self.smallsteps.pk, {self.at_rakkertjes.reference, self.at_margriet.reference}),
            "location": (self.oceaan.pk, {self.at_oceaan.reference}),
            "category": (self.communication.pk, {self.at_margriet.reference}),
            "verdict": ("nee", {self.at_margriet.reference}),
            "status": ("new", {self.at_oceaan.reference, self.at_rakkertjes.reference}),
        }
        for name, (value, expected) in cases.items():
            with self.subTest(filter=name):
                self.assertEqual(self.references(self.client.get(URL, {name: value})), expected)

    def test_it_filters_on_unknown_verdict(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(URL, {"verdict": "unknown"})
        self.assertEqual(self.references(response), {self.at_oceaan.reference, self.at_rakkertjes.reference})

    def test_it_filters_by_year(self):
        self.client.force_login(self.coordinator)
        self.assertEqual(len(self.references(self.client.get(URL, {"year": self.at_oceaan.year}))), 3)
        self.assertEqual(self.references(self.client.get(URL, {"year": 2001})), set())

    def test_it_finds_a_complaint_by_reference(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(URL, {"q": self.at_rakkertjes.reference.lower()})
        self.assertEqual(self.references(response), {self.at_rakkertjes.reference})

    def test_it_shows_a_clear_message_for_an_invalid_filter_value(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(URL, {"status": "kapot"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("status", response.context["filter"].form.errors)
        self.assertContains(response, "Selecteer een geldige keuze. kapot is geen beschikbare keuze.")
        # No list that looks filtered while the filter was refused.
        self.assertEqual(self.references(response), set())
        self.assertContains(response, NOTHING_LISTED)

    def test_it_refuses_management(self):
        self.client.force_login(self.management)
        self.assertEqual(self.client.get(URL).status_code, 403)

    def test_its_query_count_does_not_grow_with_the_number_of_complaints(self):
        self.client.force_login(self.coordinator)

        def queries() -> int:
            with CaptureQueriesContext(connection) as context:
                self.assertEqual(self.client.get(URL).status_code, 200)
            return len(context)

        before = queries()
        for index in range(20):
            register(location=[self.oceaan, self.rakkertjes, self.margriet][index % 3])
        self.assertEqual(queries(), before)
        self.assertLessEqual(before, 15)  # including the second-factor device


class ComplaintListWorklistFilterTests(BaseTestCase):
    """The filters the worklist links to: term, handler, region and open."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.new = register(location=cls.rakkertjes)
        cls.due_soon = forwarded(
            location=cls.oceaan, actor=cls.coordinator, category=cls.communication, received_at=days_ago(40)
        )
        cls.overdue = forwarded(
            location=cls.margriet,
            actor=cls.coordinator,
            category=cls.invoices,
            department=cls.debiteuren,
            received_at=days_ago(45),
        )
        cls.closed = forwarded(
            location=cls.oceaan, actor=cls.coordinator, category=cls.communication, received_at=days_ago(46)
        )
        cls.closed = close(cls.closed, actor=cls.coordinator)

    def references(self, response) -> set[str]:
        return {complaint.reference for complaint in response.context["page"]}

    def test_it_filters_on_the_term(self):
        self.client.force_login(self.coordinator)
        self.assertEqual(self.references(self.client.get(URL, {"due": "week"})), {self.due_soon.reference})
        self.assertEqual(self.references(self.client.get(URL, {"due": "overdue"})), {self.overdue.reference})

    def test_it_filters_on_the_handler(self):
        self.client.force_login(self.coordinator)
        cases = {
            f"location-{self.oceaan.pk}": {self.due_soon.reference, self.closed.reference},
            f"department-{self.debiteuren.pk}": {self.overdue.reference},
            "none": {self.new.reference},
        }
        for value, expected in cases.items():
            with self.subTest(handler=value):
                self.assertEqual(self.references(self.client.get(URL, {"handler": value})), expected)

    def test_it_filters_on_region_and_on_open_complaints(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(URL, {"region": self.north.pk, "status": "open"})
        self.assertEqual(self.references(response), {self.new.reference, self.due_soon.reference})

    def test_it_offers_only_handling_locations_in_the_users_scope(self):
        self.client.force_login(self.manager)
        response = self.client.get(URL, {"handler": f"location-{self.margriet.pk}"})
        self.assertIn("handler", response.context["filter"].form.errors)
        self.assertEqual(self.references(response), set())

    def test_it_gives_a_message_for_a_handler_value_it_does_not_know(self):
        self.client.force_login(self.coordinator)
        for value in ("location-abc", "department-99999999999999999999", "<b>x</b>", "location-\x00"):
            with self.subTest(value=value):
                response = self.client.get(URL, {"handler": value})
                self.assertEqual(response.status_code, 200)
                self.assertIn("handler", response.context["filter"].form.errors)
                self.assertContains(response, INVALID_CHOICE)
                self.assertEqual(self.references(response), set())
                self.assertContains(response, NOTHING_LISTED)
                self.assertNotContains(response, "<b>x</b>")

    def test_it_shows_days_left_and_days_overdue_for_open_complaints(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(URL)
        self.assertContains(response, f"nog {self.due_soon.days_left} dagen")
        self.assertContains(response, f"{-self.overdue.days_left} dagen te laat")
        self.assertEqual(self.closed.days_left, None)

    def test_it_sorts_on_the_term(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(URL, {"status": "open", "sort": "due_at"})
        self.assertEqual(
            [complaint.reference for complaint in response.context["page"]],
            [self.overdue.reference, self.due_soon.reference, self.new.reference],
        )

    def test_it_survives_bad_filter_values(self):
        """Each refused value gets its Dutch message, and the page lists nothing
        rather than an unfiltered list that looks filtered."""
        self.client.force_login(self.coordinator)
        for params, message in (
            ({"location": "99999999999999999999"}, "Selecteer een geldige keuze. Deze keuze is niet beschikbaar."),
            ({"region": "abc"}, "Selecteer een geldige keuze. Deze keuze is niet beschikbaar."),
            # NUL never arrives: config.sanitize removes it on the way in (robustness/tests/test_hostile_input.py).
            ({"year": "twintig\x00"}, INVALID_CHOICE),
            ({"sort": "password"}, "Selecteer een geldige keuze. password is geen beschikbare keuze."),
            ({"due": "gisteren"}, "Selecteer een geldige keuze. gisteren is geen beschikbare keuze."),
        ):
            with self.subTest(params=params):
                response = self.client.get(URL, params)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(list(response.context["filter"].form.errors), list(params))
                self.assertContains(response, message)
                self.assertEqual(self.references(response), set())
                self.assertContains(response, NOTHING_LISTED)

    def test_it_shows_a_page_that_exists_for_a_page_number_that_does_not(self):
        self.client.force_login(self.coordinator)
        everything = self.references(self.client.get(URL))
        self.assertTrue(everything)
        for page in ("-1", "0", "abc", "99999999999999999999"):
            with self.subTest(page=page):
                response = self.client.get(URL, {"page": page})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(self.references(response), everything)


class CappedCountTests(BaseTestCase):
    def test_it_says_more_than_when_the_count_passes_the_cap(self):
        from unittest import mock

        for _ in range(4):
            register(location=self.oceaan)
        self.client.force_login(self.coordinator)
        with mock.patch("staff.pagination.CappedPaginator.CAP", 3):
            response = self.client.get(URL)
        self.assertTrue(response.context["page"].paginator.capped)
        self.assertContains(response, "meer dan 3")

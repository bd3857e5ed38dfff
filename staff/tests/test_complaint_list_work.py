"""The complaint list as staff work with it: sortable columns, numbered pages,
categories per taxonomy year, search by who filed, bounded queries."""

from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints.models import Category, TaxonomyVersion
from complaints.services import ComplainantData, complainant_erase, complaint_forward
from config.testing import BaseTestCase, register
from staff.tests.helpers import days_ago, forwarded

URL = reverse("staff:complaint_list")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


class ListTestMixin:
    def references(self, response) -> list[str]:
        return [complaint.reference for complaint in response.context["page"]]


class SortingAndPagingTests(ListTestMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # Registered in this order; received in another: 10, 30 and 20 days ago.
        cls.first = forwarded(
            location=cls.oceaan, actor=cls.coordinator, category=cls.communication, received_at=days_ago(10)
        )
        cls.second = forwarded(
            location=cls.oceaan, actor=cls.coordinator, category=cls.communication, received_at=days_ago(30)
        )
        cls.third = register(location=cls.rakkertjes, received_at=days_ago(20))

    def test_it_sorts_on_each_sortable_column_both_ways(self):
        self.client.force_login(self.coordinator)
        cases = {
            "received_at": [self.second, self.third, self.first],
            "-received_at": [self.first, self.third, self.second],
            "due_at": [self.second, self.third, self.first],
            "-due_at": [self.first, self.third, self.second],
            "reference": [self.first, self.second, self.third],
            "-reference": [self.third, self.second, self.first],
            # Doorgestuurd (forwarded) before Nieuw (new) by stored value; then the term.
            "status": [self.second, self.first, self.third],
        }
        for sort, expected in cases.items():
            with self.subTest(sort=sort):
                response = self.client.get(URL, {"sort": sort})
                self.assertEqual(self.references(response), [c.reference for c in expected])

    def test_a_column_header_links_to_its_sort_and_marks_the_current_one(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(URL, {"sort": "due_at", "status": "open"})
        self.assertContains(response, 'aria-sort="ascending"')
        # Clicking the sorted column again sorts the other way, keeping the filter.
        self.assertContains(response, 'href="?sort=-due_at&amp;status=open"')
        self.assertContains(response, 'href="?sort=received_at&amp;status=open"')

    def test_a_sort_outside_the_whitelist_is_refused_with_a_message(self):
        self.client.force_login(self.coordinator)
        for value in ("description", "complainant__email", "-status__x"):
            with self.subTest(sort=value):
                response = self.client.get(URL, {"sort": value})
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, f"Selecteer een geldige keuze. {value} is geen beschikbare keuze.")
                self.assertEqual(self.references(response), [])

    @mock.patch("staff.views.lists.PAGE_SIZE", 1)
    def test_pages_are_numbered_and_keep_filter_and_sort(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(URL, {"sort": "reference", "page": 2})
        self.assertEqual(self.references(response), [self.second.reference])
        self.assertEqual(response.context["page_range"], [1, 2, 3])
        self.assertContains(
            response, '<li class="page-item active" aria-current="page"><span class="page-link">2</span>', html=False
        )
        self.assertContains(response, 'href="?sort=reference&amp;page=3"')
        self.assertContains(response, 'href="?sort=reference&amp;page=1"')

    @mock.patch("staff.pagination.CappedPaginator.CAP", 2)
    def test_the_count_stays_capped(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(URL)
        self.assertTrue(response.context["page"].paginator.capped)
        self.assertContains(response, "meer dan")

    def test_query_count_with_sort_and_filter_does_not_grow_with_the_rows(self):
        self.client.force_login(self.coordinator)
        params = {"sort": "-due_at", "status": "open", "category": f"naam:{self.communication.name}"}
        with CaptureQueriesContext(connection) as context:
            self.client.get(URL, params)
        counted = len(context)
        for _index in range(4):
            forwarded(location=self.rakkertjes, actor=self.coordinator, category=self.communication)
        with self.assertNumQueries(counted):
            response = self.client.get(URL, params)
        self.assertEqual(len(self.references(response)), 6)
        self.assertLessEqual(counted, 16)


class CategoryPerYearTests(ListTestMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.taxonomy_2025 = TaxonomyVersion.objects.create(year=2025, name="Indeling 2025")
        cls.communication_2025 = Category.objects.create(version=cls.taxonomy_2025, name=cls.communication.name)
        cls.staffing_2025 = Category.objects.create(version=cls.taxonomy_2025, name="Personele bezetting")
        cls.this_year = forwarded(location=cls.oceaan, actor=cls.coordinator, category=cls.communication)
        cls.last_year = register(location=cls.oceaan, received_at=datetime(2025, 6, 2, 10, tzinfo=AMSTERDAM))
        complaint_forward(
            complaint=cls.last_year,
            category=cls.communication_2025,
            location=cls.oceaan,
            handling_location=cls.oceaan,
            actor=cls.coordinator,
        )

    def test_the_options_are_grouped_by_year_with_all_years_by_name_first(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(URL)
        choices = response.context["filter"].form.fields["category"].choices
        groups = {label: options for label, options in choices if isinstance(options, list)}
        self.assertEqual(list(groups), ["Alle jaren", "2026", "2025"])
        # Every name once under "Alle jaren", though it exists in two years.
        self.assertEqual(
            [label for _value, label in groups["Alle jaren"]],
            ["Communicatie vanuit locatie", "Facturen en betalingen", "Personele bezetting"],
        )
        self.assertIn((str(self.communication_2025.pk), self.communication.name), groups["2025"])
        # Rendered: "Alle jaren" and the newest year's; an older year's once that year (or one
        # of its categories) is filtered on, so ten years of taxonomies are not on every page.
        self.assertContains(response, '<optgroup label="2026">')
        self.assertNotContains(response, '<optgroup label="2025">')
        for params in ({"year": "2025"}, {"category": self.communication_2025.pk}):
            with self.subTest(params=params):
                self.assertContains(self.client.get(URL, params), '<optgroup label="2025">')

    def test_the_rendered_select_starts_with_all_categories(self):
        """A browser submits the first option of a select left alone: that must be "all", or
        every filter form sent without touching the category filters on one category."""
        self.client.force_login(self.coordinator)
        html = self.client.get(URL).content.decode()
        select = html[html.index('<select name="category"') :]
        first_option = select[select.index("<option") : select.index("</option>")]
        self.assertIn('value=""', first_option)
        self.assertIn("Alle categorieën", first_option)
        self.assertLess(select.index("<option"), select.index("<optgroup"))

    def test_a_category_of_one_year_or_a_name_over_all_years(self):
        self.client.force_login(self.coordinator)
        self.assertEqual(
            self.references(self.client.get(URL, {"category": self.communication.pk})), [self.this_year.reference]
        )
        self.assertEqual(
            self.references(self.client.get(URL, {"category": self.communication_2025.pk})),
            [self.last_year.reference],
        )
        response = self.client.get(URL, {"category": f"naam:{self.communication.name}"})
        self.assertEqual(set(self.references(response)), {self.this_year.reference, self.last_year.reference})

    def test_an_unknown_category_is_refused(self):
        self.client.force_login(self.coordinator)
        for value in ("naam:Bestaat niet", "999999", "abc"):
            with self.subTest(value=value):
                response = self.client.get(URL, {"category": value})
                self.assertIn("category", response.context["filter"].form.errors)
                self.assertEqual(self.references(response), [])


class SearchByComplainantTests(ListTestMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.jansen = forwarded(
            location=cls.oceaan,
            actor=cls.coordinator,
            category=cls.communication,
            complainant=ComplainantData(name="Fatima de Jansen", email="F.Jansen@voorbeeld.test"),
        )
        cls.other = forwarded(location=cls.oceaan, actor=cls.coordinator, category=cls.communication)

    def test_the_coordinator_finds_a_complaint_by_name_or_email_address(self):
        self.client.force_login(self.coordinator)
        for value in ("jansen", "Fatima de Jansen", "f.jansen@voorbeeld.test", self.jansen.reference):
            with self.subTest(value=value):
                self.assertEqual(self.references(self.client.get(URL, {"q": value})), [self.jansen.reference])
        self.assertEqual(self.references(self.client.get(URL, {"q": "jansen@voorbeeld"})), [])
        self.assertContains(self.client.get(URL), "Kenmerk, naam of e-mail indiener")

    def test_a_location_manager_finds_by_reference_only(self):
        self.client.force_login(self.manager)
        self.assertEqual(self.references(self.client.get(URL, {"q": "jansen"})), [])
        self.assertEqual(self.references(self.client.get(URL, {"q": "f.jansen@voorbeeld.test"})), [])
        self.assertEqual(self.references(self.client.get(URL, {"q": self.jansen.reference})), [self.jansen.reference])

    def test_nothing_is_found_by_name_after_erasure(self):
        complainant_erase(complaint=self.jansen, actor=self.coordinator, reason="Verzoek van de indiener")
        self.client.force_login(self.coordinator)
        self.assertEqual(self.references(self.client.get(URL, {"q": "jansen"})), [])
        self.assertEqual(self.references(self.client.get(URL, {"q": "f.jansen@voorbeeld.test"})), [])
        # "[gewist]" is not a name either.
        self.assertEqual(self.references(self.client.get(URL, {"q": "gewist"})), [])

"""What the staff pages of the load test (docs/benchmarks.md, issue 17) cost in
queries and in options rendered, however many locations and complaints there are:
the location and handler filters become search fields above 50 options, the
worklist shows the 25 largest handlers, and each page's query count is pinned."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from complaints.services import complaint_forward
from config.testing import BaseTestCase, make_location, register
from staff.tests.helpers import forwarded
from staff.widgets import SEARCH_SELECT_THRESHOLD

LIST = reverse("staff:complaint_list")
WORKLIST = reverse("staff:worklist")
OPTIONS = reverse("staff:filter_options")


def select(html: str, name: str) -> str:
    start = html.index(f'<select name="{name}"')
    return html[start : html.index("</select>", start)]


class ManyLocationsTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.many = [
            make_location(f"Kinderopvang Vlinder {number:02d}", entity=cls.smallsteps, region=cls.north)
            for number in range(SEARCH_SELECT_THRESHOLD + 5)
        ]
        for location in cls.many[:30]:
            forwarded(location=location, actor=cls.coordinator, category=cls.communication)
        cls.at_oceaan = register(location=cls.oceaan, description="Oceaan klacht")
        complaint_forward(
            complaint=cls.at_oceaan,
            category=cls.communication,
            location=cls.oceaan,
            handling_location=cls.oceaan,
            actor=cls.coordinator,
        )


class FilterSearchFieldTests(ManyLocationsTestCase):
    def test_the_list_renders_no_location_options_until_searched(self):
        self.client.force_login(self.coordinator)
        page = self.client.get(LIST).content.decode()
        self.assertEqual(select(page, "location").count("<option"), 1)  # "Alle locaties"
        self.assertEqual(select(page, "handler").count("<option"), 1)
        self.assertIn('name="location_zoek"', page)
        self.assertIn(f'hx-get="{OPTIONS}"', page)

    def test_without_javascript_the_search_text_narrows_the_options(self):
        self.client.force_login(self.coordinator)
        page = self.client.get(LIST, {"location_zoek": "vlinder 05"}).content.decode()
        options = re.findall(r'<option value="(\d+)"', select(page, "location"))
        self.assertEqual(options, [str(self.many[5].pk)])

    def test_a_chosen_location_stays_chosen_and_filters(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(LIST, {"location": self.oceaan.pk})
        self.assertIn(f'<option value="{self.oceaan.pk}" selected>', select(response.content.decode(), "location"))
        self.assertEqual([c.reference for c in response.context["page"]], [self.at_oceaan.reference])
        response = self.client.get(LIST, {"handler": f"location-{self.oceaan.pk}"})
        self.assertIn(f'value="location-{self.oceaan.pk}" selected>', select(response.content.decode(), "handler"))
        self.assertEqual([c.reference for c in response.context["page"]], [self.at_oceaan.reference])

    def test_the_htmx_options_are_found_within_the_users_scope(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(OPTIONS, {"field": "location", "location_zoek": "vlinder"})
        self.assertEqual(response.content.decode().count("<option"), 1 + 30 + 1)  # empty, 30, "typ verder"
        self.assertContains(response, "typ verder")
        response = self.client.get(OPTIONS, {"field": "handler", "handler_zoek": "oceaan"})
        self.assertContains(response, f'<option value="location-{self.oceaan.pk}">Partou BSO Oceaan 16</option>')
        # A location manager finds only their own location.
        self.client.force_login(self.manager)
        response = self.client.get(OPTIONS, {"field": "location", "location_zoek": "vlinder"})
        self.assertNotContains(response, "Vlinder")
        self.assertEqual(self.client.get(OPTIONS, {"field": "location", "q": "oceaan"}).status_code, 200)

    def test_the_options_need_a_complaint_reader(self):
        self.client.force_login(self.management)
        self.assertEqual(self.client.get(OPTIONS, {"field": "location", "q": "a"}).status_code, 403)

    def test_a_small_scope_keeps_a_plain_select(self):
        self.client.force_login(self.manager)
        page = self.client.get(LIST).content.decode()
        self.assertIn(f'<option value="{self.oceaan.pk}">', select(page, "location"))
        self.assertNotIn('name="location_zoek"', page)


class WorklistGroupsTests(ManyLocationsTestCase):
    def test_the_worklist_shows_the_largest_handlers_and_counts_the_rest(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(WORKLIST)
        self.assertEqual(len(response.context["by_handler"]), 25)
        # 30 locations and Oceaan each with one open complaint: 6 more handlers, 6 complaints.
        self.assertEqual(response.context["by_handler_rest"], 6)
        self.assertEqual(response.context["by_handler_rest_open"], 6)
        self.assertContains(response, "en 6 andere behandelaars")


class PageQueryCountTests(ManyLocationsTestCase):
    """The pages of the load test, each in a fixed number of queries (session, user and
    second-factor device included) that does not grow with complaints or locations."""

    def assert_queries(self, user, url: str, expected: int, **params) -> None:
        self.client.force_login(user)
        self.client.get(url, params)  # session refresh and the like out of the way
        with self.assertNumQueries(expected):
            response = self.client.get(url, params)
        self.assertEqual(response.status_code, 200)

    def test_worklist(self):
        self.assert_queries(self.coordinator, WORKLIST, 8)

    def test_coordinator_list_first_page_overdue_and_due_this_week(self):
        # Session, user, device, years, count, saved filters, legal entities, regions, the
        # size of the location scope, categories and the page (none here for overdue and
        # due this week: nothing is, and an empty page is not read).
        for params, expected in (({}, 11), ({"due": "overdue"}, 10), ({"due": "week"}, 10)):
            with self.subTest(params=params):
                self.assert_queries(self.coordinator, LIST, expected, **params)

    def test_location_managers_list(self):
        # Their scope's locations in visible_to, and the plain selects: the locations (one query
        # for the location select and the handler select's locations) and the departments.
        self.assert_queries(self.manager, LIST, 13)

    def test_complaint_detail_with_history(self):
        complaint = self.at_oceaan
        complaint.received_at = timezone.now() - timedelta(days=1)
        # 13: the handling location is read by its key (complaint_get joins five tables, not ten).
        self.assert_queries(self.coordinator, reverse("staff:complaint_detail", args=[complaint.reference]), 13)

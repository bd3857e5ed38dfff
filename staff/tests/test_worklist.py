from datetime import timedelta

from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from complaints.models import OPEN_STATUSES, Status
from complaints.selectors import complaint_visible_to
from config.testing import BaseTestCase, close, register
from staff.filters import DUE_OVERDUE, DUE_WEEK, due_q
from staff.selectors import WORKLIST_PREVIEW, worklist_previews
from staff.tests.helpers import days_ago, forwarded

URL = reverse("staff:worklist")
LIST = reverse("staff:complaint_list")


class WorklistTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.new = register(location=cls.rakkertjes, description="Nieuw binnen")
        # Six weeks run from receipt: 38 days ago leaves four days.
        cls.due_soon = forwarded(
            location=cls.oceaan, actor=cls.coordinator, category=cls.communication, received_at=days_ago(38)
        )
        cls.overdue = forwarded(
            location=cls.margriet,
            actor=cls.coordinator,
            category=cls.invoices,
            department=cls.debiteuren,
            received_at=days_ago(45),
        )
        cls.later = forwarded(
            location=cls.oceaan, actor=cls.coordinator, category=cls.communication, received_at=days_ago(2)
        )
        cls.closed_late = forwarded(
            location=cls.oceaan, actor=cls.coordinator, category=cls.communication, received_at=days_ago(50)
        )
        close(cls.closed_late, actor=cls.coordinator)

    def references(self, response, section: str) -> set[str]:
        return {complaint.reference for complaint in response.context[section]}

    def test_it_counts_new_due_this_week_overdue_and_open_complaints(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(URL)
        counts = response.context["counts"]
        self.assertEqual((counts.new, counts.due_week, counts.overdue, counts.open), (1, 1, 1, 4))
        self.assertEqual(self.references(response, "new"), {self.new.reference})
        self.assertEqual(self.references(response, "due_week"), {self.due_soon.reference})
        self.assertEqual(self.references(response, "overdue"), {self.overdue.reference})

    def test_it_shows_days_left_and_days_overdue(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(URL)
        self.assertContains(response, f"nog {self.due_soon.days_left} dagen")
        self.assertContains(response, f"{-self.overdue.days_left} dagen te laat")

    def test_it_counts_open_complaints_per_handler_and_per_region(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(URL)
        handlers = {group.name: (group.open, group.overdue) for group in response.context["by_handler"]}
        self.assertEqual(handlers, {"": (1, 0), "Partou BSO Oceaan 16": (2, 0), "Debiteuren en facturatie": (1, 1)})
        regions = {group.name: (group.open, group.overdue) for group in response.context["by_region"]}
        self.assertEqual(regions, {"Regio Noord": (3, 0), "Regio Zuid": (1, 1)})

    def test_its_sections_link_to_the_same_complaints_in_the_list(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(URL)
        links = {
            "?status=new&sort=received_at": {self.new.reference},
            "?due=week&sort=due_at": {self.due_soon.reference},
            "?due=overdue&sort=due_at": {self.overdue.reference},
            f"?handler=location-{self.oceaan.pk}&status=open&sort=due_at": {
                self.due_soon.reference,
                self.later.reference,
            },
            f"?handler=department-{self.debiteuren.pk}&status=open&sort=due_at": {self.overdue.reference},
            "?handler=none&status=open&sort=due_at": {self.new.reference},
            f"?region={self.south.pk}&status=open&sort=due_at": {self.overdue.reference},
        }
        for query, expected in links.items():
            with self.subTest(query=query):
                self.assertContains(response, f'href="{LIST}{query.replace("&", "&amp;")}"')
                listed = self.client.get(LIST + query)
                self.assertEqual({complaint.reference for complaint in listed.context["page"]}, expected)

    def test_it_shows_an_operations_manager_only_their_region(self):
        self.client.force_login(self.ops_north)
        response = self.client.get(URL)
        # Oceaan's two forwarded complaints; the new one at Rakkertjes waits for the coordinator.
        self.assertEqual(response.context["counts"].open, 2)
        self.assertEqual(self.references(response, "overdue"), set())
        self.assertNotContains(response, self.new.reference)
        self.assertNotContains(response, self.overdue.reference)

    def test_it_shows_a_location_manager_only_their_locations(self):
        self.client.force_login(self.manager)
        response = self.client.get(URL)
        self.assertEqual(response.context["counts"].open, 2)
        self.assertEqual([group.name for group in response.context["by_handler"]], ["Partou BSO Oceaan 16"])

    def test_it_refuses_management(self):
        self.client.force_login(self.management)
        self.assertEqual(self.client.get(URL).status_code, 403)

    def test_it_takes_a_bounded_number_of_queries_whatever_the_number_of_complaints(self):
        self.client.force_login(self.coordinator)
        # Session, user with second-factor device, the counts, the count of new messages
        # from complainants, the first complaints of every section (one query), per
        # handler and per region; no session write (refreshed at most every 15 minutes).
        with self.assertNumQueries(7):
            self.client.get(URL)

        def queries() -> int:
            with CaptureQueriesContext(connection) as context:
                self.assertEqual(self.client.get(URL).status_code, 200)
            return len(context)

        before = queries()
        for index in range(15):
            complaint = forwarded(
                location=[self.oceaan, self.margriet][index % 2],
                actor=self.coordinator,
                category=self.communication,
                received_at=timezone.now() - timedelta(days=index * 3),
            )
            self.assertEqual(complaint.status, Status.FORWARDED)
        self.assertEqual(queries(), before)


class WorklistPreviewsTests(BaseTestCase):
    """The first complaints of every section come from one query, in the order each
    section's own query gives, also when a complaint is among the first of two sections."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # Fourteen new complaints (more than a card shows), the older ones also overdue or due
        # this week, two of them safety concerns; received at the same moment in pairs (ties
        # are broken by id).
        for index in range(14):
            register(
                location=cls.oceaan,
                received_at=days_ago(50 - (index // 2) * 2),
                safety_reason="Kind alleen buiten" if index in (5, 12) else "",
            )
        for index in range(3):
            forwarded(
                location=cls.margriet, actor=cls.coordinator, category=cls.invoices, received_at=days_ago(44 + index)
            )

    def test_each_section_lists_what_its_own_query_lists(self):
        now = timezone.now()
        complaints = complaint_visible_to(self.coordinator)
        sections = {
            "new": (Q(status=Status.NEW), "received_at"),
            "due_week": (due_q(DUE_WEEK, now=now), "due_at"),
            "overdue": (due_q(DUE_OVERDUE, now=now), "due_at"),
            "safety": (Q(status__in=OPEN_STATUSES, is_safety_concern=True), "due_at"),
        }
        with self.assertNumQueries(1):
            previews = worklist_previews(complaints=complaints, sections=sections)
        for name, (condition, order) in sections.items():
            expected = list(complaints.filter(condition).order_by("-is_safety_concern", order, "id")[:WORKLIST_PREVIEW])
            with self.subTest(section=name):
                self.assertTrue(expected)
                self.assertEqual([c.reference for c in previews[name]], [c.reference for c in expected])
        self.assertEqual(len(previews["new"]), WORKLIST_PREVIEW)
        self.assertTrue(previews["new"][0].is_safety_concern)
        # A complaint can be new and overdue at once: it shows in both.
        self.assertTrue({c.pk for c in previews["new"]} & {c.pk for c in previews["overdue"]})
        with self.assertNumQueries(0):  # their names came with them
            [(c.location.name, c.category, c.handling_location, c.assignee) for c in previews["overdue"]]

    def test_no_sections_no_query(self):
        with self.assertNumQueries(0):
            self.assertEqual(worklist_previews(complaints=complaint_visible_to(self.coordinator), sections={}), {})

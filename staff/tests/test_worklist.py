from copy import copy
from datetime import datetime, timedelta
from unittest import skipUnless

from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from complaints.models import OPEN_STATUSES, Complaint, Status
from complaints.selectors import complaint_visible_to, overdue_q
from config.testing import BaseTestCase, close, make_location, make_user, register
from organisation.models import Department
from staff.filters import DUE_OVERDUE, DUE_WEEK, due_q, handler_value
from staff.selectors import (
    WORKLIST_PREVIEW,
    GroupCount,
    worklist_by_handler,
    worklist_by_region,
    worklist_counts,
    worklist_previews,
)
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
        return {row["reference"] for row in response.context[section]}

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

    def test_a_scope_known_to_be_empty_shows_an_empty_worklist(self):
        # A location manager without locations, and the groups of a none() queryset (Django
        # does not send a query that cannot match: the groups' SQL is not made either).
        self.client.force_login(make_user("zonder", Role.LOCATION_MANAGER, locations=[]))
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        self.assertEqual((response.context["by_handler"], response.context["by_region"]), ([], []))
        self.assertContains(response, "Geen open klachten.", count=2)
        now = timezone.now()
        with self.assertNumQueries(0):
            self.assertEqual(worklist_by_handler(complaints=Complaint.objects.none(), now=now, limit=25), ([], 0))
            self.assertEqual(worklist_by_region(complaints=Complaint.objects.none(), now=now), [])

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
                self.assertEqual([row["reference"] for row in previews[name]], [c.reference for c in expected])
                # The values of a card: those of the complaint and its related rows.
                for row, complaint in zip(previews[name], expected, strict=True):
                    self.assertEqual(
                        (row["location__name"], row["category__name"], row["handling_location__name"]),
                        (
                            complaint.location.name,
                            complaint.category and complaint.category.name,
                            complaint.handling_location and complaint.handling_location.name,
                        ),
                    )
                    self.assertEqual(row["location_to_establish"], complaint.location_to_establish)
                    self.assertEqual((row["due_at"], row["description"]), (complaint.due_at, complaint.description))
        self.assertEqual(len(previews["new"]), WORKLIST_PREVIEW)
        self.assertTrue(previews["new"][0]["is_safety_concern"])
        # A complaint can be new and overdue at once: it shows in both.
        self.assertTrue({row["id"] for row in previews["new"]} & {row["id"] for row in previews["overdue"]})

    def test_no_sections_no_query(self):
        with self.assertNumQueries(0):
            self.assertEqual(worklist_previews(complaints=complaint_visible_to(self.coordinator), sections={}), {})


def by_handler_in_python(*, complaints, now: datetime) -> list[GroupCount]:
    """``worklist_by_handler`` as it was: every group built and sorted in Python."""
    rows = (
        complaints.filter(status__in=OPEN_STATUSES)
        .order_by()
        .values(
            "handling_location_id", "handling_location__name", "handling_department_id", "handling_department__name"
        )
        .annotate(open=Count("id"), overdue=Count("id", filter=overdue_q(now=now)))
    )
    groups = [
        GroupCount(
            name=row["handling_location__name"] or row["handling_department__name"] or "",
            filter_value=handler_value(
                location_id=row["handling_location_id"], department_id=row["handling_department_id"]
            ),
            open=row["open"],
            overdue=row["overdue"],
        )
        for row in rows
    ]
    return sorted(groups, key=lambda group: (-group.open, group.name))


class WorklistByHandlerTests(BaseTestCase):
    """The largest handlers come sorted and cut from the database, in the order Python
    sorted them (most open first, then the name as Python compares strings: capitals
    before small letters, accents after both), and the rest follows from the counts."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        names = ["beuk", "Boom", "alfa", "Ällebei", "Émile", "eik", "Zeta", "zwaan", "Zelfde", "a-b", "ac", "A"]
        for index, name in enumerate(names):
            location = make_location(name, entity=cls.smallsteps, region=cls.north)
            for number in range(1 + index % 3):  # ties of 1, 2 and 3 open complaints
                complaint = forwarded(
                    location=location,
                    actor=cls.coordinator,
                    category=cls.communication,
                    received_at=days_ago(45 if number == 0 and index % 2 else 10),
                )
            if index % 4 == 0:
                close(complaint, actor=cls.coordinator)  # closed: not counted
        # A department with a location's name and count, and complaints not forwarded yet.
        zelfde = Department.objects.create(name="Zelfde")
        forwarded(location=cls.oceaan, actor=cls.coordinator, category=cls.invoices, department=zelfde)
        forwarded(location=cls.oceaan, actor=cls.coordinator, category=cls.invoices, department=zelfde)
        forwarded(location=cls.oceaan, actor=cls.coordinator, category=cls.invoices, department=cls.debiteuren)
        register(location=cls.margriet)
        register(location=cls.margriet, received_at=days_ago(50))

    def test_the_order_and_the_rest_are_those_of_the_python_sort(self):
        now = timezone.now()
        for user in (self.coordinator, self.ops_north):
            complaints = complaint_visible_to(user)
            everything = by_handler_in_python(complaints=complaints, now=now)
            counts = worklist_counts(complaints=complaints, now=now)
            keys = [(group.open, group.name) for group in everything]
            self.assertGreater(len(everything), 10)
            self.assertLess(len({group.open for group in everything}), len(everything) - 5)  # many ties of open
            if user == self.coordinator:  # and one of open and name ("Zelfde": a location and a department)
                self.assertLess(len(set(keys)), len(keys))
            for limit in (None, 1, 3, 5, 8, 9, 13, len(everything), 100):
                with self.subTest(user=user.username, limit=limit):
                    top, number = worklist_by_handler(complaints=complaints, now=now, limit=limit)
                    self.assertEqual([(group.open, group.name) for group in top], keys[:limit])
                    if limit is None or limit >= len(keys) or keys[limit - 1] != keys[limit]:
                        # The groups themselves (a tie of open and name may come in either order).
                        self.assertEqual(set(top), set(everything[:limit]))
                    rest = everything[len(top) :]
                    self.assertEqual(number, len(everything))
                    self.assertEqual(number - len(top), len(rest))
                    self.assertEqual(counts.open - sum(group.open for group in top), sum(g.open for g in rest))
                    self.assertEqual(counts.overdue - sum(group.overdue for group in top), sum(g.overdue for g in rest))

    def test_the_page_shows_the_top_and_the_rest(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(URL)
        everything = by_handler_in_python(complaints=complaint_visible_to(self.coordinator), now=timezone.now())
        self.assertEqual(
            [(group.open, group.name) for group in response.context["by_handler"]],
            [(group.open, group.name) for group in everything[:25]],
        )
        self.assertEqual(response.context["by_handler_rest"], max(len(everything) - 25, 0))


@skipUnless(connection.vendor == "postgresql", "the covering index exists on PostgreSQL only")
class WorklistCoveringIndexTests(BaseTestCase):
    """The worklist's counts and groups read the open complaints from the partial covering
    index ``complaint_open_cover_idx`` (complaints migration 0023), not from the table: at
    1,000,000 complaints they were the part of the page that grew with the data."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for index in range(40):
            complaint = forwarded(
                location=[cls.oceaan, cls.margriet][index % 2],
                actor=cls.coordinator,
                category=cls.communication,
                received_at=days_ago(index * 2),
            )
            if index % 3:
                close(complaint, actor=cls.coordinator)
        # And many more that are no longer open (withdrawn copies), so that the open ones
        # are the small share they are in the real data: a table of 40 rows is read whole.
        template = Complaint.objects.get(pk=complaint.pk)
        copies = []
        for number in range(3_000):
            withdrawn = copy(template)
            withdrawn.pk = withdrawn.id = None
            withdrawn.sequence = 10_000 + number
            withdrawn.reference = f"K{template.year}-{withdrawn.sequence}"
            withdrawn.status = Status.WITHDRAWN
            withdrawn.status_token = withdrawn.submission_key = None
            copies.append(withdrawn)
        Complaint.objects.bulk_create(copies, batch_size=1_000)

    def plans(self, read) -> list[str]:
        with CaptureQueriesContext(connection) as context:
            read()
        plans = []
        with connection.cursor() as cursor:
            for query in context.captured_queries:
                cursor.execute(f"EXPLAIN {query['sql']}")
                plans.append("\n".join(line for (line,) in cursor.fetchall()))
        return plans

    def test_the_counts_and_groups_use_the_covering_index(self):
        # The coordinator's worklist (all complaints: the one that grew with the data). A
        # scoped reader's may rightly start from their locations ((handling_location, status)).
        with connection.cursor() as cursor:
            # The planner's choice on a few thousand rows that were never vacuumed (no
            # visibility map, which a test's transaction cannot get) is a coin flip between
            # this index and (status, due_at), whose heap fetches it costs alike; at 100,000
            # and 1,000,000 complaints it reads this one with no heap fetch at all. So: no
            # table or bitmap scans and no (status, due_at) index (dropped in the test's
            # transaction, rolled back with it) -- what is pinned is that the statements can
            # be answered from this index alone.
            cursor.execute("ANALYZE complaints_complaint")
            for kind in ("seqscan", "bitmapscan"):
                cursor.execute(f"SET LOCAL enable_{kind} = off")
            cursor.execute("DROP INDEX complaint_status_due_idx")
        now = timezone.now()
        complaints = complaint_visible_to(self.coordinator)
        reads = {
            "counts": lambda: worklist_counts(complaints=complaints, now=now),
            "by handler": lambda: worklist_by_handler(complaints=complaints, now=now, limit=25),
            "by region": lambda: worklist_by_region(complaints=complaints, now=now),
        }
        for name, read in reads.items():
            with self.subTest(read=name):
                plans = self.plans(read)
                # The counts' first query (the new messages' count uses its own partial index).
                self.assertIn("complaint_open_cover_idx", plans[0])
                self.assertNotIn("Seq Scan on complaints_complaint", plans[0])
                self.assertIn("Index Only Scan using complaint_open_cover_idx", plans[0])

from collections import Counter
from datetime import date
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.db import connection, models, transaction
from django.db.models import Count, Max
from django.test import Client, TestCase

from accounts.models import Role, User
from complaints.deadlines import deadline_for
from complaints.models import Complaint, ComplaintEvent, ContactMoment, ReferenceCounter, Status
from imports.services import annual_report_import
from notifications.models import OutboundEmail
from organisation.models import Location, Region
from scale.management.commands.generate_demo_data import Command
from scale.personas import bench_personas, session_cookie, staff_pages
from scale.services import SEED_CATEGORIES, generate_demo_data

UNTIL = date(2026, 11, 20)
SEED_FILE = Path(__file__).resolve().parents[2] / "data" / "seed" / "klachtenjaarverslag-2025.txt"


# Small enough to keep the suite fast, large enough for the shares to settle;
# the seed import brings 312 locations, the generator adds the rest.
COMPLAINTS, LOCATIONS, STAFF = 1000, 400, 700


def fingerprint(queryset=None) -> list[tuple]:
    """What a generated complaint is, without the numbers that depend on the
    rows already there (id, reference)."""
    queryset = Complaint.objects.filter(is_demo=True) if queryset is None else queryset
    return list(
        queryset.order_by("received_at", "id")
        .values_list("category__name", "verdict", "status", "received_at", "closed_at", "description")
        .annotate(events=Count("events"))
    )


class GenerateDemoDataTests(TestCase):
    """One generated dataset for the whole class (built once, rolled back after)."""

    @classmethod
    def setUpTestData(cls) -> None:
        annual_report_import(path=SEED_FILE, year=2025)
        call_command(
            Command(),
            complaints=COMPLAINTS,
            seed=7,
            until=UNTIL,
            locations=LOCATIONS,
            staff=STAFF,
            stdout=StringIO(),
        )

    def test_it_builds_the_organisation(self) -> None:
        self.assertEqual(Location.objects.count(), LOCATIONS)
        self.assertEqual(Region.objects.filter(name__startswith="Regio").count(), 12)
        staff = User.objects.filter(username__startswith="gen-")
        self.assertEqual(staff.count(), STAFF)
        self.assertEqual(staff.filter(role=Role.COORDINATOR).count(), 12)
        # Every location has a manager who sees it.
        managed = Location.objects.filter(managers__role=Role.LOCATION_MANAGER).distinct().count()
        self.assertEqual(managed, LOCATIONS)

    def test_generated_complaints_are_found_by_the_staff_search(self) -> None:
        # On PostgreSQL the COPY runs with session_replication_role = replica, which skips ordinary
        # triggers: the search vector is a generated column and is there all the same.
        from complaints.search import complaint_search

        generated = Complaint.objects.filter(is_demo=True).order_by("id")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM complaints_complaint WHERE search_vector IS NULL")
                self.assertEqual(cursor.fetchone()[0], 0)
        complaint = generated.last()
        word = max(complaint.description.split(), key=len).strip(".,;:!?()")
        results, _ = complaint_search(generated, word)
        self.assertIn(complaint.pk, set(results.values_list("pk", flat=True)))

    def test_the_load_test_personas_open_its_pages(self) -> None:
        # scripts/bench.py and scripts/profile_staff_pages.py measure these pages as these users;
        # the load generator carries the session cookie made for them.
        personas = bench_personas()
        self.assertEqual(personas.coordinator.role, Role.COORDINATOR)
        self.assertEqual(personas.manager.locations.count(), 2)
        pages = staff_pages(personas)
        self.assertEqual(len({name for name, _url, _user in pages}), len(pages))
        for user in (personas.manager, personas.coordinator):
            client = Client()
            name, value = session_cookie(user).split("=")
            client.cookies[name] = value
            url = next(url for _name, url, page_user in pages if page_user == user and url == "/staff/klachten/")
            response = client.get(url)
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.wsgi_request.user, user)
        response = client.get(f"/staff/klachten/{personas.detail}/")  # the coordinator's
        self.assertEqual(response.status_code, 200)

    def test_it_generates_the_counts(self) -> None:
        generated = Complaint.objects.filter(is_demo=True)
        self.assertEqual(generated.count(), COMPLAINTS)
        years = set(generated.values_list("year", flat=True))
        self.assertEqual(years, set(range(2017, 2027)))
        self.assertGreater(ComplaintEvent.objects.filter(complaint__is_demo=True).count(), COMPLAINTS * 3)
        self.assertGreater(ContactMoment.objects.count(), COMPLAINTS // 2)
        emails = OutboundEmail.objects.filter(complaint__is_demo=True)
        self.assertGreater(emails.count(), COMPLAINTS * 2)
        self.assertFalse(emails.exclude(status="sent").exists())

    def test_the_mix_roughly_matches_the_seed(self) -> None:
        closed = Complaint.objects.filter(is_demo=True, status=Status.CLOSED)
        verdicts = Counter(closed.values_list("verdict", flat=True))
        total = sum(verdicts.values())
        for verdict, seed_share in {"ja": 236 / 501, "deels": 177 / 501, "nee": 88 / 501}.items():
            self.assertAlmostEqual(verdicts[verdict] / total, seed_share, delta=0.05)
        categories = Counter(
            Complaint.objects.filter(is_demo=True, category__isnull=False).values_list("category__name", flat=True)
        )
        top = categories.most_common(1)[0]
        self.assertEqual(top[0], "Communicatie vanuit locatie")
        self.assertAlmostEqual(top[1] / sum(categories.values()), 99 / 513, delta=0.04)
        self.assertLessEqual(set(categories), set(SEED_CATEGORIES))
        withdrawn = Complaint.objects.filter(is_demo=True, status=Status.WITHDRAWN).count()
        self.assertAlmostEqual(withdrawn / COMPLAINTS, 12 / 513, delta=0.015)

    def test_references_counters_and_deadlines_hold(self) -> None:
        references = list(Complaint.objects.values_list("reference", flat=True))
        self.assertEqual(len(references), len(set(references)))
        tops = dict(Complaint.objects.values_list("year").annotate(top=Max("sequence")).order_by())
        self.assertEqual(dict(ReferenceCounter.objects.values_list("year", "last")), tops)
        for complaint in Complaint.objects.filter(is_demo=True).order_by("id")[:300]:
            self.assertEqual(complaint.reference, f"K{complaint.year}-{complaint.sequence:05d}")
            self.assertEqual(complaint.due_at, deadline_for(complaint.received_at))

    def test_every_constraint_is_valid(self) -> None:
        # The database checks every row on insert; this also runs Django's own checks on a spread sample.
        for complaint in Complaint.objects.filter(is_demo=True).order_by("id")[::25]:
            complaint.validate_constraints()
        for email in OutboundEmail.objects.order_by("id")[::100]:
            email.validate_constraints()
        # Foreign keys, including those the PostgreSQL loader does not check row by row.
        self.assertFalse(ComplaintEvent.objects.filter(complaint__isnull=True).exists())
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM complaints_complaintevent e LEFT JOIN complaints_complaint c "
                "ON c.id = e.complaint_id WHERE c.id IS NULL"
            )
            self.assertEqual(cursor.fetchone()[0], 0)
        self.assertFalse(Complaint.objects.filter(status=Status.CLOSED, closed_at__lt=models.F("received_at")).exists())

    def _regenerate(self, seed: int) -> list[tuple]:
        """Generate the class's data again, now that the organisation exists, in
        a savepoint that is rolled back afterwards."""
        sid = transaction.savepoint_create()
        OutboundEmail.objects.filter(complaint__is_demo=True).delete()
        Complaint.objects.filter(is_demo=True).delete()
        ReferenceCounter.objects.exclude(year=2025).update(last=0)
        ReferenceCounter.objects.filter(year=2025).update(last=513)
        generate_demo_data(complaints=COMPLAINTS, seed=seed, until=UNTIL, locations=LOCATIONS, staff=STAFF)
        rows = fingerprint()
        transaction.savepoint_rollback(sid)
        return rows

    def _generate_more(self, seed: int, complaints: int) -> list[tuple]:
        """Complaints added on top of the class's data, rolled back afterwards."""
        sid = transaction.savepoint_create()
        top = Complaint.objects.aggregate(top=Max("id"))["top"]
        generate_demo_data(complaints=complaints, seed=seed, until=UNTIL, locations=LOCATIONS, staff=STAFF)
        rows = fingerprint(Complaint.objects.filter(id__gt=top))
        transaction.savepoint_rollback(sid)
        return rows

    def test_the_same_seed_gives_the_same_data(self) -> None:
        self.assertEqual(fingerprint(), self._regenerate(7))

    def test_another_seed_gives_other_data(self) -> None:
        # Not seed 7 again on top of its own data: its submission keys are already taken.
        eight = self._generate_more(8, 100)
        self.assertEqual(len(eight), 100)
        self.assertEqual(eight, self._generate_more(8, 100))
        self.assertNotEqual(eight, self._generate_more(9, 100))

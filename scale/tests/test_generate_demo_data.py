from collections import Counter
from datetime import date
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.db import connection, models, transaction
from django.db.models import Count, Max
from django.test import TestCase

from accounts.models import Role, User
from complaints.deadlines import deadline_for
from complaints.models import Complaint, ComplaintEvent, ContactMoment, ReferenceCounter, Status
from imports.services import annual_report_import
from notifications.models import OutboundEmail
from organisation.models import Location, Region
from scale.management.commands.generate_demo_data import Command
from scale.services import SEED_CATEGORIES, generate_demo_data

UNTIL = date(2026, 11, 20)
SEED_FILE = Path(__file__).resolve().parents[2] / "data" / "seed" / "klachtenjaarverslag-2025.txt"


def fingerprint() -> list[tuple]:
    return list(
        Complaint.objects.filter(is_demo=True)
        .order_by("reference")
        .values_list("reference", "category__name", "verdict", "status", "received_at", "closed_at", "description")
        .annotate(events=Count("events"))
    )


class GenerateDemoDataTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        annual_report_import(path=SEED_FILE, year=2025)
        call_command(Command(), complaints=2000, seed=7, until=UNTIL, stdout=StringIO())

    def test_it_builds_the_organisation(self) -> None:
        self.assertEqual(Location.objects.count(), 750)
        self.assertEqual(Region.objects.filter(name__startswith="Regio").count(), 12)
        staff = User.objects.filter(username__startswith="gen-")
        self.assertEqual(staff.count(), 2000)
        self.assertEqual(staff.filter(role=Role.COORDINATOR).count(), 12)
        # Every location has a manager who sees it.
        managed = Location.objects.filter(managers__role=Role.LOCATION_MANAGER).distinct().count()
        self.assertEqual(managed, 750)

    def test_it_generates_the_counts(self) -> None:
        generated = Complaint.objects.filter(is_demo=True)
        self.assertEqual(generated.count(), 2000)
        years = set(generated.values_list("year", flat=True))
        self.assertEqual(years, set(range(2017, 2027)))
        self.assertGreater(ComplaintEvent.objects.filter(complaint__is_demo=True).count(), 2000 * 3)
        self.assertGreater(ContactMoment.objects.count(), 1000)
        emails = OutboundEmail.objects.filter(complaint__is_demo=True)
        self.assertGreater(emails.count(), 2000 * 2)
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
        self.assertAlmostEqual(withdrawn / 2000, 12 / 513, delta=0.015)

    def test_references_counters_and_deadlines_hold(self) -> None:
        references = list(Complaint.objects.values_list("reference", flat=True))
        self.assertEqual(len(references), len(set(references)))
        tops = dict(Complaint.objects.values_list("year").annotate(top=Max("sequence")).order_by())
        self.assertEqual(dict(ReferenceCounter.objects.values_list("year", "last")), tops)
        for complaint in Complaint.objects.filter(is_demo=True).order_by("id")[:300]:
            self.assertEqual(complaint.reference, f"K{complaint.year}-{complaint.sequence:05d}")
            self.assertEqual(complaint.due_at, deadline_for(complaint.received_at))

    def test_every_constraint_is_valid(self) -> None:
        for complaint in Complaint.objects.filter(is_demo=True).order_by("?")[:150]:
            complaint.validate_constraints()
        for email in OutboundEmail.objects.order_by("?")[:50]:
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
        """Generate again in a savepoint that is rolled back afterwards."""
        sid = transaction.savepoint_create()
        OutboundEmail.objects.filter(complaint__is_demo=True).delete()
        Complaint.objects.filter(is_demo=True).delete()
        ReferenceCounter.objects.exclude(year=2025).update(last=0)
        ReferenceCounter.objects.filter(year=2025).update(last=513)
        generate_demo_data(complaints=2000, seed=seed, until=UNTIL)
        rows = fingerprint()
        transaction.savepoint_rollback(sid)
        return rows

    def test_the_same_seed_gives_the_same_data(self) -> None:
        self.assertEqual(fingerprint(), self._regenerate(7))

    def test_another_seed_gives_other_data(self) -> None:
        self.assertNotEqual(fingerprint(), self._regenerate(8))

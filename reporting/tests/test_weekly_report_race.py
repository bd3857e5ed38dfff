"""Two workers racing to send the same weekly report (PostgreSQL only).

A TransactionTestCase empties every table when it ends, so it has a module of its own: the
modules in conftest.SHARED_BUILDS run as one unit in one worker, and a flush in the middle of
that unit would take the migrations' data (letter template, reminder schedule) from every
test the worker runs after it."""

from unittest import skipIf

from django.db import connection
from django.test import TransactionTestCase

from accounts.models import Role
from config.testing import make_user, run_racing
from notifications.models import OutboundEmail
from reporting.models import WeeklyReportSent
from reporting.services import weekly_report_send_due
from reporting.tests.helpers import at


@skipIf(connection.vendor == "sqlite", "SQLite serialises all writers; the race is tested on PostgreSQL")
class WeeklyReportRaceTests(TransactionTestCase):
    def test_two_workers_racing_send_one_report(self):
        make_user("directie", Role.MANAGEMENT, email="directie@k.test")
        results = run_racing(lambda: weekly_report_send_due(now=at(2026, 11, 23, 7, 0)))
        self.assertEqual(sorted(result is None for result in results), [False, True])
        self.assertEqual(WeeklyReportSent.objects.count(), 1)
        self.assertEqual(OutboundEmail.objects.filter(template="weekly_report").count(), 1)

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine
from django.db import IntegrityError, transaction

from config.testing import BaseTestCase
from improvements.models import Improvement, ImprovementStatus, Kind
from improvements.services import ImprovementError, improvement_create, improvement_set_status

AMS = ZoneInfo("Europe/Amsterdam")


class ImprovementSetStatusTests(BaseTestCase):
    def setUp(self) -> None:
        self.improvement = improvement_create(
            title="Protocol sluiting groep", kind=Kind.PROTOCOL, due_date=date(2026, 12, 1), categories=[self.invoices]
        )

    def test_done_records_the_moment_and_reopening_clears_it(self):
        moment = datetime(2026, 11, 18, 15, 0, tzinfo=AMS)
        improvement_set_status(improvement=self.improvement, status=ImprovementStatus.IN_PROGRESS)
        self.improvement.refresh_from_db()
        self.assertEqual((self.improvement.status, self.improvement.done_at), (ImprovementStatus.IN_PROGRESS, None))
        with time_machine.travel(moment, tick=False):
            improvement_set_status(improvement=self.improvement, status=ImprovementStatus.DONE)
        self.improvement.refresh_from_db()
        self.assertEqual((self.improvement.status, self.improvement.done_at), (ImprovementStatus.DONE, moment))
        improvement_set_status(improvement=self.improvement, status=ImprovementStatus.OPEN)
        self.improvement.refresh_from_db()
        self.assertEqual((self.improvement.status, self.improvement.done_at), (ImprovementStatus.OPEN, None))

    def test_setting_the_same_status_again_changes_nothing(self):
        first = datetime(2026, 11, 18, 15, 0, tzinfo=AMS)
        improvement_set_status(improvement=self.improvement, status=ImprovementStatus.DONE, now=first)
        improvement_set_status(
            improvement=self.improvement, status=ImprovementStatus.DONE, now=datetime(2026, 11, 20, tzinfo=AMS)
        )
        self.improvement.refresh_from_db()
        self.assertEqual(self.improvement.done_at, first)

    def test_it_refuses_an_unknown_status(self):
        with self.assertRaises(ImprovementError):
            improvement_set_status(improvement=self.improvement, status="cancelled")

    def test_the_database_keeps_done_and_done_at_together(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            Improvement.objects.filter(pk=self.improvement.pk).update(status=ImprovementStatus.DONE)

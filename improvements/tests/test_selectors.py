from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine

from config.testing import BaseTestCase
from improvements.models import ImprovementStatus, Kind
from improvements.selectors import improvements_done_between, improvements_open_at
from improvements.services import improvement_create, improvement_set_status

AMS = ZoneInfo("Europe/Amsterdam")


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=AMS)


class ImprovementSelectorTests(BaseTestCase):
    def test_an_action_is_open_from_its_creation_until_it_is_done(self):
        with time_machine.travel(at(2026, 11, 2, 9, 0), tick=False):
            improvement = improvement_create(
                title="Intakegesprek", kind=Kind.POLICY, due_date=date(2026, 11, 30), categories=[self.communication]
            )
        improvement_set_status(improvement=improvement, status=ImprovementStatus.DONE, now=at(2026, 11, 18, 15, 0))
        self.assertEqual(list(improvements_open_at(moment=at(2026, 11, 1))), [])
        self.assertEqual(list(improvements_open_at(moment=at(2026, 11, 16))), [improvement])
        self.assertEqual(list(improvements_open_at(moment=at(2026, 11, 23))), [])
        self.assertEqual(list(improvements_done_between(start=at(2026, 11, 16), end=at(2026, 11, 23))), [improvement])
        self.assertEqual(list(improvements_done_between(start=at(2026, 11, 9), end=at(2026, 11, 16))), [])

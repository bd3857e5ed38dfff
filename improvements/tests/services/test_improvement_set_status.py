from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine
from django.db import IntegrityError, transaction

from complaints.models import ComplaintEvent, EventKind
from config.testing import BaseTestCase, register
from improvements.models import Improvement, ImprovementStatus, Kind
from improvements.services import ImprovementError, improvement_create, improvement_set_status, improvement_update

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


class ImprovementHistoryTests(BaseTestCase):
    """A change to an action is recorded in the history of every complaint it was drawn from."""

    def setUp(self) -> None:
        self.first, self.second = register(location=self.oceaan), register(location=self.oceaan)
        self.improvement = improvement_create(
            title="Protocol sluiting groep",
            kind=Kind.PROTOCOL,
            due_date=date(2026, 12, 1),
            owner=self.manager,
            complaints=[self.first, self.second],
        )

    def _changes(self, complaint) -> list[tuple[str, object, object]]:
        event = ComplaintEvent.objects.filter(complaint=complaint, kind=EventKind.IMPROVEMENT_CHANGED).latest("id")
        self.assertEqual(event.data["description"], "Protocol sluiting groep")
        return event.changes

    def test_status_change_is_in_each_complaints_history(self):
        improvement_set_status(improvement=self.improvement, status=ImprovementStatus.DONE, actor=self.coordinator)
        for complaint in (self.first, self.second):
            self.assertEqual(self._changes(complaint), [("improvement_status", "Open", "Afgerond")])
        event = ComplaintEvent.objects.filter(kind=EventKind.IMPROVEMENT_CHANGED).first()
        self.assertEqual(event.actor, self.coordinator)

    def test_owner_and_term_changes_are_recorded_and_an_unchanged_save_records_nothing(self):
        improvement_update(
            improvement=self.improvement, owner=None, owner_name="Afdeling HR", due_date=date(2027, 1, 15)
        )
        self.assertEqual(
            self._changes(self.first),
            [
                ("improvement_owner", "manager", "Afdeling HR"),
                ("improvement_due_date", "1 dec. 2026", "15 jan. 2027"),
            ],
        )
        count = ComplaintEvent.objects.filter(kind=EventKind.IMPROVEMENT_CHANGED).count()
        improvement_update(
            improvement=self.improvement, owner=None, owner_name="Afdeling HR", due_date=date(2027, 1, 15)
        )
        improvement_set_status(improvement=self.improvement, status=ImprovementStatus.OPEN)
        self.assertEqual(ComplaintEvent.objects.filter(kind=EventKind.IMPROVEMENT_CHANGED).count(), count)

    def test_the_history_shows_readable_labels(self):
        from staff.templatetags.staff_tags import event_changes

        improvement_set_status(improvement=self.improvement, status=ImprovementStatus.IN_PROGRESS)
        event = ComplaintEvent.objects.get(complaint=self.first, kind=EventKind.IMPROVEMENT_CHANGED)
        self.assertEqual(event_changes(event), [("status van de verbeteractie", "Open", "In uitvoering")])
        self.assertEqual(event.label, "Verbeteractie gewijzigd")

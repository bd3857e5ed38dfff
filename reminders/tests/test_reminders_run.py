from datetime import datetime
from unittest import mock, skipIf
from zoneinfo import ZoneInfo

import time_machine
from django.db import connection
from django.test import TransactionTestCase

from complaints.services import complaint_forward
from config.testing import BaseTestCase, register
from notifications.models import OutboundEmail
from reminders.models import DigestSent, ReminderRule, ReminderSent
from reminders.services import add_days, reminders_run

AMS = ZoneInfo("Europe/Amsterdam")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=AMS)


class AddDaysTests(BaseTestCase):
    def test_it_skips_the_weekend_for_working_days(self):
        friday = at(2026, 11, 13, 16, 0)
        self.assertEqual(add_days(friday, 2, working=True), at(2026, 11, 17, 16, 0))
        self.assertEqual(add_days(friday, 2, working=False), at(2026, 11, 15, 16, 0))

    def test_it_skips_public_holidays(self):
        # Christmas 2026: Friday 25 and Saturday 26 December.
        self.assertEqual(add_days(at(2026, 12, 24, 9, 0), 2, working=True), at(2026, 12, 29, 9, 0))

    def test_it_keeps_the_local_time_across_the_clock_change(self):
        self.assertEqual(add_days(at(2026, 10, 23, 10, 0), 3, working=False), at(2026, 10, 26, 10, 0))


class ReminderScheduleTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for user, address in ((cls.coordinator, "co@k.test"), (cls.manager, "lm@k.test"), (cls.ops_north, "om@k.test")):
            user.email = address
            user.save()

    def new_complaint(self, received: datetime):
        with time_machine.travel(received):
            return register(location=self.oceaan, received_at=received)

    def sent(self, template: str = "reminder") -> list[list[str]]:
        return list(OutboundEmail.objects.filter(template=template).order_by("id").values_list("to", flat=True))

    def test_it_reminds_the_coordinator_two_working_days_after_an_untriaged_receipt(self):
        complaint = self.new_complaint(at(2026, 11, 13, 16, 0))  # a Friday
        self.assertEqual(reminders_run(now=at(2026, 11, 16, 17, 0)), 0)  # Monday: one working day
        self.assertEqual(reminders_run(now=at(2026, 11, 17, 16, 1)), 1)  # Tuesday
        self.assertEqual(self.sent(), [["co@k.test"]])
        event = complaint.events.get(kind="reminder.sent")
        self.assertEqual(event.data["rule"], "Niet ingedeeld na 2 werkdagen")

    def test_it_sends_each_reminder_once(self):
        complaint = self.new_complaint(at(2026, 11, 13, 16, 0))
        reminders_run(now=at(2026, 11, 17, 17, 0))
        reminders_run(now=at(2026, 11, 17, 17, 5))
        reminders_run(now=at(2026, 11, 18, 9, 0))
        self.assertEqual(ReminderSent.objects.filter(complaint=complaint).count(), 1)
        self.assertEqual(len(self.sent()), 1)
        self.assertEqual(complaint.events.filter(kind="reminder.sent").count(), 1)

    def test_it_reminds_the_handler_without_contact_and_before_the_deadline(self):
        received = at(2026, 10, 1, 10, 0)
        complaint = self.new_complaint(received)
        with time_machine.travel(at(2026, 10, 2, 9, 0)):
            complaint_forward(
                complaint=complaint,
                category=self.communication,
                location=self.oceaan,
                handling_location=self.oceaan,
                actor=self.coordinator,
            )
        # Deadline: end of 12 November 2026.
        reminders_run(now=at(2026, 10, 9, 9, 30))  # 7 days after forwarding, no contact
        reminders_run(now=at(2026, 10, 30, 0, 0))  # 14 days before the deadline
        reminders_run(now=at(2026, 11, 10, 0, 0))  # 3 days before: also the operations manager
        rules = list(
            ReminderSent.objects.filter(complaint=complaint).order_by("sent_at").values_list("rule__name", flat=True)
        )
        self.assertEqual(
            rules,
            ["Geen contact 7 dagen na doorsturen", "Termijn verloopt over 14 dagen", "Termijn verloopt over 3 dagen"],
        )
        self.assertEqual(self.sent(), [["lm@k.test"], ["lm@k.test"], ["lm@k.test", "om@k.test"]])

    def test_it_sends_the_overdue_digest_once_a_day_from_seven(self):
        complaint = self.new_complaint(at(2026, 9, 1, 10, 0))  # overdue since 13 October
        ReminderRule.objects.exclude(trigger="overdue_digest").update(is_active=False)
        self.assertEqual(reminders_run(now=at(2026, 11, 20, 6, 30)), 0)
        self.assertEqual(reminders_run(now=at(2026, 11, 20, 7, 0)), 2)  # coordinator and operations manager
        self.assertEqual(reminders_run(now=at(2026, 11, 20, 15, 0)), 0)
        self.assertEqual(reminders_run(now=at(2026, 11, 21, 7, 10)), 2)
        self.assertEqual(DigestSent.objects.count(), 4)
        self.assertEqual(sorted(to[0] for to in self.sent("overdue_digest"))[:2], ["co@k.test", "co@k.test"])
        self.assertEqual(complaint.events.filter(kind="reminder.sent").count(), 4)

    def test_a_crash_halfway_leaves_nothing_half_sent(self):
        self.new_complaint(at(2026, 11, 13, 16, 0))
        with mock.patch("notifications.services.email_queue", side_effect=RuntimeError("worker killed")):
            with self.assertRaises(RuntimeError):
                reminders_run(now=at(2026, 11, 17, 17, 0))
        self.assertFalse(ReminderSent.objects.exists())
        self.assertEqual(reminders_run(now=at(2026, 11, 17, 17, 1)), 1)
        self.assertEqual(len(self.sent()), 1)


@skipIf(connection.vendor == "sqlite", "SQLite serialises all writers; the race is tested on PostgreSQL")
class ReminderRaceTests(TransactionTestCase):
    def test_two_workers_racing_send_one_reminder(self):
        from config.testing import make_location, make_user, restore_migration_data, run_racing
        from organisation.models import LegalEntity

        restore_migration_data()  # an earlier TransactionTestCase may have emptied the schedule
        make_user("co", "coordinator", email="co@k.test")
        location = make_location("Locatie", entity=LegalEntity.objects.create(name="Partou B.V."))
        received = at(2026, 11, 13, 16, 0)
        with time_machine.travel(received):
            complaint = register(location=location, received_at=received)
        results = run_racing(lambda: reminders_run(now=at(2026, 11, 17, 17, 0)))
        self.assertEqual(sorted(results), [0, 1])
        self.assertEqual(ReminderSent.objects.filter(complaint=complaint).count(), 1)
        self.assertEqual(OutboundEmail.objects.filter(template="reminder").count(), 1)

"""Issue 14 point 3: the worklist, the list, the detail page, the weekly report,
the daily digest and the reminder e-mails state the same days left / overdue."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from config.testing import BaseTestCase
from notifications.models import OutboundEmail
from reminders.models import ReminderRule
from reminders.services import reminders_run
from reporting.weekly import weekly_report
from staff.tests.helpers import forwarded

AMS = ZoneInfo("Europe/Amsterdam")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=AMS)


# Monday 23 November 2026, 07:30: after the digest hour.
NOW = at(2026, 11, 23, 7, 30)


class DaysLeftEverywhereTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.coordinator.email = "co@k.test"
        cls.coordinator.save()
        with time_machine.travel(at(2026, 9, 30, 10, 0)):
            # Due at the end of 11 November: 12 days late on 23 November.
            cls.late = forwarded(
                location=cls.oceaan,
                actor=cls.coordinator,
                category=cls.communication,
                received_at=at(2026, 9, 30, 10, 0),
            )
        with time_machine.travel(at(2026, 10, 15, 9, 0)):
            # Due at the end of 26 November: three days left on 23 November.
            cls.soon = forwarded(
                location=cls.oceaan,
                actor=cls.coordinator,
                category=cls.communication,
                received_at=at(2026, 10, 15, 9, 0),
            )

    def pages(self) -> str:
        self.client.force_login(self.coordinator)
        return "".join(
            self.client.get(url).content.decode()
            for url in (
                reverse("staff:worklist"),
                reverse("staff:complaint_list"),
                reverse("staff:complaint_detail", args=[self.late.reference]),
                reverse("staff:complaint_detail", args=[self.soon.reference]),
            )
        )

    def test_screens_digest_weekly_report_and_reminder_agree(self):
        ReminderRule.objects.filter(trigger="no_contact").update(is_active=False)
        with time_machine.travel(NOW, tick=False):
            html = self.pages()
            reminders_run(now=NOW)
        # Screens: 12 days late (worklist, list, detail), 3 days left.
        self.assertGreaterEqual(html.count("12 dagen te laat"), 3)
        self.assertGreaterEqual(html.count("nog 3 dagen"), 3)
        self.assertNotIn("11 dagen te laat", html)
        # The daily digest: the same 12.
        digest = OutboundEmail.objects.get(template="overdue_digest", to=["co@k.test"])
        self.assertIn(f"{self.late.reference} (Partou BSO Oceaan 16): 12 dagen te laat", digest.body_text)
        # The reminder: the real 3 days, once, though the 14-day and the 3-day rule are both due.
        reminders = OutboundEmail.objects.filter(template="reminder", complaint=self.soon)
        self.assertEqual(reminders.count(), 1)
        body = reminders.get().body_text
        self.assertIn("verloopt over 3 dagen (uiterlijk 26 november 2026)", body)
        self.assertEqual(sorted(set(re.findall(r"over (\d+) dagen", body))), ["3"])
        # The weekly report of the week that just ended counted to Monday 00:00: 12 days too.
        report = weekly_report(week_start=date(2026, 11, 16))
        self.assertEqual([(row.reference, row.days_over) for row in report.overdue], [(self.late.reference, 12)])

    def test_a_reminder_sent_on_the_deadline_day_says_today(self):
        # The worker was down until the day of the deadline of ``soon``: no "over 14 dagen".
        ReminderRule.objects.exclude(trigger="before_deadline").update(is_active=False)
        moment = at(2026, 11, 26, 9, 0)
        with time_machine.travel(moment, tick=False):
            self.assertEqual(reminders_run(now=moment), 1)
            self.client.force_login(self.coordinator)
            detail = self.client.get(reverse("staff:complaint_detail", args=[self.soon.reference]))
        body = OutboundEmail.objects.get(template="reminder", complaint=self.soon).body_text
        self.assertIn("de termijn verloopt vandaag (26 november 2026)", body)
        self.assertNotIn("14 dagen", body)
        self.assertContains(detail, "verloopt vandaag")
        # The passed-over 14-day rule never goes out later.
        self.assertEqual(reminders_run(now=at(2026, 11, 26, 9, 5)), 0)
        self.assertEqual(self.soon.reminders_sent.count(), 2)
        self.assertEqual(self.soon.events.filter(kind="reminder.sent").count(), 1)

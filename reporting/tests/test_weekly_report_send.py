import io
from datetime import date
from io import StringIO
from unittest import mock

import time_machine
from django.core.management import CommandError, call_command
from django.test import override_settings
from pypdf import PdfReader

from accounts.models import Role
from config.testing import make_user
from notifications.models import OutboundEmail
from reporting.models import WeeklyReportSent
from reporting.services import management_addresses, weekly_report_send, weekly_report_send_due
from reporting.tasks import send_due_weekly_report
from reporting.tests.helpers import COMPLAINANT, DESCRIPTION, W47, WeekDataTestCase, at


class WeekStandInPdfTestCase(WeekDataTestCase):
    """WeasyPrint's layout stands in (the PDF's template and chart are still rendered) where a
    test is about when and to whom the report goes; WeeklyReportMailTests sends a real PDF."""

    def setUp(self) -> None:
        super().setUp()
        html = mock.Mock(return_value=mock.Mock(write_pdf=mock.Mock(return_value=b"%PDF-1.7 stand-in")))
        patcher = mock.patch("weasyprint.HTML", html)
        patcher.start()
        self.addCleanup(patcher.stop)


class WeeklyReportMailTests(WeekDataTestCase):
    def test_the_mail_carries_the_report_and_its_real_pdf(self):
        self.management.email = "directie@k.test"
        self.management.save()
        weekly_report_send_due(now=at(2026, 11, 23, 7, 0))
        (email,) = OutboundEmail.objects.filter(template="weekly_report")
        self.assertEqual(email.to, ["directie@k.test"])
        self.assertEqual(email.subject, "Weekrapportage klachten week 47 (16 november t/m 22 november 2026)")
        self.assertIn(">wk 43<", email.body_html)  # the trend as a table, not as SVG
        self.assertNotIn("<svg", email.body_html)
        self.assertIn(self.g.reference, email.body_text)
        self.assertIn("/rapportage/week/2026/47/", email.body_text)
        for text in (COMPLAINANT.name, COMPLAINANT.email, COMPLAINANT.phone, DESCRIPTION):
            self.assertNotIn(text, email.body_html)
            self.assertNotIn(text, email.body_text)
        (attachment,) = email.attachments.all()
        self.assertEqual(
            (attachment.filename, attachment.mimetype), ("weekrapportage-klachten-2026-W47.pdf", "application/pdf")
        )
        content = bytes(attachment.content)
        self.assertTrue(content.startswith(b"%PDF"))
        self.assertNotIn(b"stand-in", content)
        self.assertIn("Weekrapportage", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


class WeeklyReportSendTests(WeekStandInPdfTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.management.email = "directie@k.test"
        cls.management.save()
        make_user("former", Role.MANAGEMENT, email="weg@k.test", is_active=False)
        make_user("noaddress", Role.MANAGEMENT)

    def reports(self) -> list[OutboundEmail]:
        return list(OutboundEmail.objects.filter(template="weekly_report").order_by("id"))

    def test_it_sends_from_monday_seven_and_only_once(self):
        self.assertIsNone(weekly_report_send_due(now=at(2026, 11, 23, 6, 59)))
        self.assertEqual(self.reports(), [])
        record = weekly_report_send_due(now=at(2026, 11, 23, 7, 0))
        self.assertEqual((record.week_start, record.recipients), (W47, ["directie@k.test"]))
        self.assertIsNone(weekly_report_send_due(now=at(2026, 11, 23, 7, 15)))
        self.assertIsNone(weekly_report_send_due(now=at(2026, 11, 24, 10, 0)))
        self.assertEqual(len(self.reports()), 1)
        self.assertEqual(WeeklyReportSent.objects.count(), 1)

    def test_it_catches_up_later_in_the_week_when_the_worker_was_down_on_monday(self):
        record = weekly_report_send_due(now=at(2026, 11, 25, 3, 0))
        self.assertEqual(record.week_start, W47)

    @override_settings(MANAGEMENT_EMAILS=["raad@k.test", "directie@k.test"])
    def test_it_adds_the_configured_addresses(self):
        self.assertEqual(management_addresses(), ["directie@k.test", "raad@k.test"])

    def test_without_recipients_it_records_the_week_and_logs(self):
        self.management.email = ""
        self.management.save()
        with self.assertLogs("reporting.services", "WARNING") as logs:
            record = weekly_report_send_due(now=at(2026, 11, 23, 7, 0))
        self.assertEqual(record.recipients, [])
        self.assertIn("2026-W47", logs.output[0])
        self.assertEqual(self.reports(), [])
        self.assertIsNone(weekly_report_send_due(now=at(2026, 11, 23, 8, 0)))

    def test_forcing_sends_again_and_updates_the_record(self):
        weekly_report_send(week_start=W47, now=at(2026, 11, 23, 7, 0))
        self.assertIsNone(weekly_report_send(week_start=W47, now=at(2026, 11, 23, 9, 0)))
        record = weekly_report_send(week_start=W47, now=at(2026, 11, 23, 9, 0), force=True)
        self.assertEqual(record.sent_at, at(2026, 11, 23, 9, 0))
        self.assertEqual(len(self.reports()), 2)
        self.assertEqual(WeeklyReportSent.objects.count(), 1)

    def test_the_periodic_task_sends_the_due_report(self):
        with time_machine.travel(at(2026, 11, 23, 7, 0), tick=False):
            send_due_weekly_report()
            send_due_weekly_report()
        self.assertEqual(list(WeeklyReportSent.objects.values_list("week_start", flat=True)), [W47])
        self.assertEqual(len(self.reports()), 1)


class WeeklyReportDstSendTests(WeekStandInPdfTestCase):
    def test_monday_seven_is_local_time_after_the_clock_change(self):
        self.management.email = "directie@k.test"
        self.management.save()
        # Monday 26 October 2026, the day after summer time ended: 06:59 local is 05:59 UTC.
        self.assertIsNone(weekly_report_send_due(now=at(2026, 10, 26, 6, 59)))
        record = weekly_report_send_due(now=at(2026, 10, 26, 7, 0))
        self.assertEqual(record.week_start, date(2026, 10, 19))


class SendWeeklyReportCommandTests(WeekStandInPdfTestCase):
    def run_command(self, *args: str) -> str:
        out = StringIO()
        with time_machine.travel(at(2026, 11, 25, 10, 0), tick=False):
            call_command("send_weekly_report", *args, stdout=out)
        return out.getvalue()

    def test_it_sends_the_last_complete_week_by_default(self):
        self.assertIn("Weekrapportage 2026-W47 verstuurd aan 0 ontvanger(s)", self.run_command())

    def test_it_sends_a_chosen_week_once_unless_forced(self):
        self.management.email = "directie@k.test"
        self.management.save()
        self.assertIn("verstuurd aan 1 ontvanger(s)", self.run_command("--week", "2026-W46"))
        self.assertIn("al verstuurd", self.run_command("--week", "2026-W46"))
        self.assertIn("verstuurd aan 1 ontvanger(s)", self.run_command("--week", "2026-W46", "--force"))
        self.assertEqual(OutboundEmail.objects.filter(template="weekly_report").count(), 2)

    def test_it_refuses_a_week_that_is_not_over_or_does_not_exist(self):
        for week in ("2026-W48", "2026-W54", "volgende"):
            with self.subTest(week=week), self.assertRaises(CommandError):
                self.run_command("--week", week)

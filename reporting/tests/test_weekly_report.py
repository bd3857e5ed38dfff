from datetime import UTC, date, datetime, timedelta

import time_machine

from config.testing import BaseTestCase, register
from reporting.tests.helpers import W47, WeekDataTestCase, at
from reporting.weekly import (
    OverdueComplaint,
    last_complete_week_start,
    parse_iso_week,
    week_bounds,
    weekly_report,
)


def rows(report_rows) -> list[tuple[str, int]]:
    return [(row.label, row.count) for row in report_rows]


class WeeklyReportTests(WeekDataTestCase):
    def test_it_counts_received_closed_and_withdrawn(self):
        report = weekly_report(week_start=W47)
        self.assertEqual((report.received, report.closed, report.withdrawn), (3, 3, 1))
        self.assertEqual(rows(report.verdicts), [("Ja", 1), ("Deels", 1), ("Nee", 1)])

    def test_it_ages_the_open_complaints_as_they_stood_at_the_end_of_the_week(self):
        report = weekly_report(week_start=W47)
        self.assertEqual(
            rows(report.open_by_age),
            [("0–2 weken", 3), ("2–4 weken", 1), ("4–6 weken", 1), ("meer dan 6 weken", 2)],
        )
        self.assertEqual(report.open_total, 7)

    def test_it_lists_the_overdue_complaints_without_personal_data(self):
        report = weekly_report(week_start=W47)
        self.assertEqual(
            list(report.overdue),
            [
                OverdueComplaint(
                    reference=self.g.reference,
                    location="Rakkertjes",
                    category="Facturen en betalingen",
                    handler="Debiteuren en facturatie",
                    due_date=date(2026, 11, 10),
                    days_over=13,
                ),
                OverdueComplaint(
                    reference=self.o.reference,
                    location="Margriet",
                    category="Facturen en betalingen",
                    handler="Margriet",
                    due_date=date(2026, 11, 22),
                    days_over=1,
                ),
            ],
        )

    def test_it_splits_the_received_complaints_by_category_and_region(self):
        report = weekly_report(week_start=W47)
        self.assertEqual(
            rows(report.by_category),
            [("Communicatie vanuit locatie", 1), ("Facturen en betalingen", 1), ("Nog niet ingedeeld", 1)],
        )
        self.assertEqual(rows(report.by_region), [("Regio Noord", 2), ("Regio Zuid", 1)])

    def test_it_measures_deadline_compliance_for_the_week_and_the_year(self):
        report = weekly_report(week_start=W47)
        self.assertEqual((report.compliance_week.closed, report.compliance_week.on_time), (3, 2))
        self.assertAlmostEqual(report.compliance_week.percentage, 66.667, places=2)
        # ISO year 2026 from Monday 29 December 2025: also the complaint closed on 30 December 2025.
        self.assertEqual((report.compliance_year.closed, report.compliance_year.on_time), (5, 4))
        self.assertEqual(report.year_start, date(2025, 12, 29))

    def test_it_names_locations_with_three_or_more_complaints_in_ninety_days(self):
        report = weekly_report(week_start=W47)
        self.assertEqual(rows(report.hotspots), [("Partou BSO Oceaan 16", 5), ("Margriet", 4)])

    def test_it_compares_with_the_four_weeks_before(self):
        report = weekly_report(week_start=W47)
        self.assertEqual(
            [(week.label, week.received, week.closed) for week in report.trend],
            [("wk 43", 1, 0), ("wk 44", 0, 0), ("wk 45", 2, 0), ("wk 46", 2, 0), ("wk 47", 3, 3)],
        )
        self.assertEqual(report.received_average_earlier, 1.25)

    def test_it_lists_improvement_actions_open_at_the_end_of_the_week_and_done_in_it(self):
        report = weekly_report(week_start=W47)
        self.assertEqual(
            [(line.title, line.owner, line.is_overdue) for line in report.improvements_open],
            [
                ("Ophaalprotocol BSO herzien", "Team BSO", True),
                ("Klachtenfolder vernieuwen", "", False),
                ("Facturen duidelijker", "management", False),
            ],
        )
        self.assertEqual(
            [(line.title, line.done_on) for line in report.improvements_done],
            [("Nieuwsbrief over sluitingen", date(2026, 11, 18))],
        )

    def test_a_past_week_reads_as_it_stood_then(self):
        # Week 46: A, B and C not received yet; D, E and J still open; F not closed yet.
        report = weekly_report(week_start=date(2026, 11, 9))
        self.assertEqual((report.received, report.closed, report.withdrawn), (2, 0, 0))
        self.assertEqual(
            rows(report.open_by_age),
            [("0–2 weken", 4), ("2–4 weken", 1), ("4–6 weken", 1), ("meer dan 6 weken", 2)],
        )
        self.assertEqual(
            [(row.reference, row.days_over) for row in report.overdue],
            [(self.f.reference, 34), (self.g.reference, 6)],
        )
        self.assertEqual([line.title for line in report.improvements_done], [])

    def test_it_refuses_a_day_that_is_not_a_monday(self):
        with self.assertRaises(ValueError):
            weekly_report(week_start=date(2026, 11, 17))


class WeekBoundsTests(BaseTestCase):
    def test_the_week_of_the_autumn_clock_change_lasts_169_hours(self):
        # Summer time ends on Sunday 25 October 2026: Monday 19 starts at +02:00, Monday 26 at +01:00.
        start, end = week_bounds(date(2026, 10, 19))
        self.assertEqual(start.astimezone(UTC), datetime(2026, 10, 18, 22, 0, tzinfo=UTC))
        self.assertEqual(end.astimezone(UTC), datetime(2026, 10, 25, 23, 0, tzinfo=UTC))
        self.assertEqual(end.astimezone(UTC) - start.astimezone(UTC), timedelta(hours=169))

    def test_complaints_on_either_side_of_the_clock_change_week_land_in_the_right_week(self):
        for moment in (
            at(2026, 10, 18, 23, 30),  # Sunday of week 42, summer time
            at(2026, 10, 19, 0, 30),  # Monday of week 43
            at(2026, 10, 25, 23, 30),  # Sunday of week 43, winter time: 22:30 UTC
            at(2026, 10, 26, 0, 30),  # Monday of week 44: 23:30 UTC on Sunday
        ):
            with time_machine.travel(moment, tick=False):
                register(location=self.oceaan, received_at=moment)
        weeks = {monday: weekly_report(week_start=monday) for monday in (date(2026, 10, 12), date(2026, 10, 19))}
        self.assertEqual(weeks[date(2026, 10, 12)].received, 1)
        self.assertEqual(weeks[date(2026, 10, 19)].received, 2)
        self.assertEqual([week.received for week in weekly_report(week_start=date(2026, 10, 26)).trend[-3:]], [1, 2, 1])

    def test_the_last_complete_week_is_the_one_before_the_current(self):
        self.assertEqual(last_complete_week_start(now=at(2026, 11, 23, 0, 0)), date(2026, 11, 16))
        self.assertEqual(last_complete_week_start(now=at(2026, 11, 22, 23, 59)), date(2026, 11, 9))
        # Sunday 23:30 UTC is already Monday in Amsterdam.
        self.assertEqual(last_complete_week_start(now=datetime(2026, 11, 22, 23, 30, tzinfo=UTC)), date(2026, 11, 16))

    def test_it_reads_iso_weeks(self):
        self.assertEqual(parse_iso_week("2026-W47"), date(2026, 11, 16))
        self.assertEqual(parse_iso_week("2026-W53"), date(2026, 12, 28))
        for text in ("2025-W53", "2026-47", "week 47", "1999-W01"):
            with self.subTest(text=text), self.assertRaises(ValueError):
                parse_iso_week(text)

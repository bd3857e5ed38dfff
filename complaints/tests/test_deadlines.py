"""The one function that decides days left / days overdue (Amsterdam calendar days)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.test import SimpleTestCase

from complaints.deadlines import deadline_for, reminder_day_start, term_state

AMS = ZoneInfo("Europe/Amsterdam")
UTC = ZoneInfo("UTC")


def at(*args, tz=AMS) -> datetime:
    return datetime(*args, tzinfo=tz)


class TermStateTests(SimpleTestCase):
    due = deadline_for(at(2026, 8, 28, 10, 0))  # end of Friday 9 October 2026

    def test_the_deadline_is_the_end_of_the_local_day_six_weeks_on(self):
        self.assertEqual(self.due, at(2026, 10, 9, 23, 59, 59))

    def test_on_the_deadline_day_it_expires_today(self):
        for moment in (at(2026, 10, 9, 0, 0), at(2026, 10, 9, 8, 0), at(2026, 10, 9, 23, 59)):
            term = term_state(self.due, now=moment)
            self.assertEqual((term.days, term.overdue, term.state), (0, False, "today"), moment)
            self.assertEqual(term.label, "verloopt vandaag")
            self.assertEqual(term.sentence, "De termijn verloopt vandaag (9 oktober 2026).")

    def test_the_day_after_it_is_one_day_late_from_midnight(self):
        for moment in (at(2026, 10, 10, 0, 0), at(2026, 10, 10, 7, 0), at(2026, 10, 10, 23, 59)):
            term = term_state(self.due, now=moment)
            self.assertEqual((term.days, term.days_over, term.state), (-1, 1, "overdue"), moment)
            self.assertEqual(term.label, "1 dag te laat")

    def test_overdue_days_count_calendar_days_not_periods_of_24_hours(self):
        # 12 days and 10 hours after the deadline's last second: the 12th day after the due day.
        term = term_state(self.due, now=at(2026, 10, 21, 10, 0))
        self.assertEqual(term.days_over, 12)
        self.assertEqual(term.label, "12 dagen te laat")

    def test_the_day_before_one_day_is_left(self):
        term = term_state(self.due, now=at(2026, 10, 8, 23, 0))
        self.assertEqual((term.days, term.state, term.label), (1, "soon", "nog 1 dag"))
        self.assertEqual(term_state(self.due, now=at(2026, 9, 25, 12, 0)).state, "ok")

    def test_it_counts_in_amsterdam_whatever_the_zone_of_now(self):
        # 22:30 UTC on 9 October is already 10 October in Amsterdam.
        self.assertEqual(term_state(self.due, now=at(2026, 10, 9, 22, 30, tz=UTC)).days_over, 1)
        self.assertEqual(term_state(self.due.astimezone(UTC), now=at(2026, 10, 9, 21, 30, tz=UTC)).days, 0)

    def test_a_deadline_passed_earlier_today_says_so(self):
        due = at(2026, 10, 9, 12, 0)  # a due moment that is not the end of the day
        term = term_state(due, now=at(2026, 10, 9, 15, 0))
        self.assertEqual((term.overdue, term.days_over, term.label), (True, 0, "termijn vandaag verlopen"))

    def test_across_the_autumn_clock_change(self):
        # Received 15 September (CEST), due 27 October (CET); the clocks go back on 25 October.
        due = deadline_for(at(2026, 9, 15, 9, 0))
        self.assertEqual(due, at(2026, 10, 27, 23, 59, 59))
        self.assertEqual(term_state(due, now=at(2026, 10, 24, 23, 30)).days, 3)
        self.assertEqual(term_state(due, now=at(2026, 10, 25, 0, 30)).days, 2)
        self.assertEqual(term_state(due, now=at(2026, 10, 27, 23, 59)).state, "today")
        self.assertEqual(term_state(due, now=at(2026, 10, 28, 0, 0)).days_over, 1)

    def test_across_the_spring_clock_change(self):
        # Due Sunday 29 March 2026, the night the clocks go forward.
        due = deadline_for(at(2026, 2, 15, 20, 0))
        self.assertEqual(due, at(2026, 3, 29, 23, 59, 59))
        self.assertEqual(term_state(due, now=at(2026, 3, 29, 3, 30)).state, "today")
        self.assertEqual(term_state(due, now=at(2026, 3, 30, 0, 0)).days_over, 1)
        self.assertEqual(term_state(due, now=at(2026, 3, 15, 12, 0)).days, 14)


class ReminderDayTests(SimpleTestCase):
    def test_a_reminder_day_starts_at_local_midnight_across_the_clock_change(self):
        due = at(2026, 11, 5, 23, 59, 59)  # CET; fourteen days earlier is CEST
        start = reminder_day_start(due.astimezone(UTC), 14)
        self.assertEqual(start, at(2026, 10, 22, 0, 0))
        self.assertEqual(term_state(due, now=start).days, 14)
        self.assertEqual(start.date(), date(2026, 10, 22))

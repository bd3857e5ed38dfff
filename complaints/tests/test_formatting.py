from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.test import SimpleTestCase
from django.utils import translation

from complaints.formatting import number, short_date, short_datetime


class DutchFormatTests(SimpleTestCase):
    def test_short_dates_have_a_lowercase_month_with_a_full_stop_where_shortened(self):
        with translation.override("nl"):
            self.assertEqual(short_date(date(2026, 10, 9)), "9 okt. 2026")
            self.assertEqual(short_date(date(2026, 5, 1)), "1 mei 2026")
            self.assertEqual(short_date(date(2026, 3, 31)), "31 mrt. 2026")
            self.assertEqual(short_date(None), "")

    def test_a_moment_is_shown_in_amsterdam_time(self):
        moment = datetime(2026, 10, 9, 22, 30, tzinfo=ZoneInfo("UTC"))  # 00:30 on the 10th in Amsterdam
        with translation.override("nl"):
            self.assertEqual(short_date(moment), "10 okt. 2026")
            self.assertEqual(short_datetime(moment), "10 okt. 2026 00:30")

    def test_numbers_have_dutch_separators(self):
        with translation.override("nl"):
            self.assertEqual(number(72684), "72.684")
            self.assertEqual(number(1234567), "1.234.567")
            self.assertEqual(number(0.71, 2), "0,71")
            self.assertEqual(number(12), "12")

    def test_the_filters_are_available_in_every_template_without_load(self):
        template = Template("{{ day|short_date }} · {{ n|number }} · {{ rate|number:2 }} · {{ bad|number }}")
        with translation.override("nl"):
            rendered = template.render(Context({"day": date(2026, 10, 9), "n": 12345, "rate": 0.5, "bad": "x"}))
        self.assertEqual(rendered, "9 okt. 2026 · 12.345 · 0,50 · x")

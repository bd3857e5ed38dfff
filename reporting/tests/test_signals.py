"""Pattern signals (issue 16 point 3): the rule on hand-made counts, and the
signals with their numbers on the weekly report and the dashboard."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.test import SimpleTestCase
from django.urls import reverse
from pypdf import PdfReader

from complaints.models import Complaint
from complaints.services import ComplainantData
from config.testing import BaseTestCase, register
from reporting.signals import CATEGORY, LOCATION, Counts, find_signals, poisson_tail, signal_for, signals

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=AMS)  # Monday; week 24 ended at 00:00 that day
WEEK_URL = "/rapportage/week/2026/24/"
DASHBOARD_URL = "/rapportage/dashboard/?jaar=2026"
PARENT = ComplainantData(name="Petra Bakhuizen", email="petra.bakhuizen@voorbeeld.test", phone="0611122233")


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=AMS)


class RuleTests(SimpleTestCase):
    def test_the_poisson_tail_matches_hand_computed_values(self):
        self.assertEqual(poisson_tail(0, 2.0), 1.0)
        self.assertAlmostEqual(poisson_tail(1, 2.0), 1 - 0.1353352832, places=9)
        # P(X >= 3 | 1) = 1 - e^-1 (1 + 1 + 1/2)
        self.assertAlmostEqual(poisson_tail(3, 1.0), 0.0803013971, places=9)
        self.assertEqual(poisson_tail(3, 0.0), 0.0)

    def test_a_clear_rise_is_a_signal_with_its_numbers(self):
        # 13 complaints a year is 1 expected in 4 weeks; 6 is far above it.
        signal = signal_for(kind=LOCATION, key="7", label="Rakkertjes", counts=Counts(weeks=4, observed=6, baseline=13))
        self.assertIsNotNone(signal)
        self.assertEqual((signal.observed, signal.baseline, signal.weeks), (6, 13, 4))
        self.assertAlmostEqual(signal.expected, 1.0)
        self.assertLess(signal.p_value, 0.01)
        self.assertAlmostEqual(signal.p_value, poisson_tail(6, 1.0))
        self.assertEqual(signal.improvement_query, "")

    def test_a_normal_month_is_not_a_signal(self):
        # 26 a year is 2 expected in 4 weeks; 3 or 4 happen often enough.
        for observed in (2, 3, 4):
            with self.subTest(observed=observed):
                self.assertIsNone(
                    signal_for(
                        kind=LOCATION, key="7", label="X", counts=Counts(weeks=4, observed=observed, baseline=26)
                    )
                )

    def test_fewer_than_three_is_never_a_signal(self):
        # P(X >= 2 | 0.04) is about 0.0008, below the threshold, but two complaints are not a pattern.
        counts = Counts(weeks=4, observed=2, baseline=1)
        self.assertLess(poisson_tail(2, 4 / 52), 0.01)
        self.assertIsNone(signal_for(kind=CATEGORY, key="3", label="Facturen", counts=counts))

    def test_a_location_without_history_gives_no_signal(self):
        self.assertIsNone(
            signal_for(kind=LOCATION, key="9", label="Nieuw", counts=Counts(weeks=8, observed=9, baseline=0))
        )

    def test_of_each_location_the_strongest_window_is_named(self):
        rows = [
            ("1", "Rakkertjes", [Counts(weeks=4, observed=4, baseline=13), Counts(weeks=8, observed=9, baseline=13)]),
            ("2", "Margriet", [Counts(weeks=4, observed=1, baseline=13), Counts(weeks=8, observed=2, baseline=13)]),
        ]
        found = find_signals(rows, kind=LOCATION)
        self.assertEqual([(s.label, s.weeks, s.observed) for s in found], [("Rakkertjes", 8, 9)])

    def test_a_category_signal_links_to_the_improvement_form_with_the_category(self):
        signal = signal_for(kind=CATEGORY, key="3", label="Facturen", counts=Counts(weeks=4, observed=5, baseline=4))
        self.assertEqual(signal.improvement_query, "?categorie=3")


class SignalPagesTests(BaseTestCase):
    @classmethod
    def received(cls, moment: datetime, location, category) -> Complaint:
        with time_machine.travel(moment, tick=False):
            return register(
                location=location,
                received_at=moment,
                category=category,
                complainant=PARENT,
                description="Omschrijving.",
            )

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # Rakkertjes, invoices: one a month from July to December 2025, then six between 20 May and 12 June 2026.
        for month in range(7, 13):
            cls.received(at(2025, month, 10, 9), cls.rakkertjes, cls.invoices)
        for day in (20, 25, 29):
            cls.received(at(2026, 5, day, 9), cls.rakkertjes, cls.invoices)
        for day in (3, 8, 12):
            cls.received(at(2026, 6, day, 9), cls.rakkertjes, cls.invoices)
        # Margriet, communication: two a month for a year, two in the last four weeks: normal.
        for month in range(6, 13):
            cls.received(at(2025, month, 5, 9), cls.margriet, cls.communication)
            cls.received(at(2025, month, 19, 9), cls.margriet, cls.communication)
        for month in range(1, 6):
            cls.received(at(2026, month, 5, 9), cls.margriet, cls.communication)
            cls.received(at(2026, month, 19, 9), cls.margriet, cls.communication)
        cls.received(at(2026, 6, 2, 9), cls.margriet, cls.communication)
        # Oceaan: three in the window, none before (a new location): no baseline, no signal.
        for day in (1, 4, 9):
            cls.received(at(2026, 6, day, 9), cls.oceaan, cls.communication)

    def test_the_rise_is_found_in_the_database_and_the_normal_ones_are_not(self):
        found = signals(now=at(2026, 6, 15, 0))
        self.assertEqual(
            [(s.kind, s.label, s.weeks, s.observed, s.baseline) for s in found],
            [(LOCATION, "Rakkertjes", 4, 6, 6), (CATEGORY, "Facturen en betalingen", 4, 6, 6)],
        )
        self.assertEqual(found[0].key, str(self.rakkertjes.pk))
        self.assertAlmostEqual(found[0].expected, 6 * 4 / 52)

    def test_the_weekly_report_shows_the_signal_with_its_numbers_and_the_rule(self):
        self.client.force_login(self.coordinator)
        with time_machine.travel(NOW, tick=False):
            response = self.client.get(WEEK_URL)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            [s.label for s in response.context["report"].signals], ["Rakkertjes", "Facturen en betalingen"]
        )
        html = response.content.decode()
        self.assertIn("Locatie: Rakkertjes", html)
        self.assertIn("Categorie: Facturen en betalingen", html)
        self.assertIn('<td class="num text-end">0,46</td>', html)  # expected: 6 × 4 / 52
        self.assertIn("kleiner is dan 1% (Poisson)", html)
        self.assertIn(f"{reverse('improvements:create')}?categorie={self.invoices.pk}", html)
        self.assertNotIn("Locatie: Margriet", html)
        self.assertNotIn("Locatie: Partou BSO Oceaan 16", html)  # no history, no signal
        self.assertNotIn(PARENT.name, html)

    def test_management_sees_the_signals_without_the_improvement_link(self):
        self.client.force_login(self.management)
        with time_machine.travel(NOW, tick=False):
            html = self.client.get(WEEK_URL).content.decode()
            dashboard_html = self.client.get(DASHBOARD_URL).content.decode()
        for page in (html, dashboard_html):
            self.assertIn("Locatie: Rakkertjes", page)
            self.assertNotIn(reverse("improvements:create"), page)

    def test_the_dashboard_shows_the_signals_in_a_fixed_number_of_queries(self):
        self.client.force_login(self.coordinator)
        with time_machine.travel(NOW, tick=False):
            # Session, user with device, years, regions, totals, months, three groupings, verdicts,
            # improvements, and the two signal groupings.
            with self.assertNumQueries(13):
                response = self.client.get(DASHBOARD_URL)
        html = response.content.decode()
        self.assertIn("Locatie: Rakkertjes", html)
        self.assertIn("Categorie: Facturen en betalingen", html)
        self.assertIn(f"{reverse('improvements:create')}?categorie={self.invoices.pk}", html)
        self.assertNotIn("Locatie: Margriet", html)

    def test_the_dashboard_of_a_region_counts_only_its_locations(self):
        self.client.force_login(self.coordinator)
        with time_machine.travel(NOW, tick=False):
            response = self.client.get(f"{DASHBOARD_URL}&regio={self.south.pk}")
        self.assertEqual(response.context["board"].signals, ())
        self.assertIn("Geen signalen.", response.content.decode())

    def test_the_dashboard_pdf_names_the_signal(self):
        self.client.force_login(self.coordinator)
        with time_machine.travel(NOW, tick=False):
            response = self.client.get("/rapportage/dashboard/pdf/?jaar=2026")
        self.assertEqual(response.status_code, 200)
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
        self.assertIn("Signalen", text)
        self.assertIn("Locatie: Rakkertjes", text)
        self.assertIn("Facturen en betalingen", text)

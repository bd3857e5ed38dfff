"""The management dashboard (issue 14 point 7) against a hand-counted set of
complaints; "now" is Monday 15 June 2026, 12:00 in Amsterdam."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from complaints.models import Channel, ComplainantKind, Complaint, Status
from complaints.services import ComplainantData
from config.testing import BaseTestCase, register
from improvements.models import ImprovementStatus, Kind
from improvements.services import improvement_create, improvement_set_status
from reporting.dashboard import dashboard

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=AMS)
URL = "/rapportage/dashboard/"
PDF_URL = "/rapportage/dashboard/pdf/"
PARENT = ComplainantData(name="Petra Bakhuizen", email="petra.bakhuizen@voorbeeld.test", phone="0611122233")
DESCRIPTION = "Mijn zoon Daan is gevallen op het plein."


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=AMS)


class DashboardTestCase(BaseTestCase):
    @classmethod
    def received(cls, moment: datetime, location, category=None) -> Complaint:
        with time_machine.travel(moment, tick=False):
            return register(
                location=location, received_at=moment, category=category, complainant=PARENT, description=DESCRIPTION
            )

    @staticmethod
    def closed(complaint: Complaint, moment: datetime, verdict: str) -> None:
        # Aggregates only care about the columns: no letter PDF is rendered for them.
        Complaint.objects.filter(pk=complaint.pk).update(status=Status.CLOSED, verdict=verdict, closed_at=moment)

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # 2025: three dated (two before 15 June), one imported without a date.
        cls.closed(cls.received(at(2025, 1, 10, 9), cls.oceaan, cls.communication), at(2025, 2, 1, 9), "ja")
        cls.closed(cls.received(at(2025, 3, 5, 9), cls.margriet, cls.invoices), at(2025, 3, 20, 9), "deels")
        cls.old_open = cls.received(at(2025, 8, 1, 9), cls.oceaan)  # open and overdue since September 2025
        Complaint.objects.create(
            reference="K2025-00900", year=2025, sequence=900, channel=Channel.IMPORT, appendix_position=1,
            legal_entity=cls.partou, location=cls.oceaan, category=cls.communication,
            complainant_kind=ComplainantKind.PARENT, description="Uit het jaarverslag.", status=Status.CLOSED,
            verdict="nee",
        )  # fmt: skip
        # 2026: four, all before now.
        cls.jan = cls.received(at(2026, 1, 15, 9), cls.oceaan, cls.communication)
        cls.closed(cls.jan, at(2026, 2, 1, 9), "ja")  # within six weeks
        cls.feb = cls.received(at(2026, 2, 10, 9), cls.margriet, cls.invoices)
        cls.closed(cls.feb, at(2026, 4, 30, 9), "nee")  # late: due 24 March
        cls.mar = cls.received(at(2026, 3, 3, 9), cls.rakkertjes, cls.communication)  # open, overdue
        cls.jun = cls.received(at(2026, 6, 1, 9), cls.oceaan)  # open, due 13 July

        def action(title: str, due: date, status: str | None = None, done: datetime | None = None) -> None:
            with time_machine.travel(at(2026, 1, 5, 9), tick=False):
                improvement = improvement_create(
                    title=title,
                    kind=Kind.PROTOCOL,
                    owner_name="Kwaliteit",
                    due_date=due,
                    categories=[cls.communication],
                )
            if status:
                with time_machine.travel(done or at(2026, 2, 1, 9), tick=False):
                    improvement_set_status(improvement=improvement, status=status)

        action("Verlopen", date(2026, 5, 1))
        action("Loopt", date(2026, 12, 1), ImprovementStatus.IN_PROGRESS)
        action("Klaar dit jaar", date(2026, 5, 1), ImprovementStatus.DONE, at(2026, 4, 1, 9))

    def setUp(self) -> None:
        traveller = time_machine.travel(NOW, tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)


class DashboardFiguresTests(DashboardTestCase):
    def test_the_figures_of_the_year_match_the_hand_count(self):
        board = dashboard(year=2026)
        self.assertEqual((board.total, board.total_last_year, board.undated), (4, 4, 0))
        self.assertEqual((board.to_date, board.to_date_last_year), (4, 2))
        self.assertEqual(board.to_date_change, 100.0)
        self.assertTrue(board.is_running_year)
        self.assertEqual(
            [(m.label, m.this_year, m.last_year) for m in board.months if m.this_year or m.last_year],
            [("jan", 1, 1), ("feb", 1, 0), ("mrt", 1, 1), ("jun", 1, 0), ("aug", 0, 1)],
        )
        self.assertEqual(
            [(bar.label, bar.count) for bar in board.by_category],
            [("Communicatie vanuit locatie", 2), ("Facturen en betalingen", 1), ("Nog niet ingedeeld", 1)],
        )
        self.assertEqual([(bar.label, bar.count) for bar in board.by_region], [("Regio Noord", 3), ("Regio Zuid", 1)])
        self.assertEqual(
            [(bar.label, bar.count) for bar in board.by_location],
            [("Partou BSO Oceaan 16", 2), ("Margriet", 1), ("Rakkertjes", 1)],
        )
        self.assertEqual([(bar.label, bar.count) for bar in board.verdicts], [("Ja", 1), ("Deels", 0), ("Nee", 1)])
        self.assertEqual((board.closed, board.closed_on_time, board.on_time_percentage), (2, 1, 50.0))
        self.assertEqual((board.open_now, board.overdue_now), (3, 2))
        self.assertEqual((board.improvements_open, board.improvements_overdue, board.improvements_done), (2, 1, 1))

    def test_a_past_year_is_whole_and_counts_the_imported_complaints_apart(self):
        board = dashboard(year=2025)
        self.assertFalse(board.is_running_year)
        self.assertEqual((board.total, board.to_date, board.undated), (4, 3, 1))
        self.assertEqual(board.to_date_last_year, 0)
        self.assertIsNone(board.to_date_change)
        self.assertEqual([(bar.label, bar.count) for bar in board.verdicts], [("Ja", 1), ("Deels", 1), ("Nee", 1)])

    def test_the_region_filter_narrows_every_complaint_figure(self):
        board = dashboard(year=2026, region=self.south)
        self.assertEqual((board.total, board.to_date, board.to_date_last_year), (1, 1, 1))
        self.assertEqual([(bar.label, bar.count) for bar in board.by_location], [("Margriet", 1)])
        self.assertEqual((board.open_now, board.overdue_now, board.closed, board.closed_on_time), (0, 0, 1, 0))
        # Improvement actions are the organisation's.
        self.assertEqual(board.improvements_open, 2)


class DashboardPageTests(DashboardTestCase):
    def test_management_reads_it_without_personal_data_or_links_to_complaints(self):
        self.client.force_login(self.management)
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        page = response.content.decode()
        self.assertIn("Dashboard klachten 2026", page)
        self.assertEqual(page.count('<svg role="img"'), 5)
        self.assertIn('data-figure="to-date">4<', page)
        self.assertIn('data-figure="on-time">50%<', page)
        self.assertNotIn("/staff/klachten/", page)
        self.assertNotIn("/verbeteracties/", page)
        for text in (PARENT.name, PARENT.email, PARENT.phone, DESCRIPTION, "Daan", self.jan.reference, "K2025-00900"):
            self.assertNotIn(text, page)

    def test_the_coordinator_drills_down_into_the_complaint_list(self):
        self.client.force_login(self.coordinator)
        page = self.client.get(URL).content.decode()
        self.assertIn(f"/staff/klachten/?year=2026&amp;category={self.communication.pk}", page)
        self.assertIn(f"/staff/klachten/?year=2026&amp;region={self.north.pk}", page)
        self.assertIn(f"/staff/klachten/?year=2026&amp;location={self.oceaan.pk}", page)
        self.assertIn("/staff/klachten/?year=2026&amp;verdict=nee", page)
        self.assertIn("/staff/klachten/?status=open", page)
        self.assertIn("/staff/klachten/?due=overdue", page)
        self.assertIn(f"/verbeteracties/nieuw/?categorie={self.communication.pk}", page)
        # A drill-down link lands on a list that holds exactly the counted complaints.
        listing = self.client.get("/staff/klachten/", {"year": 2026, "category": self.communication.pk})
        self.assertEqual(listing.context["page"].paginator.count, 2)
        filtered = self.client.get(URL, {"jaar": 2026, "regio": self.south.pk}).content.decode()
        self.assertIn(
            f"/staff/klachten/?year=2026&amp;region={self.south.pk}&amp;location={self.margriet.pk}", filtered
        )
        self.assertIn(f"/staff/klachten/?status=open&amp;region={self.south.pk}", filtered)

    def test_the_period_and_region_filter_and_bad_input(self):
        self.client.force_login(self.management)
        response = self.client.get(URL, {"jaar": 2025, "regio": self.south.pk})
        board = response.context["board"]
        self.assertEqual((board.year, board.region, board.total), (2025, self.south, 1))
        response = self.client.get(URL, {"jaar": "abc", "regio": "999999"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "invalid-feedback")
        self.assertEqual((response.context["board"].year, response.context["board"].region), (2026, None))

    def test_roles_without_reports_are_refused(self):
        # Location and operations managers and department staff handle complaints; the
        # dashboard is management information (docs/security.md), so 403 like the weekly report.
        for user in (self.manager, self.ops_north, self.department_handler, self.administrator):
            with self.subTest(role=user.role):
                self.client.force_login(user)
                self.assertEqual(self.client.get(URL).status_code, 403)
                self.assertEqual(self.client.get(PDF_URL).status_code, 403)
        self.client.logout()
        response = self.client.get(URL)
        self.assertRedirects(response, f"{reverse('login')}?next={URL}", fetch_redirect_response=False)

    def test_the_pdf_reads_back_with_the_figures(self):
        self.client.force_login(self.management)
        response = self.client.get(PDF_URL, {"jaar": 2026})
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertIn('filename="dashboard-klachten-2026.pdf"', response["Content-Disposition"])
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
        text = " ".join(text.split())
        self.assertIn("Dashboard klachten 2026", text)
        self.assertIn("Binnen zes weken afgehandeld", text)
        self.assertIn("50%", text)
        self.assertIn("Communicatie vanuit locatie", text)
        self.assertNotIn(PARENT.name, text)

    def test_the_number_of_queries_does_not_grow_with_the_data(self):
        self.client.force_login(self.coordinator)

        def queries() -> int:
            with CaptureQueriesContext(connection) as context:
                self.assertEqual(self.client.get(URL).status_code, 200)
            return len(context)

        before = queries()
        for day in range(1, 8):
            self.received(at(2026, 5, day, 9), self.margriet, self.invoices)
        self.assertEqual(queries(), before)
        # Session, user with device, years, regions (the filter), totals, months, three groupings, verdicts,
        # improvements, the two signal groupings.
        with self.assertNumQueries(13):
            self.client.get(URL)

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reporting.tests.helpers import COMPLAINANT, DESCRIPTION, WeekDataTestCase, at

URL = "/rapportage/week/2026/47/"


class WeeklyReportViewTests(WeekDataTestCase):
    def setUp(self) -> None:
        traveller = time_machine.travel(at(2026, 11, 25, 10, 0), tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)

    def test_it_lives_at_a_readable_address(self):
        self.assertEqual(reverse("reporting:weekly", args=[2026, 47]), URL)
        self.assertEqual(reverse("reporting:weekly_pdf", args=[2026, 47]), URL + "pdf/")

    def test_it_shows_the_coordinator_the_report_with_the_chart(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Weekrapportage klachten, week 47 van 2026")
        self.assertContains(response, '<svg role="img"')
        self.assertContains(response, 'href="/rapportage/week/2026/46/"')
        self.assertContains(response, 'href="/rapportage/week/2026/48/"')  # the week still running
        self.assertNotContains(response, "/rapportage/week/2026/49/")  # not begun
        self.assertContains(response, 'href="/rapportage/week/2026/47/pdf/"')
        self.assertContains(response, reverse("staff:complaint_detail", args=[self.g.reference]))

    def test_management_sees_counts_and_references_but_no_complainant_data(self):
        self.client.force_login(self.management)
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        self.assertIn(self.g.reference, content)
        self.assertNotIn("/staff/klachten/", content)
        for text in (COMPLAINANT.name, COMPLAINANT.email, COMPLAINANT.phone, DESCRIPTION):
            self.assertNotIn(text, content)

    def test_other_roles_are_refused(self):
        for user in (self.manager, self.ops_north, self.department_handler, self.administrator):
            with self.subTest(role=user.role):
                self.client.force_login(user)
                self.assertEqual(self.client.get(URL).status_code, 403)
                self.assertEqual(self.client.get(URL + "pdf/").status_code, 403)
                self.assertEqual(self.client.get("/rapportage/week/").status_code, 403)

    def test_anonymous_visitors_are_sent_to_the_login_page(self):
        for url in (URL, URL + "pdf/", "/rapportage/week/"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertRedirects(response, f"{reverse('login')}?next={url}", fetch_redirect_response=False)

    def test_the_short_address_opens_the_last_complete_week(self):
        self.client.force_login(self.management)
        self.assertRedirects(self.client.get("/rapportage/week/"), URL, fetch_redirect_response=False)

    def test_weeks_that_have_not_begun_or_do_not_exist_are_not_found(self):
        self.client.force_login(self.coordinator)
        for url in ("/rapportage/week/2026/49/", "/rapportage/week/2025/53/", "/rapportage/week/1999/10/"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(self.client.get("/rapportage/week/2026/0/").status_code, 404)

    def test_the_current_week_shows_its_figures_so_far(self):
        # Wednesday 25 November 10:00 in week 48: one complaint received (Monday 00:30),
        # one closed (Monday 08:00); g (due 10 November) and o (due 22 November) overdue.
        self.client.force_login(self.management)
        response = self.client.get("/rapportage/week/2026/48/")
        self.assertEqual(response.status_code, 200)
        report = response.context["report"]
        self.assertTrue(report.so_far)
        self.assertEqual((report.received, report.closed), (1, 1))
        self.assertEqual(
            [(row.reference, row.days_over) for row in report.overdue], [(self.g.reference, 15), (self.o.reference, 3)]
        )
        self.assertContains(response, "Deze week tot nu toe (woensdag 25 november 10:00)")
        self.assertContains(response, "Nu open")
        self.assertNotContains(response, 'href="/rapportage/week/2026/49/"')
        pdf = self.client.get("/rapportage/week/2026/48/pdf/")
        self.assertEqual(pdf.status_code, 200)
        self.assertTrue(pdf.content.startswith(b"%PDF"))

    def test_a_complete_week_is_not_marked_so_far(self):
        self.client.force_login(self.management)
        response = self.client.get(URL)
        self.assertFalse(response.context["report"].so_far)
        self.assertNotContains(response, "data-so-far")
        self.assertContains(response, 'href="/rapportage/week/2026/48/"')

    def test_the_week_picker_opens_the_chosen_week_and_refuses_nonsense(self):
        self.client.force_login(self.coordinator)
        self.assertContains(self.client.get(URL), 'type="week"')
        for picked, target in (("2026-W40", "/rapportage/week/2026/40/"), ("2026W48", "/rapportage/week/2026/48/")):
            with self.subTest(picked=picked):
                response = self.client.get("/rapportage/week/", {"week": picked})
                self.assertRedirects(response, target, fetch_redirect_response=False)
        for bad, message in (
            ("morgen", "Kies een week"),
            ("2026-W60", "Kies een week"),
            ("2027-W02", "nog niet begonnen"),
        ):
            with self.subTest(bad=bad):
                response = self.client.get("/rapportage/week/", {"week": bad}, follow=True)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, message)
                self.assertEqual(response.redirect_chain[-1][0], URL)

    def test_the_pdf_is_a_pdf(self):
        self.client.force_login(self.management)
        response = self.client.get(URL + "pdf/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertIn('filename="weekrapportage-klachten-2026-W47.pdf"', response["Content-Disposition"])
        self.assertTrue(response.content.startswith(b"%PDF"))

    def test_the_number_of_queries_does_not_grow_with_the_data(self):
        self.client.force_login(self.coordinator)

        def queries() -> int:
            with CaptureQueriesContext(connection) as context:
                self.assertEqual(self.client.get(URL).status_code, 200)
            return len(context)

        before = queries()
        self.assertLessEqual(before, 13)  # 12 and the second-factor device
        for hour in range(8, 18):
            complaint = self.received(at(2026, 11, 17, hour, 0), self.rakkertjes, category=self.communication)
            self.forwarded(complaint, at(2026, 11, 17, hour, 30), handling_department=self.debiteuren)
            self.received(at(2026, 9, 1, hour, 0), self.margriet, category=self.invoices)
        self.assertEqual(queries(), before)

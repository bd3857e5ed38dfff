"""A report exists only once the coordinator has made it with a POST; every
GET reads and never writes. Small data: these tests are not about the seed."""

import subprocess
import sys
from unittest import mock

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annualreport import builder
from annualreport.defaults import ANALYSES, FIXED_SECTIONS
from annualreport.models import AnnualReport, ReportRevision, ReportSection
from annualreport.services import annual_report_get_or_create
from annualreport.values import report_placeholders
from complaints.models import Complaint, ComplaintEvent
from config.testing import BaseTestCase, register

YEAR = 2024
URL = f"/jaarverslag/{YEAR}/"
CREATE_URL = f"{URL}aanmaken/"


def row_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (AnnualReport, ReportSection, ReportRevision, Complaint, ComplaintEvent)
    }


class ReportNotYetMadeTests(BaseTestCase):
    def test_a_get_shows_that_there_is_none_and_writes_nothing(self):
        before = row_counts()
        self.client.force_login(self.coordinator)
        response = self.client.get(URL)
        self.assertContains(response, f"Er is nog geen jaarverslag {YEAR}.")
        self.assertContains(response, f'<form method="post" action="{CREATE_URL}">')
        self.assertContains(response, f"Jaarverslag {YEAR} aanmaken")
        self.client.force_login(self.management)
        response = self.client.get(URL)
        self.assertContains(response, f"Er is nog geen jaarverslag {YEAR}.")
        self.assertNotContains(response, CREATE_URL)
        self.assertEqual(row_counts(), before)
        self.assertEqual(before["AnnualReport"], 0)

    def test_its_other_pages_are_not_found_and_write_nothing(self):
        before = row_counts()
        self.client.force_login(self.coordinator)
        for path in ("download/html/", "download/xlsx/", "controle/", "colofon/", "teksten/voorwoord/", "ggd/"):
            with self.subTest(path=path):
                self.assertEqual(self.client.get(URL + path).status_code, 404)
        self.assertEqual(row_counts(), before)

    def test_the_coordinator_creates_it_with_a_post(self):
        self.client.force_login(self.coordinator)
        response = self.client.post(CREATE_URL, follow=True)
        self.assertRedirects(response, URL)
        self.assertContains(response, f"Jaarverslag {YEAR} is aangemaakt met de standaardteksten.")
        self.assertContains(response, f"Klachtenjaarverslag {YEAR}")
        report = AnnualReport.objects.get(year=YEAR)
        self.assertEqual(report.sections.count(), len(FIXED_SECTIONS) + len(ANALYSES))
        revisions = ReportRevision.objects.filter(report=report)
        self.assertEqual(revisions.count(), report.sections.count())
        self.assertEqual({revision.actor for revision in revisions}, {self.coordinator})
        # A second POST (a double click) adds nothing.
        before = row_counts()
        self.assertRedirects(self.client.post(CREATE_URL), URL)
        self.assertEqual(row_counts(), before)

    def test_only_the_coordinator_may_create_it(self):
        for user in (self.management, self.manager, self.ops_north, self.department_handler, self.administrator):
            with self.subTest(role=user.role):
                self.client.force_login(user)
                self.assertEqual(self.client.post(CREATE_URL).status_code, 403)
        self.client.logout()
        response = self.client.post(CREATE_URL)
        self.assertRedirects(response, f"/login/?next={CREATE_URL}", fetch_redirect_response=False)
        self.assertFalse(AnnualReport.objects.exists())

    def test_creating_takes_a_post_and_a_year_in_range(self):
        self.client.force_login(self.coordinator)
        self.assertEqual(self.client.get(CREATE_URL).status_code, 405)
        self.assertEqual(self.client.post("/jaarverslag/1999/aanmaken/").status_code, 404)
        self.assertFalse(AnnualReport.objects.exists())


class ReportReadTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # A registered complaint has no reviewed publication text yet, so the report is a concept.
        cls.complaint = register(location=cls.oceaan, category=cls.communication)
        cls.year = cls.complaint.year
        cls.report = annual_report_get_or_create(year=cls.year)
        cls.url = f"/jaarverslag/{cls.year}/"

    def test_reading_an_existing_report_writes_nothing(self):
        before = row_counts()
        for user in (self.coordinator, self.management):
            self.client.force_login(user)
            for path in ("", "download/html/", "download/xlsx/", "download/docx/", "ggd/"):
                with self.subTest(role=user.role, path=path):
                    self.assertEqual(self.client.get(self.url + path).status_code, 200)
        self.client.force_login(self.coordinator)
        for path in ("controle/", "colofon/", "teksten/voorwoord/"):
            with self.subTest(path=path):
                self.assertEqual(self.client.get(self.url + path).status_code, 200)
        self.assertEqual(row_counts(), before)

    def test_a_complaint_without_care_type_counts_as_unknown(self):
        values = {placeholder.key: placeholder.text for placeholder in report_placeholders(report=self.report)}
        self.assertEqual((values["opvangvorm.onbekend"], values["opvangvorm.bso"]), ("1", "0"))

    def test_the_page_builds_the_document_and_its_figures_once(self):
        self.client.force_login(self.coordinator)
        with (
            mock.patch.object(builder, "annual_figures", wraps=builder.annual_figures) as figures,
            CaptureQueriesContext(connection) as queries,
        ):
            response = self.client.get(self.url)
        self.assertContains(response, "De definitieve versie kan nog niet worden gemaakt.")
        self.assertEqual(figures.call_count, 1)
        statements = [query["sql"] for query in queries.captured_queries]
        repeated = {sql for sql in statements if statements.count(sql) > 1}
        self.assertEqual(repeated, set())

    def test_a_ready_report_is_shown_as_final_from_the_same_single_build(self):
        Complaint.objects.filter(pk=self.complaint.pk).update(
            publication_text="Een ouder klaagde over de overdracht.", publication_reviewed=True
        )
        # The default analysis names a category this small taxonomy does not have.
        ReportSection.objects.filter(report=self.report, key="analyse-2").update(body="Minder klachten.")
        self.client.force_login(self.coordinator)
        with mock.patch.object(builder, "annual_figures", wraps=builder.annual_figures) as figures:
            response = self.client.get(self.url)
        self.assertContains(response, "Klaar om te publiceren")
        self.assertContains(response, "?definitief=1")
        self.assertEqual(figures.call_count, 1)


class ReadPathTests(BaseTestCase):
    def test_the_read_path_does_not_import_the_write_services(self):
        """Building and exporting a report cannot write: its modules do not even load annualreport.services."""
        code = (
            "import sys, django; django.setup()\n"
            "import annualreport.builder, annualreport.figures, annualreport.selectors, annualreport.values\n"
            "from annualreport.exporters import _formats; _formats()\n"
            "assert 'annualreport.builder' in sys.modules\n"
            "print('annualreport.services' in sys.modules)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            cwd=settings.BASE_DIR,
            env={"DJANGO_SETTINGS_MODULE": "config.test_settings", "PATH": "/usr/bin:/bin"},
            check=True,
        )
        self.assertEqual(result.stdout.strip(), "False")

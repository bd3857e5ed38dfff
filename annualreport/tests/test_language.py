"""The annual report's screens in the staff user's language, the report itself in Dutch
(issue 18 point 3): it is a Dutch document, on the page and in every download."""

import importlib

from django.conf import settings
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import formats, translation

import annualreport.values
from annualreport.builder import AnnualReportDocument
from annualreport.tests.base import SeedTestCase
from complaints.models import VERDICT_SHORT_LABELS

URL = "/jaarverslag/2025/"


class EnglishReaderTests(SeedTestCase):
    def setUp(self) -> None:
        self.client.force_login(self.coordinator)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        day = AnnualReportDocument(report=self.report).colophon_date
        with translation.override("nl"):
            self.dutch_day = formats.date_format(day, "j F Y")
        with translation.override("en"):
            self.english_day = formats.date_format(day, "j F Y")
        self.assertNotEqual(self.dutch_day, self.english_day)  # what tells the two apart

    def test_the_page_is_english_around_the_dutch_report(self):
        response = self.client.get(URL)
        self.assertContains(response, '<html lang="en"')
        for english in ("Annual complaints report 2025", "Ready to publish", "Edit colophon", "Add analysis"):
            self.assertContains(response, english)
        report = response.content.decode().split('<article class="annual-report" lang="nl">', 1)[1]
        self.assertIn("In totaal zijn er in 2025 513 interne klachten geregistreerd.", report)
        self.assertIn(self.dutch_day, report)
        self.assertNotIn(self.english_day, report)
        self.assertNotIn("Edit colophon", report)  # the report's own edit links stay Dutch

    def test_a_ggd_report_made_by_an_english_reader_is_dutch(self):
        page = self.client.get(reverse("annualreport:ggd", args=[2025]))
        self.assertContains(page, "Reports per location for the GGD, 2025")
        response = self.client.get(reverse("annualreport:ggd_download", args=[2025, "locatie", self.oceaan.pk, "html"]))
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        self.assertIn('<html lang="nl">', content)
        self.assertIn(self.dutch_day, content)
        self.assertNotIn(self.english_day, content)


class VerdictLabelTests(SimpleTestCase):
    def test_the_reports_verdict_labels_are_dutch_in_an_english_request(self):
        with translation.override("en"):
            self.assertEqual(str(VERDICT_SHORT_LABELS["deels"]), "Partly")  # the screens' table, lazily English
            # As if an English request were the first to import the module.
            labels = importlib.reload(annualreport.values).VERDICT_LABELS
        self.assertEqual(labels, {"ja": "Ja", "deels": "Deels", "nee": "Nee", "unknown": "Onbekend"})

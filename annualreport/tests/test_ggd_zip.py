"""All GGD reports at once: a ZIP with one PDF per active register location, named by
LRK number, final once the year's report is final (issue 12 point 5)."""

import io
import zipfile
from datetime import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

from annualreport.models import ReportSection
from annualreport.services import annual_report_get_or_create
from annualreport.tests.base import pdf_text
from complaints.models import Complaint
from config.testing import BaseTestCase, register
from organisation.models import Location

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


class GgdZipTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        common = {"legal_entity": cls.partou, "city": "Utrecht"}
        cls.busy = Location.objects.create(
            name="Partou KDV Drukte", lrk_number="300000001", street="Oudegracht 1", postcode="3511 AA", **common
        )
        cls.quiet = Location.objects.create(
            name="Partou BSO Stilte", lrk_number="300000002", street="Biltstraat 9", postcode="3572 AB", **common
        )
        Location.objects.create(name="Partou BSO Uitgeschreven", lrk_number="300000003", is_active=False, **common)
        register(location=cls.busy, received_at=RECEIVED)
        cls.report = annual_report_get_or_create(year=2026)
        cls.url = reverse("annualreport:ggd_zip", args=[2026])

    def download(self) -> tuple[str, dict[str, bytes]]:
        self.client.force_login(self.coordinator)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/zip")
        content = b"".join(response.streaming_content)
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            self.assertIsNone(archive.testzip())
            return response["Content-Disposition"], {name: archive.read(name) for name in archive.namelist()}

    def test_one_pdf_per_active_register_location_keyed_by_lrk_number(self):
        disposition, files = self.download()
        self.assertIn("ggd-verslagen-2026-concept.zip", disposition)  # a text still to review
        self.assertEqual(
            sorted(files),
            [
                "jaarverslag-klachten-2026-lrk-300000001-partou-kdv-drukte-concept.pdf",
                "jaarverslag-klachten-2026-lrk-300000002-partou-bso-stilte-concept.pdf",
            ],
        )
        self.assertTrue(all(content.startswith(b"%PDF") for content in files.values()))
        quiet = " ".join(
            pdf_text(files["jaarverslag-klachten-2026-lrk-300000002-partou-bso-stilte-concept.pdf"]).split()
        )
        self.assertIn("LRK-nummer 300000002 · Biltstraat 9, 3572 AB Utrecht", quiet)
        self.assertIn("Geen klachten ontvangen in 2026.", quiet)
        busy = " ".join(
            pdf_text(files["jaarverslag-klachten-2026-lrk-300000001-partou-kdv-drukte-concept.pdf"]).split()
        )
        self.assertIn("LRK-nummer 300000001", busy)
        self.assertNotIn("Geen klachten ontvangen", busy)

    def test_final_once_the_year_is_final_and_the_page_offers_it(self):
        Complaint.objects.update(
            publication_text="Een ouder was niet tevreden over de overdracht.", publication_reviewed=True
        )
        # The default analysis of 2025's "Planning en plaatsing" names a category 2026 does not have.
        ReportSection.objects.filter(report=self.report, title="Planning en plaatsing").delete()
        disposition, files = self.download()
        self.assertIn('filename="ggd-verslagen-2026.zip"', disposition)
        self.assertIn("jaarverslag-klachten-2026-lrk-300000002-partou-bso-stilte.pdf", files)
        self.assertNotIn("Concept", pdf_text(files["jaarverslag-klachten-2026-lrk-300000002-partou-bso-stilte.pdf"]))
        page = self.client.get(reverse("annualreport:ggd", args=[2026]))
        self.assertContains(page, "/jaarverslag/2026/ggd/lrk/300000002/pdf/?definitief=1")
        self.assertContains(page, "geen klachten ontvangen")
        self.assertNotContains(page, "Partou BSO Oceaan 16")  # no LRK number: no GGD report of its own

    def test_a_location_manager_cannot_download_it(self):
        self.client.force_login(self.manager)
        self.assertEqual(self.client.get(self.url).status_code, 403)

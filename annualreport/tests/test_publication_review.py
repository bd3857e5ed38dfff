"""Appendix 1 prints the reviewed publication text, never the raw description;
until every text is reviewed the report is a concept and the final version is
refused."""

from datetime import datetime
from zoneinfo import ZoneInfo

from annualreport.builder import HIDDEN_TEXT, UNREVIEWED_MARK, AnnualReportDocument, ReportNotReady
from annualreport.exporters import export
from annualreport.figures import DeadlineFigures
from annualreport.selectors import unreviewed_complaints
from annualreport.tests.base import SeedTestCase
from complaints.models import Complaint, Status
from config.testing import register

AMS = ZoneInfo("Europe/Amsterdam")
RAW = "Mijn dochter Sanne de Vries werd door juf Anja niet opgehaald."


class PublicationReviewTests(SeedTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.registered = register(
            location=cls.margriet, received_at=datetime(2025, 11, 3, 10, 0, tzinfo=AMS), description=RAW, notify=False
        )
        Complaint.objects.filter(reference="K2025-00002").update(publication_reviewed=False)

    def rows(self, **kwargs) -> dict:
        return {row.reference: row for row in AnnualReportDocument(report=self.report, **kwargs).iterate_rows()}

    def test_the_check_lists_the_complaints_whose_text_is_not_reviewed(self):
        self.assertEqual(
            list(unreviewed_complaints(year=2025).values_list("reference", flat=True)),
            ["K2025-00002", self.registered.reference],
        )
        doc = AnnualReportDocument(report=self.report)
        self.assertEqual(doc.unreviewed_count, 2)
        self.assertIn("2 klacht(en) met een publicatietekst die nog niet is gecontroleerd", doc.problems[-1])
        self.assertTrue(doc.is_concept)

    def test_the_final_version_is_refused(self):
        with self.assertRaises(ReportNotReady) as raised:
            AnnualReportDocument(report=self.report, final=True)
        self.assertIn("nog niet is gecontroleerd", raised.exception.problems[-1])

    def test_the_concept_marks_the_unreviewed_texts_and_never_prints_the_raw_description(self):
        rows = self.rows()
        self.assertEqual(len(rows), 514)
        self.assertEqual(rows[self.registered.reference].description, UNREVIEWED_MARK + "(nog geen publicatietekst)")
        self.assertTrue(rows["K2025-00002"].description.startswith(UNREVIEWED_MARK + "Ouder geeft aan"))
        self.assertFalse(rows["K2025-00002"].reviewed)
        for format_name in ("html", "xlsx", "docx"):
            with self.subTest(format=format_name):
                content = export(AnnualReportDocument(report=self.report), format_name).content
                self.assertNotIn(b"Sanne", content)

    def test_readers_who_may_not_see_unreviewed_texts_get_neither_text_nor_solution(self):
        row = self.rows(show_unreviewed_texts=False)["K2025-00002"]
        self.assertEqual((row.description, row.solution), (HIDDEN_TEXT, ""))

    def test_once_every_text_is_reviewed_the_final_version_is_made_without_concept_marks(self):
        Complaint.objects.filter(pk=self.registered.pk).update(
            publication_text="Een ouder meldt dat het kind niet is opgehaald.", publication_reviewed=True
        )
        Complaint.objects.filter(reference="K2025-00002").update(publication_reviewed=True)
        doc = AnnualReportDocument(report=self.report, final=True)
        self.assertTrue(doc.is_final)
        self.assertEqual(doc.filename("pdf"), "klachtenjaarverslag-2025.pdf")
        rows = self.rows()
        self.assertEqual(rows[self.registered.reference].description, "Een ouder meldt dat het kind niet is opgehaald.")
        html = export(doc, "html").content.decode()
        self.assertNotIn("Concept", html)
        self.assertNotIn(RAW, html)


class DeadlineComplianceTests(SeedTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for received, closed in (
            (datetime(2025, 11, 3, 10), datetime(2025, 11, 20, 16)),
            (datetime(2025, 10, 1, 9), datetime(2025, 12, 1, 9)),
        ):
            complaint = register(location=cls.margriet, received_at=received.replace(tzinfo=AMS), notify=False)
            Complaint.objects.filter(pk=complaint.pk).update(
                status=Status.CLOSED, closed_at=closed.replace(tzinfo=AMS), verdict="ja"
            )

    def test_the_share_closed_within_six_weeks_counts_only_complaints_with_dates(self):
        doc = AnnualReportDocument(report=self.report)
        self.assertEqual(doc.figures.deadline, DeadlineFigures(closed_with_dates=2, within=1, without_dates=513))
        values = {placeholder.key: placeholder.text for placeholder in doc.placeholders}
        self.assertEqual((values["termijn.binnen"], values["termijn.percentage"]), ("1", "50,0%"))
        note = next(
            part for part in doc.entries[5].parts if getattr(part, "label", "") == "Afgehandeld binnen zes weken"
        )
        self.assertEqual(
            note.text,
            "1 van 2 afgesloten klachten (50,0%). Van 513 klachten zijn geen datums bekend; die tellen niet mee.",
        )

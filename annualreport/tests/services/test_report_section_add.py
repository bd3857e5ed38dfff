from annualreport.models import ReportRevision, ReportSection, SectionKind
from annualreport.services import (
    AnnualReportError,
    annual_report_get_or_create,
    report_section_add,
    report_section_delete,
)
from config.testing import BaseTestCase


class ReportSectionAddDeleteTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.report = annual_report_get_or_create(year=2026)

    def test_an_analysis_is_added_after_the_others_with_a_fresh_key(self):
        section = report_section_add(report=self.report, title="Voeding", actor=self.coordinator)
        self.assertEqual((section.key, section.kind, section.body), ("analyse-4", SectionKind.ANALYSIS, ""))
        last = self.report.sections.filter(kind=SectionKind.ANALYSIS).order_by("position").last()
        self.assertEqual(last, section)

    def test_a_removed_analysis_keeps_its_history_and_its_key_is_not_reused(self):
        section = ReportSection.objects.get(report=self.report, key="analyse-3")
        report_section_delete(section=section, actor=self.coordinator)
        self.assertFalse(ReportSection.objects.filter(report=self.report, key="analyse-3").exists())
        deleted = ReportRevision.objects.get(kind="section.deleted")
        self.assertEqual((deleted.section_key, deleted.title), ("analyse-3", "Debiteuren en facturatie"))
        self.assertEqual(report_section_add(report=self.report, title="Nieuw", actor=None).key, "analyse-4")

    def test_a_fixed_section_cannot_be_removed(self):
        with self.assertRaises(AnnualReportError):
            report_section_delete(section=ReportSection.objects.get(report=self.report, key="voorwoord"), actor=None)

    def test_an_analysis_needs_a_title(self):
        with self.assertRaises(AnnualReportError):
            report_section_add(report=self.report, title=" ", actor=None)

from datetime import date

from annualreport.models import ReportRevision
from annualreport.services import AnnualReportError, annual_report_get_or_create, annual_report_update
from config.testing import BaseTestCase


class AnnualReportUpdateTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.report = annual_report_get_or_create(year=2025)

    def values(self, **changes) -> dict:
        values = {
            "title": self.report.title,
            "organisation": self.report.organisation,
            "version": self.report.version,
            "author": self.report.author,
            "report_date": self.report.report_date,
        }
        return {**values, **changes}

    def test_it_changes_the_colophon_and_records_old_and_new(self):
        report = annual_report_update(
            report=self.report, actor=self.coordinator, **self.values(version="1.1", report_date=date(2026, 5, 31))
        )
        self.assertEqual((report.version, report.report_date), ("1.1", date(2026, 5, 31)))
        revision = ReportRevision.objects.get(kind="colophon.updated")
        self.assertEqual(revision.data, {"changes": {"version": ["1.0", "1.1"], "report_date": [None, "2026-05-31"]}})
        self.assertEqual(revision.actor, self.coordinator)

    def test_nothing_changed_writes_nothing(self):
        annual_report_update(report=self.report, actor=None, **self.values())
        self.assertFalse(ReportRevision.objects.filter(kind="colophon.updated").exists())

    def test_required_fields(self):
        with self.assertRaises(AnnualReportError):
            annual_report_update(report=self.report, actor=None, **self.values(author=" "))

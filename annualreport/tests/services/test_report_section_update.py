from annualreport.models import AnnualReport, ReportRevision, ReportSection
from annualreport.services import AnnualReportError, annual_report_get_or_create, report_section_update
from config.testing import BaseTestCase


class ReportSectionUpdateTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.report = annual_report_get_or_create(year=2026)

    def section(self, key: str) -> ReportSection:
        return ReportSection.objects.get(report=self.report, key=key)

    def test_it_saves_the_text_and_writes_a_revision(self):
        section = report_section_update(
            section=self.section("nawoord"),
            title="Tot slot",
            body="In {{ jaar }} kwamen {{ totaal }} klachten binnen.",
            actor=self.coordinator,
        )
        self.assertEqual(
            (section.title, section.body), ("Tot slot", "In {{ jaar }} kwamen {{ totaal }} klachten binnen.")
        )
        revision = ReportRevision.objects.filter(section=section).first()
        self.assertEqual(revision.kind, "section.updated")
        self.assertEqual(revision.actor, self.coordinator)
        self.assertEqual((revision.title, revision.body), (section.title, section.body))
        self.assertEqual(revision.data, {"changed": ["title", "body"]})

    def test_it_refuses_an_unknown_placeholder_and_keeps_the_old_text(self):
        before = self.section("nawoord").body
        with self.assertRaises(AnnualReportError) as raised:
            report_section_update(
                section=self.section("nawoord"), title="Nawoord", body="Er waren {{ totale }} klachten.", actor=None
            )
        self.assertEqual(len(raised.exception.problems), 1)
        self.assertIn("Onbekende plaatshouder {{ totale }}", raised.exception.problems[0])
        self.assertEqual(self.section("nawoord").body, before)
        self.assertFalse(ReportRevision.objects.filter(kind="section.updated").exists())

    def test_placeholders_in_the_title_are_checked_too(self):
        with self.assertRaises(AnnualReportError) as raised:
            report_section_update(section=self.section("intern"), title="Intern {{ jaartal }}", body="", actor=None)
        self.assertIn("(titel, regel 1)", raised.exception.problems[0])

    def test_the_table_marker_is_allowed_only_in_a_section_with_a_table(self):
        report_section_update(section=self.section("intern"), title="Intern", body="A\n\n{{ tabel }}", actor=None)
        with self.assertRaises(AnnualReportError):
            report_section_update(section=self.section("nawoord"), title="Nawoord", body="{{ tabel }}", actor=None)

    def test_saving_the_same_text_writes_no_revision(self):
        section = self.section("voorwoord")
        count = ReportRevision.objects.count()
        report_section_update(section=section, title=section.title, body=section.body, actor=self.coordinator)
        self.assertEqual(ReportRevision.objects.count(), count)

    def test_a_title_is_required(self):
        with self.assertRaises(AnnualReportError):
            report_section_update(section=self.section("voorwoord"), title="  ", body="x", actor=None)
        self.assertEqual(AnnualReport.objects.count(), 1)

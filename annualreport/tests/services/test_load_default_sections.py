from annualreport.defaults import ANALYSES, FIXED_SECTIONS
from annualreport.models import AnnualReport, ReportRevision, SectionKind
from annualreport.services import (
    annual_report_get_or_create,
    load_default_sections,
    report_section_add,
    report_section_update,
)
from config.testing import BaseTestCase


class LoadDefaultSectionsTests(BaseTestCase):
    def test_a_new_year_gets_the_seed_texts_once(self):
        report = annual_report_get_or_create(year=2025)
        keys = list(report.sections.filter(kind=SectionKind.FIXED).values_list("key", flat=True))
        self.assertEqual(sorted(keys), sorted(key for key, _title, _body in FIXED_SECTIONS))
        self.assertEqual(
            list(report.sections.filter(kind=SectionKind.ANALYSIS).values_list("title", flat=True)),
            [title for title, _body in ANALYSES],
        )
        self.assertEqual(ReportRevision.objects.filter(kind="section.created").count(), report.sections.count())
        self.assertEqual(ReportRevision.objects.first().actor_label, "standaardtekst")
        self.assertEqual(load_default_sections(report=report), 0)
        self.assertEqual(annual_report_get_or_create(year=2025), report)
        self.assertEqual(AnnualReport.objects.count(), 1)

    def test_the_next_year_starts_from_a_copy_of_this_years_texts(self):
        report = annual_report_get_or_create(year=2025)
        voorwoord = report.sections.get(key="voorwoord")
        report_section_update(section=voorwoord, title="Voorwoord", body="Eigen tekst {{ jaar }}.", actor=None)
        report_section_add(report=report, title="Voeding", actor=None)
        next_year = annual_report_get_or_create(year=2026, actor=self.coordinator)
        self.assertEqual(next_year.sections.get(key="voorwoord").body, "Eigen tekst {{ jaar }}.")
        self.assertEqual(
            list(next_year.sections.filter(kind=SectionKind.ANALYSIS).values_list("title", flat=True)),
            [*[title for title, _body in ANALYSES], "Voeding"],
        )
        created = ReportRevision.objects.filter(report=next_year).first()
        self.assertEqual((created.actor, created.actor_label), (self.coordinator, "kopie van 2025"))

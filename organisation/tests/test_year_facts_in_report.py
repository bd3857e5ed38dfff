"""The size of the organisation (yearly facts) is what the annual report prints in its foreword."""

from django.test import TestCase

from annualreport import prose
from annualreport.builder import AnnualReportDocument, ProsePart
from annualreport.services import annual_report_get_or_create
from organisation.models import YearFacts


def foreword(year: int) -> str:
    document = AnnualReportDocument(report=annual_report_get_or_create(year=year))
    entry = next(entry for entry in document.entries if entry.key == "voorwoord")
    return "\n".join(prose.plain_text(part.blocks) for part in entry.parts if isinstance(part, ProsePart))


class YearFactsInReportTests(TestCase):
    def test_the_foreword_prints_locations_and_employees_from_the_year_facts(self) -> None:
        YearFacts.objects.create(year=2026, locations_count=812, employees_count=12500)
        self.assertIn("heeft circa 812 locaties en meer dan 12.500 medewerkers.", foreword(2026))

    def test_an_edit_in_the_facts_shows_in_the_report(self) -> None:
        facts = YearFacts.objects.create(year=2026, locations_count=812, employees_count=12500)
        facts.locations_count = 790
        facts.save()
        self.assertIn("heeft circa 790 locaties", foreword(2026))

    def test_unknown_facts_print_as_not_available_not_as_a_made_up_number(self) -> None:
        self.assertIn("heeft circa n.b. locaties en meer dan n.b. medewerkers.", foreword(2026))

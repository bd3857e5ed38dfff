"""The figures of 2025 after importing the seed, as the published report has them."""

import io
import json
from decimal import Decimal

from django.core.management import call_command

from annualreport.figures import DeadlineFigures, DisputeFigures, Scope, VerdictCounts, annual_figures, figures_for_year
from annualreport.tests.base import SEED, SeedTestCase
from annualreport.values import report_placeholders
from imports.tests.test_import_annual_report import independent_figures
from organisation.models import LegalEntity


class SeedFiguresTests(SeedTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.figures = annual_figures(year=2025)

    def test_it_counts_513_complaints_against_72684_children(self):
        self.assertEqual(self.figures.total, 513)
        self.assertEqual(self.figures.children, 72684)
        self.assertEqual(self.figures.rate, Decimal("0.71"))

    def test_the_distributions_are_those_of_appendix_1(self):
        expected = independent_figures(SEED)
        self.assertEqual(self.figures.counts.by_category, expected["by_category"])
        self.assertEqual(self.figures.counts.uncategorised, 0)
        self.assertEqual(self.figures.counts.by_label, expected["by_label"])
        self.assertEqual(self.figures.counts.by_verdict, VerdictCounts(**expected["by_verdict"]))
        self.assertEqual(sum(self.figures.by_care_type.values()), 513)

    def test_the_previous_year_is_known_only_from_its_published_figures(self):
        comparison = self.figures.comparison
        self.assertEqual(comparison.previous_source, "published")
        self.assertEqual(comparison.previous_total, 538)
        self.assertEqual(self.figures.previous_rate, Decimal("0.74"))
        self.assertIsNone(self.figures.previous_children)
        self.assertEqual(self.figures.previous_disputes_total, 5)
        known = [row for row in comparison.rows if row.previous is not None]
        self.assertEqual(
            [(row.label, row.previous, row.current, row.change) for row in known],
            [("Planning en plaatsing", 81, 38, -43)],
        )
        self.assertEqual(len(comparison.rows), 24)
        self.assertFalse(comparison.complete)
        self.assertEqual(comparison.rises(), [])
        self.assertEqual([row.label for row in comparison.falls()], ["Planning en plaatsing"])

    def test_deadline_compliance_is_not_available_for_complaints_without_dates(self):
        self.assertEqual(self.figures.deadline, DeadlineFigures(closed_with_dates=0, within=0, without_dates=513))

    def test_the_six_disputes_per_legal_entity(self):
        disputes = {entity.name: cases for entity, cases in self.figures.disputes}
        self.assertEqual(
            {name: len(cases) for name, cases in disputes.items()}, {"Partou B.V.": 4, "Smallsteps B.V.": 2}
        )
        upheld = [case for cases in disputes.values() for case in cases if case.outcome == "upheld"]
        self.assertEqual([(case.case_number, case.amount_awarded) for case in upheld], [("1209858", Decimal("25.00"))])
        self.assertEqual(
            self.figures.counts.disputes,
            DisputeFigures(total=6, by_label={"Partou B.V.": 4, "Smallsteps B.V.": 2}, upheld=1),
        )

    def test_the_placeholders_carry_the_published_figures(self):
        values = {placeholder.key: placeholder.text for placeholder in report_placeholders(report=self.report)}
        expected = {
            "totaal": "513",
            "kinderen": "72.684",
            "organisatie.locaties": "753",
            "organisatie.medewerkers": "11.000",
            "percentage": "0,71%",
            "vorig_jaar.totaal": "538",
            "vorig_jaar.percentage": "0,74%",
            "vorig_jaar.kinderen": "n.b.",
            "ontwikkeling": "afgenomen",
            "verschil": "25",
            "categorie.Planning en plaatsing": "38",
            "vorig_jaar.categorie.Planning en plaatsing": "81",
            "vorig_jaar.categorie.Personele bezetting": "n.b.",
            "geschillen.totaal": "6",
            "geschillen.gegrond": "1",
            "geschillen.label.Partou B.V.": "4",
            "geschillen.label.Smallsteps B.V.": "2",
            "vorig_jaar.geschillen.totaal": "5",
            "termijn.percentage": "n.b.",
            "grootste_stijgingen": "n.b.",
            "grootste_dalingen": "Planning en plaatsing (81 → 38, −43)",
            "bijlagen.geschillen": "bijlagen 2 en 3",
        }
        self.assertEqual({key: values[key] for key in expected}, expected)


class ScopedFiguresTests(SeedTestCase):
    def test_the_report_figures_command_prints_the_figures_of_the_year(self):
        out = io.StringIO()
        call_command("report_figures", year=2025, stdout=out)
        printed = json.loads(out.getvalue())
        self.assertEqual(printed, figures_for_year(year=2025).as_dict())
        self.assertEqual(printed["total"], 513)
        self.assertEqual(printed["by_verdict"], independent_figures(SEED)["by_verdict"])
        self.assertEqual(
            printed["disputes"], {"total": 6, "by_label": {"Partou B.V.": 4, "Smallsteps B.V.": 2}, "upheld": 1}
        )

    def test_the_figures_cannot_be_changed_by_a_caller(self):
        figures = figures_for_year(year=2025)
        with self.assertRaises(AttributeError):
            figures.total = 0  # type: ignore[misc]

    def test_per_legal_entity(self):
        partou = LegalEntity.objects.get(name="Partou B.V.")
        figures = annual_figures(year=2025, scope=Scope(legal_entity=partou))
        self.assertEqual(figures.total, 198)
        self.assertEqual(figures.counts.disputes.total, 4)
        self.assertEqual(set(figures.counts.by_label), {"Partou B.V."})
        # Children served and published figures exist for the whole organisation only.
        self.assertIsNone(figures.rate)
        self.assertIsNone(figures.comparison.previous_total)
        self.assertEqual({row.previous for row in figures.comparison.rows}, {None})

    def test_per_location(self):
        figures = annual_figures(year=2025, scope=Scope(location=self.oceaan))
        self.assertEqual(figures.total, 3)
        self.assertEqual(sum(figures.counts.by_category.values()) + figures.counts.uncategorised, 3)
        self.assertEqual(figures.counts.disputes.total, 0)

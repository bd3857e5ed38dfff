"""The comparison with the previous year through the taxonomy mapping, on a
small hand-built pair of years: merged categories are compared as one
group, a category without a mapping matches by name, and what is not known
stays unknown."""

from itertools import count

from annualreport.figures import category_comparison
from complaints.models import Category, Channel, Complaint, Status, TaxonomyVersion
from config.testing import BaseTestCase
from organisation.models import PublishedCategoryTotal, YearFacts

PREVIOUS, YEAR = 2030, 2031
_sequence = count(1)


def imported(year: int, category: Category, n: int, **extra) -> None:
    for _ in range(n):
        sequence = next(_sequence)
        Complaint.objects.create(
            reference=f"T{year}-{sequence:05d}",
            year=year,
            sequence=sequence,
            appendix_position=sequence,
            channel=Channel.IMPORT,
            status=Status.CLOSED,
            category=category,
            description="Omschrijving.",
            **extra,
        )


def rows_by_label(comparison) -> dict[str, tuple]:
    return {row.label: (row.previous, row.current, row.change) for row in comparison.rows}


class ComparisonTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        old = TaxonomyVersion.objects.create(year=PREVIOUS, name="Oud")
        new = TaxonomyVersion.objects.create(year=YEAR, name="Nieuw", previous=old)
        cls.old = {
            name: Category.objects.create(version=old, name=name)
            for name in ("Personeel en sluiting", "Planning", "Facturatie", "Voeding", "Oud onderwerp")
        }
        cls.new = {
            name: Category.objects.create(version=new, name=name, position=i)
            for i, name in enumerate(
                ("Personele bezetting", "Sluiting groep", "Planning en plaatsing", "Facturen", "Voeding", "Nieuw")
            )
        }
        cls.new["Personele bezetting"].maps_to.add(cls.old["Personeel en sluiting"])
        cls.new["Sluiting groep"].maps_to.add(cls.old["Personeel en sluiting"])
        cls.new["Planning en plaatsing"].maps_to.add(cls.old["Planning"])
        cls.new["Facturen"].maps_to.add(cls.old["Facturatie"])
        for name, n in (
            ("Personele bezetting", 4),
            ("Sluiting groep", 3),
            ("Planning en plaatsing", 3),
            ("Facturen", 6),
            ("Voeding", 2),
            ("Nieuw", 1),
        ):
            imported(YEAR, cls.new[name], n, legal_entity=cls.partou, location=cls.oceaan)


class RegisteredPreviousYearTests(ComparisonTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for name, n in (
            ("Personeel en sluiting", 5),
            ("Planning", 10),
            ("Facturatie", 4),
            ("Voeding", 2),
            ("Oud onderwerp", 2),
        ):
            imported(PREVIOUS, cls.old[name], n, legal_entity=cls.partou, location=cls.oceaan)

    def test_it_compares_through_the_mapping_and_groups_merged_categories(self):
        comparison = category_comparison(year=YEAR)
        self.assertEqual(comparison.previous_source, "registered")
        self.assertEqual((comparison.previous_total, comparison.total), (23, 19))
        self.assertEqual(
            rows_by_label(comparison),
            {
                "Personele bezetting + Sluiting groep": (5, 7, 2),
                "Facturen": (4, 6, 2),
                "Planning en plaatsing": (10, 3, -7),
                "Voeding": (2, 2, 0),  # no mapping: matched by name
                "Nieuw": (None, 1, None),  # no mapping, no namesake: not known
                "Oud onderwerp": (2, None, None),  # no successor
            },
        )

    def test_it_picks_out_the_largest_rises_and_falls_among_known_changes(self):
        comparison = category_comparison(year=YEAR)
        self.assertEqual(
            [row.label for row in comparison.rises()], ["Facturen", "Personele bezetting + Sluiting groep"]
        )
        self.assertEqual([row.label for row in comparison.falls()], ["Planning en plaatsing"])
        self.assertFalse(comparison.complete)

    def test_per_location_it_counts_that_location_only(self):
        comparison = category_comparison(year=YEAR, location_id=self.rakkertjes.pk)
        self.assertEqual((comparison.previous_total, comparison.total, comparison.rows), (None, 0, []))


class PublishedPreviousYearTests(ComparisonTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        facts = YearFacts.objects.create(year=PREVIOUS, published_total_complaints=40)
        PublishedCategoryTotal.objects.create(year_facts=facts, category_name="Personeel en sluiting", total=12)
        PublishedCategoryTotal.objects.create(year_facts=facts, category_name="planning", total=15)

    def test_it_shows_what_was_published_and_never_invents_the_rest(self):
        comparison = category_comparison(year=YEAR)
        self.assertEqual(comparison.previous_source, "published")
        self.assertEqual(comparison.previous_total, 40)
        self.assertEqual(
            rows_by_label(comparison),
            {
                "Personele bezetting + Sluiting groep": (12, 7, -5),
                "Planning en plaatsing": (15, 3, -12),
                "Facturen": (None, 6, None),
                "Voeding": (None, 2, None),
                "Nieuw": (None, 1, None),
            },
        )

    def test_published_figures_are_organisation_wide_so_a_location_gets_none(self):
        comparison = category_comparison(year=YEAR, location_id=self.oceaan.pk)
        self.assertEqual(comparison.previous_source, "")
        self.assertEqual({row.previous for row in comparison.rows}, {None})

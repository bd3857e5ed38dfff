from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.test import TestCase
from django.urls import reverse

from accounts.models import Role
from accounts.testing import VerifiedClient
from config.testing import make_location, make_user
from organisation.models import (
    CareType,
    Department,
    LegalEntity,
    Location,
    PublishedCategoryTotal,
    Region,
    YearFacts,
    match_key,
)


class MatchKeyTests(TestCase):
    def test_spellings_that_differ_in_case_spaces_and_hyphens_share_a_key(self) -> None:
        self.assertEqual(match_key("Ka-naalweg 176"), match_key("kanaalweg176"))
        self.assertEqual(match_key("KDV  De Rakkertjes_"), "kdvderakkertjes")

    def test_letters_with_accents_stay_letters(self) -> None:
        # Composed and decomposed forms are one key; the accent is not dropped.
        self.assertEqual(match_key("Cafe\u0301"), match_key("Café"))
        self.assertNotEqual(match_key("Café"), match_key("Cafe"))


class LocationTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.partou = LegalEntity.objects.create(name="Partou B.V.")

    def test_two_spellings_of_one_place_are_one_location(self) -> None:
        make_location("Kanaalweg 176", entity=self.partou)
        with self.assertRaises(IntegrityError), transaction.atomic():
            make_location("Ka-naalweg 176", entity=self.partou)

    def test_its_key_follows_a_new_name(self) -> None:
        location = make_location("Oud", entity=self.partou)
        location.name = "Nieuwe Naam"
        location.save()
        self.assertEqual(Location.objects.get(pk=location.pk).match_key, "nieuwenaam")

    def test_it_lists_the_care_types_it_offers(self) -> None:
        location = Location(name="X", legal_entity=self.partou, offers_dagopvang=True, offers_bso=True)
        self.assertEqual(location.care_types, [CareType.DAGOPVANG, CareType.BSO])
        self.assertEqual(Location(name="Y", legal_entity=self.partou).care_types, [])

    def test_a_legal_entity_with_locations_cannot_be_deleted(self) -> None:
        make_location("Oceaan", entity=self.partou)
        with self.assertRaises(ProtectedError):
            self.partou.delete()

    def test_a_legal_entity_is_unique_by_its_key(self) -> None:
        self.assertEqual(self.partou.match_key, "partoubv")
        with self.assertRaises(IntegrityError), transaction.atomic():
            LegalEntity.objects.create(name="PARTOU B.V")

    def test_lists_are_in_name_order(self) -> None:
        for name in ("Zon", "Aap", "Maan"):
            make_location(name, entity=self.partou)
            Region.objects.create(name=f"Regio {name}")
            Department.objects.create(name=f"Afdeling {name}")
        self.assertEqual([loc.name for loc in Location.objects.all()], ["Aap", "Maan", "Zon"])
        self.assertEqual(list(Region.objects.values_list("name", flat=True)), ["Regio Aap", "Regio Maan", "Regio Zon"])
        self.assertEqual(Department.objects.first().name, "Afdeling Aap")


class YearFactsTests(TestCase):
    def test_it_keeps_the_published_figures_of_a_year(self) -> None:
        facts = YearFacts.objects.create(
            year=2025, children_served=72684, published_total_complaints=513, published_complaint_rate=Decimal("0.71")
        )
        facts.refresh_from_db()
        self.assertEqual(facts.published_complaint_rate, Decimal("0.71"))
        # The published rate is the complaints per hundred children served, rounded to two decimals.
        rate = Decimal(facts.published_total_complaints * 100) / facts.children_served
        self.assertEqual(rate.quantize(Decimal("0.01")), facts.published_complaint_rate)
        self.assertEqual(str(facts), "2025")

    def test_newest_year_first(self) -> None:
        for year in (2023, 2025, 2024):
            YearFacts.objects.create(year=year)
        self.assertEqual(list(YearFacts.objects.values_list("year", flat=True)), [2025, 2024, 2023])

    def test_a_year_has_one_row(self) -> None:
        YearFacts.objects.create(year=2025)
        with self.assertRaises(IntegrityError), transaction.atomic():
            YearFacts.objects.create(year=2025)

    def test_a_negative_rate_or_a_year_out_of_range_is_refused(self) -> None:
        for values in ({"year": 2025, "published_complaint_rate": Decimal("-0.10")}, {"year": 1999}, {"year": 2101}):
            with self.subTest(values=values):
                with self.assertRaises(ValidationError):
                    YearFacts(**values).validate_constraints()
                with self.assertRaises(IntegrityError), transaction.atomic():
                    YearFacts.objects.create(**values)

    def test_a_category_total_is_published_once_per_year(self) -> None:
        facts = YearFacts.objects.create(year=2024)
        total = PublishedCategoryTotal.objects.create(year_facts=facts, category_name="Planning en plaatsing", total=81)
        self.assertEqual(str(total), "2024 Planning en plaatsing: 81")
        with self.assertRaises(IntegrityError), transaction.atomic():
            PublishedCategoryTotal.objects.create(year_facts=facts, category_name="Planning en plaatsing", total=3)
        facts.delete()
        self.assertFalse(PublishedCategoryTotal.objects.exists())


class OrganisationAdminTests(TestCase):
    client_class = VerifiedClient  # the administrator passes the second factor

    def test_the_administrator_maintains_the_reference_data(self) -> None:
        admin = make_user("beheerder", Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
        facts = YearFacts.objects.create(year=2025, children_served=72684)
        PublishedCategoryTotal.objects.create(year_facts=facts, category_name="Voeding", total=15)
        make_location("Oceaan", entity=LegalEntity.objects.create(name="Partou B.V."))
        self.client.force_login(admin)
        for model in ("legalentity", "region", "location", "department", "yearfacts"):
            with self.subTest(model=model):
                self.assertEqual(self.client.get(reverse(f"admin:organisation_{model}_changelist")).status_code, 200)
        change = self.client.get(reverse("admin:organisation_yearfacts_change", args=[facts.pk]))
        self.assertContains(change, "72684")
        self.assertContains(change, 'value="Voeding"')

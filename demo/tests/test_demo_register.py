"""The demo's location register: generated in the register's format, loaded by setup_demo on top of
the imported 2025 report, without changing anything of that report."""

import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import SimpleTestCase

from accounts.models import User
from annualreport.figures import annual_figures, figures_for_year
from annualreport.tests.base import SeedTestCase
from complaints.models import Complaint
from demo.register import DEMO_KVK, ORGANISATION_FILE, REGIONS, REGISTER_FILE, build_demo_register
from demo.services import demo_register_load, demo_setup
from organisation.lrk import register_import
from organisation.models import LegalEntity, Location, YearFacts


def report_rows() -> list[tuple]:
    """What appendix 1 of 2025 prints, complaint by complaint."""
    return list(
        Complaint.objects.filter(year=2025, is_demo=False)
        .order_by("sequence")
        .values_list("reference", "location__name", "legal_entity__name", "category__name", "verdict", "description")
    )


class DemoRegisterTests(SeedTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.figures_before = figures_for_year(year=2025).as_dict()
        cls.annual_before = annual_figures(year=2025)
        cls.rows_before = report_rows()
        cls.historical_before = set(Location.objects.values_list("pk", "name", "match_key"))
        cls.users = demo_setup(complaints=6)

    def register(self):
        return Location.objects.filter(lrk_number__isnull=False)

    def test_about_750_locations_of_the_two_legal_entities_are_loaded_as_demo_data(self) -> None:
        active = self.register().filter(is_active=True)
        self.assertEqual(active.count(), 750)
        self.assertFalse(self.register().filter(is_demo=False).exists())
        self.assertEqual(set(active.values_list("legal_entity__name", flat=True)), {"Partou B.V.", "Smallsteps B.V."})
        # Ended registrations are there, inactive; agencies and other holders are not.
        self.assertEqual(self.register().filter(is_active=False, registration_status="Uitgeschreven").count(), 12)
        self.assertFalse(self.register().filter(name__contains="Gastouderbureau").exists())
        self.assertEqual(self.register().count(), 762)
        self.assertEqual(
            dict(LegalEntity.objects.filter(name__in=DEMO_KVK).values_list("name", "kvk_number")), DEMO_KVK
        )

    def test_every_location_has_a_real_town_a_postcode_and_one_of_twelve_regions(self) -> None:
        self.assertFalse(self.register().filter(city="").exists())
        self.assertFalse(self.register().exclude(postcode__regex=r"^[1-9][0-9]{3} [A-Z]{2}$").exists())
        regions = set(self.register().filter(is_active=True).values_list("region__name", flat=True))
        self.assertEqual(regions, {f"Regio {name}" for name in REGIONS})
        self.assertEqual(len(REGIONS), 12)
        self.assertGreater(len(set(self.register().values_list("city", flat=True))), 60)
        self.assertFalse(Location.objects.filter(region__isnull=True).exists())

    def test_the_register_spells_many_names_of_the_report_its_own_way(self) -> None:
        names = set(self.register().values_list("name", flat=True))
        self.assertIn("Smallsteps BSO Mozaïek", names)
        self.assertIn("Partou BSO Koningskinderen Het Tinnen Soldaatje", names)
        report_names = set(Location.objects.filter(lrk_number__isnull=True).values_list("name", flat=True))
        self.assertIn("BSO Mozaiek", report_names)
        self.assertGreater(len(names & report_names), 100)  # the same name: a match for a person to confirm

    def test_the_demo_location_manager_has_their_places_and_their_register_locations(self) -> None:
        manager = User.objects.get(username="locatiemanager")
        locations = list(manager.locations.all())
        self.assertEqual(len(locations), 4)
        self.assertEqual(sum(1 for location in locations if location.lrk_number), 2)
        self.assertTrue(Complaint.objects.filter(location__in=locations).exists())
        described = next(user for user in self.users if user.username == "locatiemanager").scope
        self.assertIn("Partou KDV Otje", described)

    def test_the_2025_report_is_unchanged(self) -> None:
        self.assertEqual(figures_for_year(year=2025).as_dict(), self.figures_before)
        after = annual_figures(year=2025)
        self.assertEqual(after.counts, self.annual_before.counts)
        self.assertEqual(after.by_care_type, self.annual_before.by_care_type)
        self.assertEqual(report_rows(), self.rows_before)
        # The report's own locations keep their names and keys.
        self.assertLessEqual(self.historical_before, set(Location.objects.values_list("pk", "name", "match_key")))
        facts = YearFacts.objects.get(year=2025)
        self.assertEqual((facts.locations_count, facts.employees_count), (753, 11000))

    def test_loading_it_again_changes_nothing(self) -> None:
        before = set(Location.objects.values_list("pk", "name", "is_active", "region_id"))
        self.assertTrue(demo_register_load())
        self.assertEqual(set(Location.objects.values_list("pk", "name", "is_active", "region_id")), before)
        result = register_import(path=REGISTER_FILE, is_demo=True)
        self.assertFalse(result.changed_anything)
        self.assertEqual(result.skipped["other holder"], 40)

    def test_the_committed_files_are_what_the_generator_writes(self) -> None:
        demo = build_demo_register()
        self.assertEqual(demo.register_csv, REGISTER_FILE.read_bytes().decode("utf-8"))
        self.assertEqual(demo.organisation_csv, ORGANISATION_FILE.read_bytes().decode("utf-8"))
        self.assertEqual(demo.locations, 750)

    def test_a_database_with_its_own_kvk_numbers_is_left_alone(self) -> None:
        LegalEntity.objects.filter(name="Partou B.V.").update(kvk_number="12345678")
        self.assertFalse(demo_register_load())


class GeneratorTests(SimpleTestCase):
    def test_it_writes_both_files_into_a_directory(self) -> None:
        with tempfile.TemporaryDirectory() as directory:
            out = StringIO()
            call_command("generate_demo_register", "--directory", directory, stdout=out)
            self.assertIn("750 registered locations", out.getvalue())
            self.assertEqual(
                sorted(path.name for path in Path(directory).iterdir()), ["lrk-demo.csv", "organisatie-demo.csv"]
            )

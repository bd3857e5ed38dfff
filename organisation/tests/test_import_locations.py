import tempfile
from datetime import date
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase

from config.testing import make_location
from organisation.lrk import DataFileError, normalise_postcode, register_import
from organisation.models import LegalEntity, Location
from organisation.tests.lrkfiles import OTHER_KVK, PARTOU_KVK, SMALLSTEPS_KVK, lrk_row, write_register


class RegisterFileTestCase(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.partou = LegalEntity.objects.create(name="Partou B.V.", kvk_number=PARTOU_KVK)
        cls.smallsteps = LegalEntity.objects.create(name="Smallsteps B.V.", kvk_number=SMALLSTEPS_KVK)

    def setUp(self) -> None:
        self.tmp = Path(self.enterContext(tempfile.TemporaryDirectory()))

    def register(self, rows, name: str = "lrk.csv", **kwargs) -> Path:
        return write_register(self.tmp / name, rows, **kwargs)

    def run_command(self, path: Path, *args: str) -> tuple[str, str]:
        out, err = StringIO(), StringIO()
        call_command("import_locations", str(path), *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()


class ImportLocationsTests(RegisterFileTestCase):
    def test_it_creates_the_locations_of_the_organisation_with_their_register_data(self) -> None:
        path = self.register(
            [
                lrk_row("111111111", "Partou KDV De Mozaïek", opvanglocatie_postcode="1012ab"),
                lrk_row(
                    "222222222",
                    "Smallsteps BSO Het Baken",
                    kvk=SMALLSTEPS_KVK,
                    type_oko="BSO",
                    opvanglocatie_adres="Dorpsstraat 12a",
                    opvanglocatie_postcode="3511 AB",
                    opvanglocatie_woonplaats="Utrecht",
                    aantal_kindplaatsen="60",
                    inschrijfdatum="01-09-2015",
                ),
                lrk_row("333333333", "Partou PSZ Peuterpret", type_oko="PSZ"),
                lrk_row("444444444", "Gastouderopvang Jansen", type_oko="VGO", opvanglocatie_adres=""),
            ]
        )
        out, err = self.run_command(path)
        self.assertIn("created 4", out)
        self.assertIn("locations 4/4", err)

        mozaiek = Location.objects.get(lrk_number="111111111")
        self.assertEqual(mozaiek.name, "Partou KDV De Mozaïek")
        self.assertEqual(mozaiek.legal_entity, self.partou)
        self.assertEqual(mozaiek.postcode, "1012 AB")
        self.assertEqual((mozaiek.street, mozaiek.city, mozaiek.places), ("Kerkstraat 1", "Amsterdam", 48))
        self.assertEqual(mozaiek.registration_status, "Ingeschreven")
        self.assertEqual(mozaiek.registered_on, date(2012, 3, 1))
        self.assertTrue(mozaiek.is_active)
        self.assertFalse(mozaiek.is_demo)
        self.assertEqual(mozaiek.care_types, ["dagopvang"])

        baken = Location.objects.get(lrk_number="222222222")
        self.assertEqual(baken.legal_entity, self.smallsteps)
        self.assertEqual((baken.city, baken.postcode, baken.places), ("Utrecht", "3511 AB", 60))
        self.assertEqual(baken.registered_on, date(2015, 9, 1))
        self.assertEqual(baken.care_types, ["bso"])
        self.assertEqual(Location.objects.get(lrk_number="333333333").care_types, ["peuteropvang"])
        self.assertEqual(Location.objects.get(lrk_number="444444444").care_types, ["gastouderopvang"])

    def test_a_kvk_number_that_lost_its_leading_zero_still_matches(self) -> None:
        LegalEntity.objects.filter(pk=self.smallsteps.pk).update(kvk_number="01234567")
        register_import(path=self.register([lrk_row("1", "Smallsteps KDV Nul", kvk="1234567")]))
        self.assertEqual(Location.objects.get(lrk_number="1").legal_entity, self.smallsteps)

    def test_rows_of_other_holders_are_ignored_and_agencies_skipped_with_a_count(self) -> None:
        path = self.register(
            [
                lrk_row("111111111", "Partou KDV Eigen"),
                lrk_row("555555555", "Andere KDV", kvk=OTHER_KVK),
                # Rows of other holders are not checked: the national file is not ours to fix.
                lrk_row("not-a-number", "Kapotte rij", kvk=OTHER_KVK, opvanglocatie_postcode="??"),
                lrk_row("666666666", "Partou Gastouderbureau", type_oko="GOB"),
            ]
        )
        out, _err = self.run_command(path)
        self.assertEqual(list(Location.objects.values_list("lrk_number", flat=True)), ["111111111"])
        self.assertIn("created 1", out)
        self.assertIn("skipped 1 gastouderbureau (GOB), 2 other holder", out)

    def test_it_updates_a_known_registration_and_a_second_run_changes_nothing(self) -> None:
        self.run_command(self.register([lrk_row("111111111", "Partou KDV Oud"), lrk_row("222222222", "Partou KDV B")]))
        location = Location.objects.get(lrk_number="111111111")
        path = self.register(
            [
                lrk_row("111111111", "Partou KDV Nieuw", aantal_kindplaatsen="64", opvanglocatie_woonplaats="Zaandam"),
                lrk_row("222222222", "Partou KDV B"),
            ],
            name="second.csv",
        )
        out, _err = self.run_command(path)
        self.assertIn("created 0", out)
        self.assertIn("updated 1", out)
        self.assertIn("unchanged 1", out)
        location.refresh_from_db()
        self.assertEqual((location.name, location.places, location.city), ("Partou KDV Nieuw", 64, "Zaandam"))
        self.assertEqual(Location.objects.count(), 2)

        out, _err = self.run_command(path)
        self.assertIn("nothing changed", out)
        self.assertIn("2 locations are up to date", out)

    def test_a_registration_that_ends_or_disappears_deactivates_its_location_never_deletes_it(self) -> None:
        self.run_command(
            self.register([lrk_row("1", "Partou KDV Een"), lrk_row("2", "Partou KDV Twee"), lrk_row("3", "Drie")])
        )
        historical = make_location("Partou KDV Uit Het Verslag", entity=self.partou)
        path = self.register(
            [
                lrk_row("1", "Partou KDV Een"),
                lrk_row("2", "Partou KDV Twee", status="Uitgeschreven", uitschrijfdatum="2025-12-31"),
            ],
            name="later.csv",
        )
        out, _err = self.run_command(path)
        self.assertIn("deactivated 2", out)
        self.assertEqual(Location.objects.count(), 4)
        two, three = Location.objects.get(lrk_number="2"), Location.objects.get(lrk_number="3")
        self.assertFalse(two.is_active)
        self.assertEqual((two.registration_status, two.deregistered_on), ("Uitgeschreven", date(2025, 12, 31)))
        self.assertFalse(three.is_active)
        self.assertTrue(Location.objects.get(lrk_number="1").is_active)
        # A location known only by name is not the register's to change.
        historical.refresh_from_db()
        self.assertTrue(historical.is_active)
        self.assertIsNone(historical.lrk_number)

        # Registered again: active again.
        out, _err = self.run_command(self.register([lrk_row("1", "Partou KDV Een"), lrk_row("2", "Partou KDV Twee")]))
        self.assertIn("active again", out)
        self.assertTrue(Location.objects.get(lrk_number="2").is_active)

    def test_a_register_name_that_a_historical_name_already_has_is_a_location_of_its_own(self) -> None:
        historical = make_location("Partou KDV De Mozaïek", entity=self.partou)
        self.run_command(self.register([lrk_row("1", "Partou KDV De Mozaïek"), lrk_row("2", "Partou KDV De Mozaïek")]))
        self.assertEqual(Location.objects.filter(name="Partou KDV De Mozaïek").count(), 3)
        historical.refresh_from_db()
        self.assertIsNone(historical.lrk_number)
        self.assertEqual(Location.objects.get(lrk_number="2").match_key, "partoukdvdemozaïek#2")

    def test_a_file_missing_many_active_locations_is_refused_unless_accepted(self) -> None:
        self.run_command(self.register([lrk_row(str(n), f"Partou KDV {n}") for n in range(1, 21)]))
        truncated = self.register([lrk_row(str(n), f"Partou KDV {n}") for n in range(1, 6)], name="truncated.csv")
        with self.assertRaisesMessage(CommandError, "15 of the 20 active register locations are not in this file"):
            self.run_command(truncated)
        self.assertEqual(Location.objects.filter(is_active=True).count(), 20)
        out, _err = self.run_command(truncated, "--accept-deactivations")
        self.assertIn("deactivated 15", out)

    def test_dry_run_writes_nothing(self) -> None:
        out, _err = self.run_command(self.register([lrk_row("1", "Partou KDV Een")]), "--dry-run")
        self.assertIn("dry run, nothing written", out)
        self.assertIn("created 1", out)
        self.assertFalse(Location.objects.exists())

    def test_demo_marks_what_it_creates(self) -> None:
        register_import(path=self.register([lrk_row("1", "Partou KDV Een")]), is_demo=True)
        self.assertTrue(Location.objects.get(lrk_number="1").is_demo)


class EncodingTests(RegisterFileTestCase):
    def test_latin_1_and_utf_8_with_a_byte_order_mark_read_the_same(self) -> None:
        rows = [lrk_row("1", "Partou KDV Hélène", opvanglocatie_woonplaats="Sint-Oedenrode")]
        for name, kwargs in (("latin.csv", {"encoding": "latin-1"}), ("bom.csv", {"bom": True})):
            with self.subTest(name):
                Location.objects.all().delete()
                register_import(path=self.register(rows, name=name, **kwargs))
                location = Location.objects.get(lrk_number="1")
                self.assertEqual((location.name, location.city), ("Partou KDV Hélène", "Sint-Oedenrode"))

    def test_unknown_columns_are_ignored_and_a_missing_one_is_named(self) -> None:
        columns = ("lrk_id", "extra_kolom", "type_oko", "actuele_naam_oko", "kvk_nummer_houder")
        register_import(path=self.register([lrk_row("1", "Partou KDV Een", extra_kolom="x")], columns=columns))
        location = Location.objects.get(lrk_number="1")
        self.assertEqual((location.city, location.postcode, location.places), ("", "", None))

        path = self.register([lrk_row("1", "X")], name="short.csv", columns=("lrk_id", "type_oko"))
        with self.assertRaisesMessage(DataFileError, "short.csv:1: header: column actuele_naam_oko, kvk_nummer_houder"):
            register_import(path=path)


class BadRowTests(RegisterFileTestCase):
    def test_bad_rows_are_reported_by_file_line_and_column_and_nothing_is_written(self) -> None:
        path = self.register(
            [
                lrk_row("1", "Partou KDV Goed"),
                lrk_row("12ab", "Partou KDV Nummer"),
                lrk_row("3", "Partou KDV Postcode", opvanglocatie_postcode="123 AB"),
                lrk_row("4", "Partou KDV Datum", inschrijfdatum="31-02-2020"),
                lrk_row("5", "Partou KDV Plaatsen", aantal_kindplaatsen="veel"),
                lrk_row("6", "Partou KDV Soort", type_oko="XYZ"),
                lrk_row("1", "Partou KDV Dubbel"),
                lrk_row("8", ""),
            ]
        )
        with self.assertRaises(CommandError) as caught:
            self.run_command(path)
        lines = str(caught.exception).splitlines()
        self.assertEqual(
            lines,
            [
                f"{path}:3: lrk_id: '12ab' is not a registration number (digits only)",
                f"{path}:4: opvanglocatie_postcode: '123 AB' is not a Dutch postcode (1234 AB)",
                f"{path}:5: inschrijfdatum: '31-02-2020' is not a date (YYYY-MM-DD or DD-MM-YYYY)",
                f"{path}:6: aantal_kindplaatsen: 'veel' is not a number of places",
                f"{path}:7: type_oko: 'XYZ' is not KDV, PSZ, BSO, VGO or GOB",
                f"{path}:8: lrk_id: 1 appears twice (also on line 2)",
                f"{path}:9: actuele_naam_oko: empty",
            ],
        )
        self.assertFalse(Location.objects.exists())

    def test_without_kvk_numbers_it_says_where_to_set_them(self) -> None:
        LegalEntity.objects.update(kvk_number="")
        with self.assertRaisesMessage(DataFileError, "no legal entity has a KvK number"):
            register_import(path=self.register([lrk_row("1", "X")]))

    def test_a_file_that_cannot_be_read_is_a_clear_error(self) -> None:
        with self.assertRaisesMessage(CommandError, "cannot be read"):
            self.run_command(self.tmp / "missing.csv")


class PostcodeTests(TestCase):
    def test_postcodes_are_written_as_1234_AB(self) -> None:
        self.assertEqual(normalise_postcode("1234ab"), "1234 AB")
        self.assertEqual(normalise_postcode(" 1234  AB "), "1234 AB")
        self.assertIsNone(normalise_postcode("0123 AB"))
        self.assertIsNone(normalise_postcode("1234 A"))

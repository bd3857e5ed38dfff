import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase
from openpyxl import Workbook

from accounts.models import Role
from config.testing import make_user
from organisation.files import DataFileError
from organisation.models import LegalEntity, Location, Region
from organisation.structure import LOCATION_MANAGER_ROLE, structure_import


class ImportOrganisationTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        partou = LegalEntity.objects.create(name="Partou B.V.", kvk_number="12345678")
        cls.one = Location.objects.create(name="Partou KDV Een", legal_entity=partou, lrk_number="111")
        cls.two = Location.objects.create(name="Partou BSO Twee", legal_entity=partou, lrk_number="222")
        cls.noord = Region.objects.create(name="Regio Noord")
        cls.lotte = make_user("lotte", Role.LOCATION_MANAGER, email="Lotte@Partou.test")
        cls.carla = make_user("carla", Role.COORDINATOR, email="carla@partou.test")

    def setUp(self) -> None:
        self.tmp = Path(self.enterContext(tempfile.TemporaryDirectory()))

    def csv(self, text: str, name: str = "organisatie.csv", encoding: str = "utf-8") -> Path:
        path = self.tmp / name
        path.write_bytes(text.encode(encoding))
        return path

    def run_command(self, path: Path) -> str:
        out = StringIO()
        call_command("import_organisation", str(path), stdout=out)
        return out.getvalue()

    def test_it_sets_regions_and_managers_and_a_second_run_changes_nothing(self) -> None:
        path = self.csv(
            "lrk_nummer;regio;email_locatiemanager\n111;Regio Noord;lotte@partou.test\n222;Regio Zuid-Holland;\n"
        )
        out = self.run_command(path)
        self.assertIn("regions created 1", out)
        self.assertIn("locations given a region 2", out)
        self.assertIn("locations given to a manager 1 (lotte 1)", out)
        self.one.refresh_from_db()
        self.two.refresh_from_db()
        self.assertEqual(self.one.region, self.noord)
        self.assertEqual(self.two.region.name, "Regio Zuid-Holland")
        self.assertEqual(list(self.lotte.locations.all()), [self.one])

        self.assertIn("nothing changed", self.run_command(path))
        self.assertEqual(Region.objects.count(), 2)

    def test_a_comma_separated_latin_1_file_reads_too(self) -> None:
        path = self.csv("lrk_nummer,regio\n111,Regio Fryslân\n", encoding="latin-1")
        self.run_command(path)
        self.one.refresh_from_db()
        self.assertEqual(self.one.region.name, "Regio Fryslân")

    def test_an_xlsx_file_with_numbers_in_cells(self) -> None:
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(["LRK_nummer", "Regio", "Email_locatiemanager"])
        sheet.append([111, "Regio Noord", "lotte@partou.test"])
        sheet.append([None, None, None])
        sheet.append([222.0, "Regio Noord", None])
        path = self.tmp / "organisatie.xlsx"
        workbook.save(path)
        result = structure_import(path=path)
        self.assertEqual((result.regions_set, result.managers_added), (2, 1))
        self.assertEqual(set(Location.objects.filter(region=self.noord)), {self.one, self.two})

    def test_unknown_numbers_and_addresses_are_reported_by_line_not_guessed(self) -> None:
        path = self.csv(
            "lrk_nummer;regio;email_locatiemanager\n"
            "111;Regio Noord;lotte@partou.test\n"
            "999;Regio Noord;\n"
            "222;;onbekend@partou.test\n"
            "222;;carla@partou.test\n"
        )
        with self.assertRaises(CommandError) as caught:
            self.run_command(path)
        self.assertEqual(
            str(caught.exception).splitlines(),
            [
                f"{path}:3: lrk_nummer: 999 is no known location (import the register first)",
                f"{path}:4: email_locatiemanager: onbekend@partou.test is no user of Klachtwijs",
                f"{path}:5: email_locatiemanager: carla@partou.test is no location manager (role: Klachtencoördinator)",
            ],
        )
        self.one.refresh_from_db()
        self.assertIsNone(self.one.region)
        self.assertFalse(self.lotte.locations.exists())

    def test_a_file_without_the_columns_says_which_it_needs(self) -> None:
        with self.assertRaisesMessage(DataFileError, "header: the columns are lrk_nummer, regio, email_locatiemanager"):
            structure_import(path=self.csv("nummer;naam\n1;x\n"))

    def test_its_role_name_is_that_of_the_accounts_app(self) -> None:
        self.assertEqual(LOCATION_MANAGER_ROLE, Role.LOCATION_MANAGER)

"""The strict import (issue 11, point 4): every refusal names file, line and reason and
leaves the database as it was; legitimate variation imports exactly as the seed does."""

import io
import shutil
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TestCase

from complaints.models import Category, Complaint, ComplaintEvent, TaxonomyVersion
from disputes.models import Dispute
from imports.services import MAX_TEXT_LENGTH, ImportOptions, annual_report_import
from organisation.models import LegalEntity, Location

SEED = Path(settings.BASE_DIR) / "data" / "seed" / "klachtenjaarverslag-2025.txt"
HEADER = "Naam locatie\tLabel\tCategorie\tOmschrijving klacht\tWelke oplossing is er getroffen\tKlacht gegrond"


def row(location: str = "KDV Zon", label: str = "Partou B.V.", category: str = "Voeding", **cells: str) -> str:
    description = cells.get("description", "<p>Ouder meldt dat het eten koud was.</p>")
    return "\t".join((location, label, category, description, cells.get("solution", "Besproken."), "Ja"))


def report(*rows: str, total: int | None = None, case: str = "111") -> str:
    """A small report: line 7 states the total, appendix 1 starts on line 9, its rows on 11."""
    stated = len(rows) if total is None else total
    return "\n".join(
        [
            "Klachtenjaarverslag Testorganisatie 2025",  # 1
            "",  # 2
            "Dit verslag is een gezamenlijk document van Partou B.V. en Smallsteps B.V.",  # 3
            "",  # 4
            "3.1 Intern",  # 5
            "",  # 6
            f"In totaal zijn er in 2025 {stated} interne klachten geregistreerd.",  # 7
            "",  # 8
            "Bijlage 1 Klachtenoverzicht",  # 9
            HEADER,  # 10
            *rows,
            "",
            "Bijlage 2 Geschiloverzicht Test",
            "",
            "Naam\tZaaknummer\tOnderwerp van het Geschil",
            f"Partou B.V.\t{case}\tKosten",
            "",
            f"Zaaknummer {case}",
            "",
            "De commissie verklaart de klacht ongegrond.",
            "",
        ]
    )


class ImportTestCase(TestCase):
    def write(self, text: str, *, encoding: str = "utf-8", name: str = "verslag.txt") -> Path:
        folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder)
        path = folder / name
        path.write_bytes(text.encode(encoding))
        return path

    def run_import(self, path: Path, **kwargs):
        return annual_report_import(path=path, year=2025, **kwargs)

    def command(self, path: Path, *args: str) -> str:
        out = io.StringIO()
        call_command("import_annual_report", str(path), "--year", "2025", *args, stdout=out, stderr=out)
        return out.getvalue()

    def assert_refused(self, path: Path, *fragments: str, args: tuple[str, ...] = ()) -> str:
        before = self.snapshot()
        with self.assertRaises(CommandError) as caught:
            self.command(path, *args)
        message = str(caught.exception)
        for fragment in (str(path), *fragments):
            self.assertIn(fragment, message)
        self.assertEqual(self.snapshot(), before, "a refused import must not write anything")
        return message

    def snapshot(self) -> tuple:
        return (
            list(Complaint.objects.order_by("id").values_list("id", "reference", "description", "category_id")),
            list(Category.objects.order_by("id").values_list("id", "name")),
            list(LegalEntity.objects.order_by("id").values_list("id", "name")),
            list(Location.objects.order_by("id").values_list("id", "name")),
            list(Dispute.objects.order_by("id").values_list("id", "case_number", "year")),
            ComplaintEvent.objects.count(),
        )


class CountTests(ImportTestCase):
    def test_it_refuses_an_appendix_that_holds_fewer_complaints_than_the_text_states(self):
        path = self.write(report(row(), row("KDV Maan"), total=3))
        self.assert_refused(path, ":7: count:", "the text states 3 complaints", "(line 9) holds 2")

    def test_it_refuses_duplicated_rows(self):
        self.assert_refused(self.write(report(row(), row(), row(), total=2)), ":7: count:", "holds 3")

    def test_it_imports_a_mismatch_when_told_to_and_reports_the_difference(self):
        out = self.command(self.write(report(row(), row("KDV Maan"), total=3)), "--accept-count-mismatch")
        self.assertIn("the text states 3 complaints, appendix 1 (line 9) holds 2 (difference -1)", out)
        self.assertEqual(Complaint.objects.count(), 2)


class TaxonomyAndEntityTests(ImportTestCase):
    def test_the_first_import_of_a_year_creates_its_taxonomy_and_the_entities_its_text_names(self):
        result = self.run_import(self.write(report(row(), row(label="Smallsteps B.V.", category="Schoonmaak"))))
        self.assertEqual(result.created["category"], 2)
        self.assertEqual(sorted(LegalEntity.objects.values_list("name", flat=True)), ["Partou B.V.", "Smallsteps B.V."])

    def test_it_refuses_a_category_not_in_the_years_taxonomy(self):
        self.run_import(self.write(report(row(), row("KDV Maan"))))
        path = self.write(report(row(), row("KDV Maan", category="Voedsel")))
        self.assert_refused(path, ":12: category: 'Voedsel' is not in the taxonomy 'Indeling 2025'")
        self.assertFalse(Category.objects.filter(name="Voedsel").exists())

    def test_it_adds_a_category_when_told_to(self):
        self.run_import(self.write(report(row(), row("KDV Maan"))))
        self.command(self.write(report(row(), row("KDV Maan", category="Voedsel"))), "--allow-new-categories")
        version = TaxonomyVersion.objects.get(year=2025)
        self.assertEqual(set(version.categories.values_list("name", flat=True)), {"Voeding", "Voedsel"})

    def test_it_refuses_a_label_that_is_no_known_legal_entity(self):
        path = self.write(report(row(), row("KDV Maan", label="Partuo B.V.")))
        self.assert_refused(path, ":12: label: 'Partuo B.V.' is not a known legal entity")

    def test_it_creates_an_unknown_label_when_told_to(self):
        self.command(self.write(report(row(), row("KDV Maan", label="Kidz B.V."))), "--allow-new-entities")
        self.assertTrue(LegalEntity.objects.filter(name="Kidz B.V.").exists())

    def test_a_label_already_in_the_database_is_known(self):
        LegalEntity.objects.create(name="Kidz B.V.")
        self.run_import(self.write(report(row(), row("KDV Maan", label="Kidz  b.v."))))
        self.assertEqual(LegalEntity.objects.filter(match_key="kidzbv").count(), 1)

    def test_it_reports_every_problem_at_once(self):
        self.run_import(self.write(report(row(), row("KDV Maan"))))
        path = self.write(report(row(category="Voedsel"), row("KDV Maan", label="Partuo B.V."), total=3))
        message = self.assert_refused(path, ":7: count:", ":11: category:", ":12: label:")
        self.assertEqual(len(message.splitlines()), 3)


class StructureTests(ImportTestCase):
    def test_it_refuses_a_second_appendix_1(self):
        text = report(row()) + "\nBijlage 1 Klachtenoverzicht\n" + HEADER + "\n" + row("KDV Maan")
        line = text.split("\n").index("Bijlage 1 Klachtenoverzicht", 10) + 1
        self.assert_refused(self.write(text), f":{line}: appendix: a second appendix 1")

    def test_it_refuses_a_dispute_that_belongs_to_another_year(self):
        self.run_import(self.write(report(row(), case="1209858")))
        Dispute.objects.filter(case_number="1209858").update(year=2024)
        message = self.assert_refused(self.write(report(row(), case="1209858")), "case 1209858 already belongs to 2024")
        self.assertIn(":16: case_number:", message)
        self.assertEqual(Dispute.objects.get(case_number="1209858").year, 2024)

    def test_it_refuses_markup_the_parser_cannot_handle(self):
        path = self.write(report(row(), row("KDV Maan", description="<p>x <![CDATA[ y ]]></p>")))
        self.assert_refused(path, ":12: markup:")


class ValueTests(ImportTestCase):
    """NUL and over-long values: refused by line on SQLite and PostgreSQL alike
    (PostgreSQL used to answer with a raw DataError)."""

    def test_it_refuses_a_nul_character(self):
        self.assert_refused(self.write(report(row(), row("KDV\x00Maan"))), ":12:", "NUL")

    def test_it_refuses_a_location_longer_than_its_column(self):
        self.assert_refused(self.write(report(row("L" * 201))), ":11: location: 201 characters, at most 200 fit")

    def test_it_refuses_a_category_longer_than_its_column(self):
        self.assert_refused(self.write(report(row(category="C" * 121))), ":11: category: 121 characters")

    def test_it_refuses_a_case_number_longer_than_its_column(self):
        self.assert_refused(self.write(report(row(), case="9" * 41)), ":16: case_number: 41 characters")

    def test_it_refuses_a_text_longer_than_the_database_can_index(self):
        long = "woord " * (MAX_TEXT_LENGTH // 5)
        self.assert_refused(self.write(report(row(description=long))), ":11: description:")

    def test_it_refuses_a_figure_that_does_not_fit(self):
        text = report(row()).replace(
            "Testorganisatie 2025", "Testorganisatie 2025\nIn 2025 hebben we 99999999999 kinderen opgevangen."
        )
        self.assert_refused(self.write(text), "facts: children_served 99999999999")


@pytest.mark.postgres
class PostgresValueTests(ValueTests):
    """The same refusals on PostgreSQL (run by `make test`'s PostgreSQL pass)."""

    def setUp(self) -> None:
        # The SQLite pass of `make test` skips these; its PostgreSQL pass runs them.
        if connection.vendor != "postgresql":
            self.skipTest("needs PostgreSQL (DATABASE_URL=postgres://...)")


class EncodingTests(ImportTestCase):
    def test_it_refuses_a_windows_1252_file_naming_the_line(self):
        path = self.write(report(row(), row("KDV Één")), encoding="cp1252")
        self.assert_refused(path, ":12: encoding: byte 0xc9 is not valid utf-8", "--encoding cp1252")

    def test_it_reads_a_windows_1252_file_with_encoding(self):
        self.command(self.write(report(row(), row("KDV Één")), encoding="cp1252"), "--encoding", "cp1252")
        self.assertTrue(Location.objects.filter(name="KDV Één").exists())

    def test_it_refuses_an_unknown_encoding(self):
        self.assert_refused(
            self.write(report(row())), "unknown text encoding 'klingon'", args=("--encoding", "klingon")
        )
        self.assert_refused(self.write(report(row())), "unknown text encoding 'rot13'", args=("--encoding", "rot13"))


class SeedVariationTests(ImportTestCase):
    """The seed with CR line ends, a byte-order mark and tight page breaks imports as the seed."""

    def figures(self) -> tuple:
        return (
            list(
                Complaint.objects.order_by("reference").values_list("reference", "description", "solution", "verdict")
            ),
            sorted(Location.objects.values_list("name", flat=True)),
            sorted(Dispute.objects.values_list("case_number", "outcome", "ruling", "lesson")),
        )

    def test_it_imports_a_varied_seed_exactly_as_the_seed(self):
        self.run_import(SEED)
        expected = self.figures()
        Complaint.objects.all().delete()
        Dispute.objects.all().delete()
        Location.objects.all().delete()
        varied = "\ufeff" + SEED.read_text(encoding="utf-8").replace("\n\n\n\n", "\n\n").replace("\n", "\r")
        result = self.run_import(self.write(varied))
        self.assertEqual(result.created["complaint"], 513)
        self.assertEqual(self.figures(), expected)


def test_import_options_default_to_strict():
    assert ImportOptions() == ImportOptions(
        accept_count_mismatch=False, allow_new_categories=False, allow_new_entities=False
    )

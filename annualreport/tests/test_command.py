import io
import tempfile
from pathlib import Path

from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from annualreport.tests.base import SeedTestCase, pdf_text
from complaints.models import Complaint


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("annual_report", *args, stdout=out)
    return out.getvalue()


class AnnualReportCommandTests(SeedTestCase):
    def setUp(self) -> None:
        self.directory = Path(tempfile.mkdtemp(prefix="jaarverslag-"))

    def test_it_writes_the_spreadsheet_printing_its_steps_and_the_seconds(self):
        path = self.directory / "bijlage-1.xlsx"
        output = run("--year", "2025", "--format", "xlsx", "--output", str(path))
        self.assertIn("… Jaarverslag 2025: teksten laden", output)
        self.assertIn("… 513 klachten", output)
        self.assertRegex(output, r"XLSX gemaakt in \d+\.\d s; totaal \d+\.\d s\.")
        self.assertEqual(load_workbook(path).worksheets[0].max_row, 514)

    def test_the_ggd_variant_per_location_by_name(self):
        path = self.directory / "oceaan.pdf"
        output = run(
            "--year",
            "2025",
            "--format",
            "pdf",
            "--variant",
            "ggd",
            "--location",
            "partou bso oceaan-16",
            "--output",
            str(path),
        )
        self.assertRegex(output, r"PDF gemaakt in \d+\.\d s")
        text = " ".join(pdf_text(path.read_bytes()).split())
        self.assertIn("Jaarverslag klachten 2025 – Partou BSO Oceaan 16", text)
        self.assertIn("Verslag volgens artikel 1.57b Wet kinderopvang", text)

    def test_the_ggd_variant_per_legal_entity_by_id(self):
        path = self.directory / "partou.html"
        run(
            "--year",
            "2025",
            "--format",
            "html",
            "--variant",
            "ggd",
            "--legal-entity",
            str(self.partou.pk),
            "--output",
            str(path),
        )
        self.assertIn("Jaarverslag klachten 2025 – Partou B.V.", path.read_text())

    def test_the_final_version_is_refused_while_a_text_is_unreviewed(self):
        Complaint.objects.filter(reference="K2025-00007").update(publication_reviewed=False)
        with self.assertRaisesMessage(CommandError, "De definitieve versie kan nog niet worden gemaakt"):
            run("--year", "2025", "--format", "html", "--final", "--output", str(self.directory / "x.html"))
        output = run("--year", "2025", "--format", "html", "--output", str(self.directory / "x.html"))
        self.assertIn("Concept: 1 punt(en) open", output)

    def test_wrong_arguments_are_explained(self):
        for args, message in (
            (["--variant", "ggd"], "precies één van --location of --legal-entity"),
            (["--location", "Margriet"], "horen bij --variant ggd"),
            (["--variant", "ggd", "--location", "Bestaat Niet"], "Niet gevonden"),
        ):
            with self.subTest(args=args), self.assertRaisesMessage(CommandError, message):
                run("--year", "2025", "--format", "html", "--output", str(self.directory / "x.html"), *args)

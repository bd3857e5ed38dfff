"""The statutory report per location or legal entity (Wet kinderopvang art.
1.57b), made by the same builder."""

import io

from docx import Document
from openpyxl import load_workbook

from annualreport.builder import AnnualReportDocument, NotePart, TablePart
from annualreport.exporters import export
from annualreport.figures import Scope
from annualreport.outline import Variant
from annualreport.services import AnnualReportError
from annualreport.tests.base import REFERENCE_RE, SeedTestCase, pdf_text
from config.testing import make_location
from organisation.models import LegalEntity


class GgdVariantTests(SeedTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.quiet = make_location("Partou KDV Stille Hoek 1", entity=cls.partou)

    def doc(self, **scope) -> AnnualReportDocument:
        return AnnualReportDocument(report=self.report, variant=Variant.GGD, scope=Scope(**scope))

    def test_a_location_report_holds_that_locations_complaints_only(self):
        doc = self.doc(location=self.oceaan)
        self.assertEqual(doc.title, "Jaarverslag klachten 2025 – Partou BSO Oceaan 16")
        self.assertEqual(
            [entry.heading for entry in doc.entries],
            [
                "1 Inleiding",
                "2 Algemeen",
                "2.1 Interne klachtenprocedure",
                "2.2 Externe klachtenprocedure",
                "3 Klachten in 2025",
                "4 Geschillencommissie Kinderopvang",
                "Bijlage 1 Klachtenoverzicht",
            ],
        )
        rows = list(doc.iterate_rows())
        self.assertEqual(len(rows), 3)
        self.assertEqual({row.location for row in rows}, {"Partou BSO Oceaan 16"})
        complaints = next(entry for entry in doc.entries if entry.key == "ggd-klachten")
        table = next(part for part in complaints.parts if isinstance(part, TablePart))
        self.assertEqual(table.total, ["Totaal", "3", "100%"])
        intro = " ".join(str(part.html) for part in doc.entries[0].parts)
        self.assertIn("Dit is het jaarverslag klachten 2025 van Partou BSO Oceaan 16", intro)
        self.assertIn("vóór 1 juni 2026", intro)
        self.assertEqual(doc.problems, [])

    def test_a_location_without_complaints_says_so(self):
        doc = self.doc(location=self.quiet)
        complaints = next(entry for entry in doc.entries if entry.key == "ggd-klachten")
        self.assertEqual(complaints.parts, [NotePart("In 2025 zijn over deze locatie geen klachten geregistreerd.")])
        self.assertEqual(list(doc.iterate_rows()), [])
        text = pdf_text(export(doc, "pdf").content)
        self.assertIn("In 2025 zijn over deze locatie geen klachten geregistreerd.", " ".join(text.split()))
        sheet = load_workbook(io.BytesIO(export(doc, "xlsx").content)).worksheets[0]
        self.assertEqual(sheet.max_row, 1)
        document = Document(io.BytesIO(export(doc, "docx").content))
        self.assertIn(
            "In 2025 zijn over deze locatie geen klachten geregistreerd.", [p.text for p in document.paragraphs]
        )

    def test_a_legal_entity_report_has_its_disputes_appendix(self):
        doc = self.doc(legal_entity=LegalEntity.objects.get(name="Smallsteps B.V."))
        self.assertEqual(doc.figures.total, 315)
        self.assertEqual(doc.entries[-1].heading, "Bijlage 2 Geschiloverzicht Smallsteps B.V.")
        text = " ".join(export(doc, "html").content.decode().split())
        self.assertEqual(len(set(REFERENCE_RE.findall(text))), 315)
        self.assertIn("zijn over Smallsteps B.V. 2 klachten aan de Geschillencommissie voorgelegd", text)

    def test_the_full_report_is_about_the_organisation_and_the_ggd_report_about_one_unit(self):
        with self.assertRaises(AnnualReportError):
            AnnualReportDocument(report=self.report, variant=Variant.GGD)
        with self.assertRaises(AnnualReportError):
            AnnualReportDocument(report=self.report, scope=Scope(location=self.oceaan))

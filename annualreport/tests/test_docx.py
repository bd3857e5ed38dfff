"""The 2025 Word file, generated once and read back with python-docx."""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from annualreport.builder import APPENDIX_COLUMNS, AnnualReportDocument
from annualreport.exporters import export
from annualreport.tests.base import REFERENCE_RE, SeedTestCase


class AnnualReportDocxTests(SeedTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        result = export(AnnualReportDocument(report=cls.report), "docx")
        cls.filename = result.filename
        cls.document = Document(io.BytesIO(result.content))

    def headings(self, level: int) -> list[str]:
        return [p.text for p in self.document.paragraphs if p.style.name == f"Heading {level}"]

    def test_it_has_real_headings(self):
        self.assertEqual(
            self.headings(1),
            [
                "1 Voorwoord",
                "2 Algemeen",
                "3 Overzicht aantal klachten",
                "4 Nawoord",
                "Bijlage 1 Klachtenoverzicht",
                "Bijlage 2 Geschiloverzicht Smallsteps B.V.",
                "Bijlage 3 Geschiloverzicht Partou B.V.",
            ],
        )
        self.assertIn("3.2 Aantal klachten 2025 ten opzichte van 2024", self.headings(2))
        self.assertEqual(
            self.headings(3),
            [
                "3.2.1 Personele bezetting en sluiting groep",
                "3.2.2 Planning en plaatsing",
                "3.2.3 Debiteuren en facturatie",
            ],
        )

    def test_the_contents_are_a_toc_field_word_fills_in(self):
        body = self.document.element.body
        instructions = [node.text for node in body.iter(qn("w:instrText"))]
        self.assertEqual(instructions, ['TOC \\o "1-3" \\h \\z \\u'])
        self.assertIsNotNone(self.document.settings.element.find(qn("w:updateFields")))

    def test_it_shows_the_figures_of_the_seed(self):
        text = "\n".join(p.text for p in self.document.paragraphs)
        self.assertIn("afgenomen van 538 naar 513 klachten", text)
        self.assertIn("Over 0,71% daarvan is een klacht ontvangen. In 2024 was dit percentage 0,74%.", text)
        self.assertIn("Het aantal klachten is gedaald van 81 in 2024 naar 38 in 2025.", text)
        self.assertIn("Klachtgeld terugbetaald: € 25,00", text)
        tables = {tuple(cell.text for cell in table.rows[0].cells): table for table in self.document.tables}
        comparison = tables[("Categorie (2025)", "2024", "2025", "Verschil")]
        rows = [[cell.text for cell in row.cells] for row in comparison.rows]
        self.assertIn(["Planning en plaatsing", "81", "38", "−43"], rows)
        self.assertEqual(rows[-1], ["Totaal (alle categorieën)", "538", "513", "−25"])

    def test_appendix_1_is_one_real_table_with_all_513_complaints_on_landscape_pages(self):
        table = next(t for t in self.document.tables if tuple(c.text for c in t.rows[0].cells) == APPENDIX_COLUMNS)
        self.assertEqual(len(table.rows), 514)
        references = [row.cells[0].text for row in table.rows[1:]]
        self.assertEqual(len(set(references)), 513)
        self.assertTrue(all(REFERENCE_RE.fullmatch(reference) for reference in references))
        self.assertIsNotNone(table.rows[0]._tr.trPr.find(qn("w:tblHeader")))
        self.assertEqual(
            [section.orientation for section in self.document.sections],
            [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT],
        )

    def test_it_is_marked_concept(self):
        self.assertEqual(self.filename, "klachtenjaarverslag-2025-concept.docx")
        self.assertIn("CONCEPT", self.document.sections[0].header.paragraphs[0].text)
        self.assertEqual(self.document.core_properties.keywords, "concept")

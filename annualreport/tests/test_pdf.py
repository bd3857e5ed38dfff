"""The 2025 PDF, generated once and read back with pdftotext and pypdf."""

import io
import re

from pypdf import PdfReader

from annualreport.builder import AnnualReportDocument
from annualreport.exporters import export
from annualreport.exporters.html import document_html
from annualreport.tests.base import REFERENCE_RE, SeedTestCase, pdf_pages, pdf_text, render_page_png

TOC_LINE = re.compile(r"^\s*(?P<heading>\S.*?)\s*\.{3,}\s*(?P<page>\d+)\s*$", re.MULTILINE)


class AnnualReportPdfTests(SeedTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # Its speed is measured by `make bench` (docs/benchmarks.md), not by a timed test.
        cls.pdf = export(AnnualReportDocument(report=cls.report), "pdf").content
        cls.text = pdf_text(cls.pdf)
        cls.pages = pdf_pages(cls.text)
        cls.toc = {match["heading"]: int(match["page"]) for match in TOC_LINE.finditer(cls.pages[2])}

    def test_it_is_a4_with_running_page_numbers_and_marked_concept_on_every_page(self):
        reader = PdfReader(io.BytesIO(self.pdf))
        first = reader.pages[0].mediabox
        self.assertEqual((round(float(first.width)), round(float(first.height))), (595, 842))
        total = len(self.pages)
        self.assertGreater(total, 100)
        for number, page in enumerate(self.pages[1:], start=2):
            self.assertIn(f"Pagina {number} van {total}", page)
        for page in self.pages:
            self.assertIn("CONCEPT", page)

    def test_the_contents_give_the_real_page_numbers(self):
        self.assertEqual(list(self.toc)[:3], ["1 Voorwoord", "2 Algemeen", "2.1 Interne klachtenprocedure"])
        self.assertEqual(len(self.toc), 15)
        for heading, page in self.toc.items():
            with self.subTest(heading=heading):
                self.assertIn(heading, self.pages[page - 1].replace("\n", " "))

    def test_it_shows_the_figures_of_the_seed(self):
        text = " ".join(self.text.split())
        for expected in (
            "In totaal zijn er in 2025 513 interne klachten geregistreerd.",
            "afgenomen van 538 naar 513 klachten",
            "In 2025 hebben we 72.684 kinderen opgevangen. Over 0,71% daarvan is een klacht ontvangen.",
            "In 2024 was dit percentage 0,74%.",
            "Het aantal klachten is gedaald van 81 in 2024 naar 38 in 2025.",
            "Planning en plaatsing 81 38 −43",
            "Communicatie vanuit locatie 99 19,3%",
            "Totaal (alle categorieën) 538 513 −25",
            "Van de 6 klachten is 1 klacht gegrond verklaard.",
            "Zaaknummer 1209858 – Gegrond",
            "Klachtgeld terugbetaald: € 25,00",
            "Partou B.V. 4 1 3 0",
            "Smallsteps B.V. 2 0 1 1",
        ):
            with self.subTest(expected=expected):
                self.assertIn(expected, text)

    def test_appendix_1_lists_all_513_complaints_on_landscape_pages_with_the_header_on_each(self):
        references = REFERENCE_RE.findall(self.text)
        self.assertEqual(len(set(references)), 513)
        self.assertEqual(len(references), 513)
        first, after = self.toc["Bijlage 1 Klachtenoverzicht"], self.toc["Bijlage 2 Geschiloverzicht Smallsteps B.V."]
        reader = PdfReader(io.BytesIO(self.pdf))
        for number in range(first, after):
            box = reader.pages[number - 1].mediabox
            with self.subTest(page=number):
                self.assertGreater(float(box.width), float(box.height))
                self.assertIn("Omschrijving klacht", self.pages[number - 1])

    def test_appendix_1_prints_every_character_of_every_name(self):
        first, after = self.toc["Bijlage 1 Klachtenoverzicht"], self.toc["Bijlage 2 Geschiloverzicht Smallsteps B.V."]
        appendix = "".join(self.pages[first - 1 : after - 1])
        self.assertIn("Solदातje", appendix)
        self.assertNotIn("\ufffd", appendix)
        self.assertEqual(len(REFERENCE_RE.findall(appendix)), 513)

    def test_the_html_table_is_left_out_only_where_the_pdf_draws_appendix_1(self):
        doc = AnnualReportDocument(report=self.report)
        with_table = document_html(doc, medium="pdf")
        self.assertIn('class="table table-sm ar-appendix-table"', with_table)
        self.assertIn("@bottom-right", with_table)  # WeasyPrint's own running footers
        drawn = document_html(doc, medium="pdf", appendix_sheets=True)
        self.assertNotIn('class="table table-sm ar-appendix-table"', drawn)
        self.assertNotIn("@bottom-right", drawn)
        self.assertIn('id="ar-sheet-0"', drawn)
        self.assertIn("/*ar-after-appendix*/", drawn)

    def test_the_chart_is_vector_graphics(self):
        page_number = self.toc["3.1 Intern"] + 1
        reader = PdfReader(io.BytesIO(self.pdf))
        page = reader.pages[page_number - 1]
        self.assertIn("Seksueel GOG", self.pages[page_number - 1])  # the chart's labels are text
        resources = page["/Resources"]
        xobjects = resources.get("/XObject", {}) if resources else {}
        images = [name for name, ref in xobjects.items() if ref.get_object().get("/Subtype") == "/Image"]
        self.assertEqual(images, [])

    def test_a_page_is_rendered_for_a_person_to_look_at(self):
        for name, page in (
            ("jaarverslag-2025-intern", self.toc["3.1 Intern"] + 1),
            ("jaarverslag-2025-bijlage-1", self.toc["Bijlage 1 Klachtenoverzicht"]),
            ("jaarverslag-2025-inhoud", 3),
        ):
            path = render_page_png(self.pdf, page, name)
            self.assertTrue(path.exists())
            self.assertGreater(path.stat().st_size, 10_000)

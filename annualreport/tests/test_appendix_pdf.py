"""Appendix 1 drawn with Pango and cairo (annualreport/exporters/appendix_pdf.py), read back with
pdftotext and pdffonts: every character prints, short values never break inside the word, a row
stays on one page unless it is taller than a page, and then none of its text is lost."""

import re
import subprocess
import tempfile
import unittest

from django.test import SimpleTestCase

from annualreport.builder import APPENDIX_COLUMNS
from annualreport.exporters import appendix_pdf
from annualreport.tests.base import pdf_pages, pdf_text


def pdf_fonts(content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        return subprocess.run(["pdffonts", handle.name], capture_output=True, check=True, text=True).stdout


def row(number: int, *, location: str = "Partou KDV Zonnebloem", description: str = "", verdict: str = "Ja"):
    cells = (
        f"K2025-{number:05d}",
        location,
        "Partou B.V.",
        "Communicatie vanuit locatie",
        description or f"Ouder is ontevreden over de communicatie. Einde omschrijving {number}.",
        f"Locatiemanager heeft met ouder gesproken. Einde oplossing {number}.",
        verdict,
    )
    return cells, True


@unittest.skipUnless(appendix_pdf.available(), "cairo and pangocairo are not installed")
class AppendixPagesTests(SimpleTestCase):
    def draw(self, rows) -> tuple[str, int, bytes]:
        content, pages = appendix_pdf.appendix_pages(
            caption="Klachtenoverzicht 2025: test", headers=APPENDIX_COLUMNS, rows=rows
        )
        return pdf_text(content), pages, content

    def test_every_character_of_a_name_prints_with_the_font_of_its_script(self):
        text, _pages, content = self.draw([row(1, location="Solदातje"), row(2, location="Kinderopvang Ærø Ünal")])
        self.assertIn("Solदातje", text)
        self.assertIn("Ærø Ünal", text)
        self.assertNotIn("\ufffd", text)
        self.assertIn("NotoSansDevanagari", pdf_fonts(content).replace("-", ""))

    def test_the_verdict_never_breaks_inside_the_word(self):
        long_text = " ".join(["Onbekend is hoe de klacht is afgehandeld."] * 30)
        text, _pages, _content = self.draw(
            [row(n, description=long_text, verdict="Onbekend") for n in range(1, 6)]
            + [row(6, verdict="Deels"), row(7, verdict="Gegrond")]
        )
        broken = [line for line in text.splitlines() if re.search(r"\bOnbe(?!kend)|\bDeel(?!s)|\bGegr(?!ond)", line)]
        self.assertEqual(broken, [])
        # Five verdicts and thirty times in each of five descriptions.
        self.assertEqual(text.count("Onbekend"), 5 + 5 * 30)

    def test_a_row_stays_on_one_page_and_the_header_is_on_every_page(self):
        rows = [row(n, description=" ".join([f"Zin {n} van de omschrijving."] * 25)) for n in range(1, 81)]
        text, pages, _content = self.draw(rows)
        self.assertGreater(pages, 3)
        page_texts = pdf_pages(text)
        self.assertEqual(len(page_texts), pages)
        for number in range(1, 81):
            holding = [page for page in page_texts if f"K2025-{number:05d}" in page]
            with self.subTest(row=number):
                self.assertEqual(len(holding), 1)
                self.assertIn(f"Einde oplossing {number}.", holding[0])
        for page in page_texts:
            self.assertIn("Omschrijving klacht", page)
        self.assertIn("Klachtenoverzicht 2025: test", page_texts[0])
        self.assertNotIn("Klachtenoverzicht 2025: test", page_texts[1])

    def test_a_row_taller_than_a_page_continues_on_the_next_and_loses_no_line(self):
        description = "\n".join(f"Regel {n:03d} van een lange omschrijving." for n in range(1, 201))
        text, pages, _content = self.draw([row(1), row(2, description=description), row(3)])
        self.assertGreaterEqual(pages, 3)
        found = re.findall(r"Regel (\d{3}) van", text)
        self.assertEqual(found, [f"{n:03d}" for n in range(1, 201)])  # each line once, in order
        self.assertIn("Einde oplossing 3.", text)

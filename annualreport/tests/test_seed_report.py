"""The 2025 report built from the imported seed has the seed's structure and
figures, in the seed's own words with the figures filled in from the data."""

from annualreport import prose
from annualreport.builder import AnnualReportDocument, AppendixPart, CasesPart, NotePart, ProsePart, TablePart
from annualreport.placeholders import PLACEHOLDER_RE
from annualreport.services import section_problems
from annualreport.tests.base import SeedTestCase


def text_of(entry) -> str:
    pieces = []
    for part in entry.parts:
        if isinstance(part, ProsePart):
            pieces.append(prose.plain_text(part.blocks))
        elif isinstance(part, NotePart):
            pieces.append(f"{part.label}: {part.text}")
    return "\n".join(pieces)


class SeedReportTests(SeedTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.doc = AnnualReportDocument(report=cls.report)
        cls.entries = {entry.key: entry for entry in cls.doc.entries}

    def test_it_has_the_structure_of_the_published_report(self):
        self.assertEqual(
            [entry.heading for entry in self.doc.entries],
            [
                "1 Voorwoord",
                "2 Algemeen",
                "2.1 Interne klachtenprocedure",
                "2.2 Externe klachtenprocedure",
                "3 Overzicht aantal klachten",
                "3.1 Intern",
                "3.2 Aantal klachten 2025 ten opzichte van 2024",
                "3.2.1 Personele bezetting en sluiting groep",
                "3.2.2 Planning en plaatsing",
                "3.2.3 Debiteuren en facturatie",
                "3.3 Extern",
                "4 Nawoord",
                "Bijlage 1 Klachtenoverzicht",
                "Bijlage 2 Geschiloverzicht Smallsteps B.V.",
                "Bijlage 3 Geschiloverzicht Partou B.V.",
            ],
        )

    def test_the_default_texts_have_no_problems_and_the_seed_texts_count_as_reviewed(self):
        self.assertEqual(self.doc.problems, [])
        for section in self.report.sections.all():
            with self.subTest(section=section.key):
                self.assertEqual(
                    section_problems(
                        section=section, title=section.title, body=section.body, placeholders=self.doc.placeholders
                    ),
                    [],
                )

    def test_no_figure_in_the_default_texts_is_typed_by_hand(self):
        allowed = {"2021"}  # a date in the organisation's history, not a figure
        for section in self.report.sections.all():
            words = PLACEHOLDER_RE.sub("", section.title + " " + section.body).split()
            figures = {word.strip(".,:;()") for word in words if any(ch.isdigit() for ch in word)}
            with self.subTest(section=section.key):
                self.assertLessEqual(figures - allowed - {"1", "2", "3", "1.57b", "klachten@partou.nl"}, set())

    def test_the_sentences_of_the_seed_come_out_with_the_figures_of_the_data(self):
        self.assertIn("In totaal zijn er in 2025 513 interne klachten geregistreerd.", text_of(self.entries["intern"]))
        comparison = text_of(self.entries["vergelijking"])
        self.assertIn(
            "Het aantal klachten van 2025 is ten opzichte van 2024 afgenomen van 538 naar 513 klachten.", comparison
        )
        self.assertIn(
            "In 2025 hebben we 72.684 kinderen opgevangen. Over 0,71% daarvan is een klacht ontvangen.", comparison
        )
        self.assertIn("In 2024 was dit percentage 0,74%.", comparison)
        # 2024 is known only as published totals: no generated rises and falls next to the editor's text.
        self.assertNotIn("Grootste stijgingen", comparison)
        self.assertNotIn("Grootste dalingen", comparison)
        self.assertNotIn("niet te bepalen", comparison)
        self.assertIn(
            "Het aantal klachten is gedaald van 81 in 2024 naar 38 in 2025.", text_of(self.entries["analyse-2"])
        )
        self.assertIn(
            "In 2025 zijn er in totaal 6 klachten ingediend bij de Geschillencommissie Kinderopvang voor de "
            "entiteiten Partou en Smallsteps samen. Hiervan hadden 4 geschillen betrekking op Partou en 2 geschillen "
            "op Smallsteps. Van de 6 klachten is 1 klacht gegrond verklaard. Zie bijlagen 2 en 3",
            text_of(self.entries["extern"]),
        )
        self.assertIn("In 2024 betrof dit in totaal 5 klachten.", text_of(self.entries["extern"]))
        self.assertIn("Afgehandeld binnen zes weken: niet beschikbaar", text_of(self.entries["intern"]))
        # The size of the organisation comes from the year's facts, which the import took from the text.
        self.assertIn(
            "Partou kinderopvang (hierna: Partou) heeft circa 753 locaties en meer dan 11.000 medewerkers.",
            text_of(self.entries["voorwoord"]),
        )

    def test_the_category_table_is_that_of_appendix_1_and_sits_where_the_text_puts_it(self):
        parts = self.entries["intern"].parts
        self.assertEqual([part.kind for part in parts[:3]], ["prose", "table", "chart"])
        table = parts[1]
        self.assertEqual(table.rows[0], ["Communicatie vanuit locatie", "99", "19,3%"])
        self.assertIn(["Planning en plaatsing", "38", "7,4%"], table.rows)
        self.assertEqual(len(table.rows), 24)
        self.assertEqual(table.total, ["Totaal", "513", "100%"])

    def test_the_comparison_shows_the_published_totals_and_one_footnote_for_the_rest(self):
        tables = [part for part in self.entries["vergelijking"].parts if isinstance(part, TablePart)]
        key_figures, categories = tables
        self.assertEqual(key_figures.rows[0], ["Aantal klachten", "538", "513"])
        self.assertEqual(key_figures.rows[1], ["Opgevangen kinderen", "–", "72.684"])
        self.assertEqual(key_figures.rows[2], ["Klachtpercentage", "0,74%", "0,71%"])
        self.assertIn(["Planning en plaatsing", "81", "38", "−43"], categories.rows)
        self.assertEqual(categories.rows, [["Planning en plaatsing", "81", "38", "−43"]])
        self.assertEqual(categories.total, ["Totaal (alle categorieën)", "538", "513", "−25"])
        [footnote] = [part for part in self.entries["vergelijking"].parts if isinstance(part, NotePart)]
        self.assertIn("het aantal opgevangen kinderen", footnote.text)
        self.assertIn("voor 23 van de 24 categorieën van 2025", footnote.text)

    def test_appendix_1_holds_all_513_complaints_with_their_publication_texts(self):
        rows = list(self.doc.iterate_rows())
        self.assertEqual(len(rows), 513)
        self.assertEqual(len({row.reference for row in rows}), 513)
        self.assertEqual(rows[0].reference, "K2025-00001")
        self.assertEqual(rows[0].location, "Partou KDV Schinkelstraat 158")
        self.assertEqual(
            (rows[0].label, rows[0].category, rows[0].verdict), ("Smallsteps B.V.", "Ruil- en inhaaluren", "Ja")
        )
        self.assertTrue(all(row.reviewed for row in rows))
        self.assertTrue(any(isinstance(part, AppendixPart) for part in self.entries["bijlage-klachten"].parts))

    def test_one_dispute_appendix_per_legal_entity_with_case_numbers_subjects_and_outcomes(self):
        partou = next(entry for entry in self.doc.entries if entry.title == "Geschiloverzicht Partou B.V.")
        table = next(part for part in partou.parts if isinstance(part, TablePart))
        self.assertEqual(
            table.rows,
            [
                ["Partou B.V.", "842238", "Algemene voorwaarden, Kosten"],
                ["Partou B.V.", "1209858", "Zorgvuldigheid"],
                ["Partou B.V.", "836958", "Algemene voorwaarden, Kosten"],
                ["Partou B.V.", "1315120", "(Non)conformiteit"],
            ],
        )
        cases = next(part for part in partou.parts if isinstance(part, CasesPart)).cases
        upheld = next(case for case in cases if case.case_number == "1209858")
        self.assertEqual((upheld.outcome, upheld.amount), ("Gegrond", "€ 25,00"))
        self.assertIn("dossiervorming", upheld.lesson)
        self.assertIn("Van de 4 ingediende geschillen hebben er 4 geleid tot een uitspraak", text_of(partou))
        smallsteps = next(entry for entry in self.doc.entries if entry.title == "Geschiloverzicht Smallsteps B.V.")
        self.assertIn("Van de 2 ingediende geschillen heeft er 1 geleid tot een uitspraak", text_of(smallsteps))

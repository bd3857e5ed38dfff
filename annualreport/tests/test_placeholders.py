from django.test import SimpleTestCase

from annualreport import prose
from annualreport.placeholders import Placeholder, Placeholders, check, fill

VALUES = Placeholders(
    [
        Placeholder("totaal", "513", "aantal klachten"),
        Placeholder("vorig_jaar.totaal", "538", "vorig jaar"),
        Placeholder("vorig_jaar.kinderen", None, "onbekend"),
        Placeholder("categorie.Planning en plaatsing", "38", "categorie"),
        Placeholder("categorie.Sluiting groep / locatie", "30", "categorie"),
        Placeholder("label.Partou B.V.", "198", "label"),
    ]
)


def messages(text: str, **kwargs) -> list[str]:
    return [str(problem) for problem in check(text, VALUES, **kwargs)]


class PlaceholderSyntaxTests(SimpleTestCase):
    def test_it_fills_known_names_ignoring_case_and_spaces(self):
        text = "{{ totaal }} / {{vorig_jaar.totaal}} / {{  Categorie.planning   en plaatsing }}"
        self.assertEqual(fill(text, VALUES), "513 / 538 / 38")
        self.assertEqual(messages(text), [])

    def test_names_may_hold_dots_slashes_and_spaces(self):
        text = "{{ label.Partou B.V. }} en {{ categorie.Sluiting groep / locatie }}"
        self.assertEqual(fill(text, VALUES), "198 en 30")

    def test_a_value_the_data_does_not_know_prints_as_nb(self):
        self.assertEqual(fill("{{ vorig_jaar.kinderen }}", VALUES), "n.b.")
        self.assertEqual(messages("{{ vorig_jaar.kinderen }}"), [])

    def test_an_unknown_name_is_an_error_in_dutch_with_a_suggestion_never_empty(self):
        problems = messages("Regel een\nWe hadden {{ totale }} klachten.")
        self.assertEqual(len(problems), 1)
        self.assertIn("Onbekende plaatshouder {{ totale }}", problems[0])
        self.assertIn("regel 2", problems[0])
        self.assertIn("Bedoel je {{ totaal }}?", problems[0])
        self.assertIn("[FOUT: onbekende plaatshouder {{ totale }}]", fill("{{ totale }}", VALUES))

    def test_unclosed_empty_and_broken_placeholders_are_errors(self):
        self.assertIn("niet goed afgesloten", messages("Het waren {{ totaal klachten.")[0])
        self.assertIn("niet goed afgesloten", messages("Het waren totaal }} klachten.")[0])
        self.assertIn("Lege plaatshouder", messages("{{ }}")[0])
        self.assertIn("op één regel", messages("{{ categorie.Planning\nen plaatsing }}")[0])

    def test_the_table_marker_must_stand_alone_once_where_the_section_has_a_table(self):
        self.assertEqual(messages("Tekst.\n\n{{ tabel }}\n\nMeer.", allow_block=True), [])
        self.assertIn("geen tabel", messages("Tekst.\n\n{{ tabel }}")[0])
        self.assertIn("eigen alinea", messages("Zie {{ tabel }} hier.", allow_block=True)[0])
        self.assertIn("één keer", messages("{{ tabel }}\n\nx\n\n{{ tabel }}", allow_block=True)[-1])


class ProseTests(SimpleTestCase):
    def test_it_reads_paragraphs_line_breaks_bullets_and_bold(self):
        blocks = prose.parse("Eerste **vet** alinea.\nNieuwe regel.\n\n- een\n- twee\n\n{{ tabel }}\n\nLaatste.")
        self.assertEqual(
            [type(block).__name__ for block in blocks], ["Paragraph", "BulletList", "BlockMarker", "Paragraph"]
        )
        self.assertEqual(
            str(prose.to_html(blocks)),
            "<p>Eerste <strong>vet</strong> alinea.<br>Nieuwe regel.</p>\n<ul><li>een</li><li>twee</li></ul>\n"
            "<p>Laatste.</p>",
        )

    def test_html_in_a_text_is_escaped(self):
        html = str(prose.to_html(prose.parse("<script>alert(1)</script> & co")))
        self.assertEqual(html, "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p>")

    def test_placeholders_are_filled_after_the_structure_is_read(self):
        blocks = prose.parse("**{{ totaal }}** klachten", fill=lambda text: fill(text, VALUES))
        self.assertEqual(prose.plain_text(blocks), "513 klachten")
        self.assertTrue(blocks[0].lines[0][0].bold)

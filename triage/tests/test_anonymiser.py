"""The anonymiser's own rules (regular expressions, known names, role words),
without deduce so they run in milliseconds; deduce itself: test_deduce.py."""

from django.test import SimpleTestCase

from triage.anonymiser import anonymise


def clean(text: str, **options) -> str:
    return anonymise(text, use_deduce=False, **options).text


class PersonalDataTests(SimpleTestCase):
    def test_each_kind_of_personal_data_is_replaced(self):
        cases = {
            "Mail mij op j.de.vries@hotmail.com graag.": "Mail mij op [e-mailadres] graag.",
            "Bel 06-12345678 of 020 123 45 67 of +31 6 1234 5678.": (
                "Bel [telefoonnummer] of [telefoonnummer] of [telefoonnummer]."
            ),
            "Wij wonen aan de Kerkstraat 12a in Utrecht.": "Wij wonen aan de [adres] in Utrecht.",
            "Postcode 3512 AB.": "Postcode [postcode].",
            "Zij is geboren op 12-03-2021 en heet.": "Zij is geboren op [geboortedatum] en heet.",
            "Geboortedatum: 4 mei 2020.": "Geboortedatum: [geboortedatum].",
            "Geboortedatum van mijn zoon: 4 mei 2020.": "Geboortedatum van mijn zoon: [geboortedatum].",
            "Hij is op 12-05-2020 geboren.": "Hij is op [geboortedatum] geboren.",
            "Zijn BSN is 123456782.": "Zijn BSN is [BSN].",
            "Het BSN 123.45.67.82 stond op de lijst.": "Het BSN [BSN] stond op de lijst.",
            "Terugstorten op NL91 ABNA 0417 1643 00 graag.": "Terugstorten op [rekeningnummer] graag.",
            "Een auto met kenteken 12-ABC-3 stond op de stoep.": "Een auto met kenteken [kenteken] stond op de stoep.",
            "Zij postte het op @mama_lisa.": "Zij postte het op [account].",
            "Zie instagram.com/juf.sanne voor de foto's.": "Zie [account] voor de foto's.",
        }
        for text, expected in cases.items():
            with self.subTest(text=text):
                self.assertEqual(clean(text), expected)

    def test_a_name_after_a_role_word_is_dropped_and_found_again_later(self):
        result = anonymise(
            "Mijn dochter Aylin werd door juf Sanne niet getroost. Aylin huilde, Sanne lachte.", use_deduce=False
        )
        self.assertEqual(result.text, "Mijn dochter werd door juf niet getroost. Kind huilde, medewerker lachte.")
        self.assertEqual({r["original"].strip() for r in result.replacements}, {"Aylin", "Sanne"})

    def test_names_from_many_origins_after_a_role_word(self):
        for name in (
            "Kwame Mensah",
            "Fatima El Amrani",
            "Ayşe Yılmaz",
            "Sjoukje Hoekstra",
            "Małgorzata Wiśniewska",
            "Tesfay Gebremedhin",
            "Anne-Fleur van den Berg-Jansen",
            "Shurwin Martina",
        ):
            with self.subTest(name=name):
                self.assertEqual(clean(f"De leidster {name} was er niet."), "De leidster was er niet.")

    def test_the_group_after_a_name_stays(self):
        self.assertEqual(clean("Juf Sjoukje Hoekstra van de Vlindertjes hielp."), "Juf van de Vlindertjes hielp.")

    def test_a_name_joined_by_en_to_a_name_found_is_a_name(self):
        self.assertEqual(clean("Mijn zoon Ravi en Shurwin zijn broers."), "Mijn zoon en [naam] zijn broers.")
        self.assertEqual(clean("Mijn zoon Ravi en Rakkertjes.", protected=["Rakkertjes"]), "Mijn zoon en Rakkertjes.")

    def test_the_names_the_system_knows_become_their_role(self):
        text = "Fatima El Amrani klaagde over Kees Bakker. Later sprak Bakker met Fatima."
        known = {"Fatima El Amrani": "ouder", "Kees Bakker": "locatiemanager"}
        self.assertEqual(
            clean(text, known_names=known), "Ouder klaagde over locatiemanager. Later sprak locatiemanager met ouder."
        )

    def test_offsets_point_at_the_replacements_in_the_new_text(self):
        result = anonymise("Bel 0612345678 of mail a@b.nl.", use_deduce=False)
        for item in result.replacements:
            self.assertEqual(result.text[item["start"] : item["end"]], item["replacement"])


class WhatStaysTests(SimpleTestCase):
    def test_locations_groups_months_weekdays_and_roles_stay(self):
        text = (
            "Op maandag 3 maart haalde de locatiemanager van BSO De Rakkertjes ons kind op bij groep de Zonnetjes; "
            "de pedagogisch medewerker en de ouder spraken in december af."
        )
        self.assertEqual(clean(text, protected=["BSO De Rakkertjes"]), text)

    def test_a_protected_location_after_a_role_word_stays(self):
        text = "De medewerker Rakkertjes-team belde."  # odd, but a location name is never taken for a person
        self.assertEqual(clean(text, protected=["Rakkertjes-team"]), text)

    def test_text_without_personal_data_is_unchanged(self):
        for text in (
            "De opvang sloot twee keer te vroeg en de ouders werden niet op tijd ingelicht.",
            "Het eten was koud en er waren te weinig medewerkers op de groep.",
            "Factuur 2024-117 bevatte 14 uur te veel; het verschil is 86,50 euro.",
        ):
            with self.subTest(text=text):
                self.assertEqual(clean(text), text)

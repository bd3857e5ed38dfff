"""The anonymiser with deduce, as the worker runs it. deduce loads its lookup
structures from the cache `manage.py triage_prepare` built (tens of seconds,
once for this module); without that cache its first start takes minutes."""

from django.test import SimpleTestCase, override_settings

from config.testing import register
from triage.anonymiser import Anonymiser, deduce_instance
from triage.services import publication_draft_make
from triage.tests.helpers import TriageTestCase


class DeduceAnonymiserTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        deduce_instance()
        cls.anonymiser = Anonymiser(protected=["Rakkertjes", "BSO Oceaan"])

    def test_names_without_a_role_word_are_found_by_deduce(self):
        result = self.anonymiser.anonymise("Jan de Vries belde over de factuur.")
        self.assertEqual(result.text, "[naam] belde over de factuur.")
        self.assertEqual(result.replacements[0]["original"], "Jan de Vries")

    def test_street_addresses_are_found_by_deduce(self):
        self.assertEqual(
            self.anonymiser.anonymise("Wij wonen aan de Julianalaan 4 in Arnhem.").text,
            "Wij wonen aan de [adres] in Arnhem.",
        )

    def test_locations_groups_months_weekdays_and_towns_stay(self):
        text = "Op maandag 3 maart was groep de Zonnetjes van Rakkertjes in Utrecht dicht, en in december BSO Oceaan."
        self.assertEqual(self.anonymiser.anonymise(text).text, text)

    def test_text_without_personal_data_is_unchanged(self):
        text = "De ouder vindt dat er te weinig buiten wordt gespeeld en dat de groep te vol is."
        self.assertEqual(self.anonymiser.anonymise(text).text, text)

    def test_a_role_word_name_and_a_known_name_together(self):
        anonymiser = Anonymiser(known_names={"Ayşe Yılmaz": "ouder"}, protected=["Rakkertjes"])
        result = anonymiser.anonymise("Ayşe Yılmaz zegt dat juf Femke haar zoon Deniz niet zag vallen.")
        self.assertEqual(result.text, "Ouder zegt dat juf haar zoon niet zag vallen.")


@override_settings(TRIAGE_USE_DEDUCE=True)
class DraftWithDeduceTests(TriageTestCase):
    def test_the_draft_of_a_complaint_uses_deduce_when_turned_on(self):
        deduce_instance()
        complaint = register(location=self.oceaan, description="Jan de Vries van Partou BSO Oceaan 16 belde niet.")
        draft = publication_draft_make(complaint=complaint)
        self.assertEqual(draft.text, "[naam] van Partou BSO Oceaan 16 belde niet.")

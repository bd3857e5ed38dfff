"""One match key for names: the models store it, the importer and the searches match with it."""

from django.test import TestCase

from imports.parser import canonical_location_names
from organisation.keys import location_key, match_key
from organisation.models import LegalEntity, Location
from organisation.models import match_key as model_match_key


class MatchKeyTests(TestCase):
    def test_it_ignores_case_spaces_hyphens_and_punctuation(self):
        self.assertEqual(match_key("Partou KDV Ka-naalweg 176"), "partoukdvkanaalweg176")
        self.assertEqual(match_key("Partou B.V."), match_key("partou  bv"))
        self.assertEqual(match_key("snake_case"), "snakecase")

    def test_it_keeps_letters_beyond_ascii_and_composes_first(self):
        self.assertEqual(match_key("Één"), "één")
        self.assertEqual(match_key("Cafe\u0301"), match_key("Café"))
        self.assertNotEqual(match_key("Solदातje"), match_key("Soldaatje"))

    def test_the_models_and_the_importer_use_the_same_function(self):
        self.assertIs(model_match_key, match_key)
        entity = LegalEntity.objects.create(name="Partou B.V.")
        location = Location.objects.create(name="Partou KDV Ka-naalweg 176", legal_entity=entity)
        self.assertEqual(location.match_key, match_key(location.name))
        self.assertEqual(entity.match_key, "partoubv")
        self.assertEqual(list(canonical_location_names(["Partou KDV Kanaalweg 176"])), [location.match_key])


class LocationKeyTests(TestCase):
    def test_a_register_location_carries_its_lrk_number_in_its_key(self):
        self.assertEqual(location_key("Partou KDV Otje"), "partoukdvotje")
        self.assertEqual(location_key("Partou KDV Otje", "123456789"), "partoukdvotje#123456789")
        # No printed name can have that key: a historical name never lands on a register location.
        self.assertNotIn("#", match_key("Partou KDV Otje #123456789"))

    def test_a_historical_and_a_register_location_of_one_name_coexist(self):
        partou = LegalEntity.objects.create(name="Partou B.V.")
        Location.objects.create(name="Partou KDV Otje", legal_entity=partou)
        register = Location.objects.create(name="Partou KDV Otje", legal_entity=partou, lrk_number="123456789")
        self.assertEqual(register.match_key, "partoukdvotje#123456789")
        self.assertEqual(Location.objects.get(match_key=match_key("Partou KDV Otje")).lrk_number, None)

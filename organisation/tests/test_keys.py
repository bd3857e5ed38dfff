"""One match key for names: the models store it, the importer and the searches match with it."""

from django.test import TestCase

from imports.parser import canonical_location_names
from organisation.keys import match_key
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

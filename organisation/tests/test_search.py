"""The words one typo from a typed one (``organisation.search``), which the location
search falls back on when nothing matches exactly (issue 12 point 3)."""

from unittest import skipUnless

from django.db import connection

from config.testing import BaseTestCase
from organisation.models import Location
from organisation.search import FUZZY_MAX_WORDS, vocabulary_forget, words_near


class WordsNearTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for name, city in [
            ("BSO Het Tinnen-Soldaatje", "Utrecht"),
            ("KDV Søren", "Zeist"),
            ("KDV Kameleon", "Utrecht"),
            ("KDV Kameleons", "Houten"),
        ]:
            Location.objects.create(name=name, city=city, legal_entity=cls.partou)
        Location.objects.create(name="KDV Kamelion", city="Utrecht", legal_entity=cls.partou, is_active=False)

    def setUp(self) -> None:
        vocabulary_forget()  # the word list of another test's locations is kept per process

    def test_one_letter_added_left_out_changed_or_two_swapped(self):
        self.assertEqual(words_near("utrehct"), ["utrecht"])  # swapped
        self.assertEqual(words_near("utrech"), ["utrecht"])  # left out
        self.assertEqual(words_near("uttrecht"), ["utrecht"])  # added
        self.assertEqual(words_near("utrocht"), ["utrecht"])  # changed
        self.assertEqual(words_near("soldaatej"), ["soldaatje"])  # a part of a hyphenated name

    def test_two_typos_short_terms_and_inactive_locations_find_nothing(self):
        self.assertEqual(words_near("utrehcy"), [])
        self.assertEqual(words_near("bs"), [])  # one typo from "bso", but too short to guess
        self.assertEqual(words_near("kamelion"), ["kameleon"])  # the inactive "kamelion" is no word
        self.assertEqual(words_near("x" * 60), [])

    def test_a_word_itself_is_not_near_but_its_neighbours_are_in_alphabetical_order(self):
        self.assertEqual(words_near("kameleon"), ["kameleons"])
        self.assertEqual(words_near("kameleoa"), ["kameleon"])
        self.assertEqual(words_near("kameleonx"), ["kameleon", "kameleons"])

    def test_a_letter_kept_by_folding_is_found_by_changing_one(self):
        # NFKD leaves "ø" as it is: "soren" is one letter changed from the word "søren".
        self.assertEqual(words_near("soren"), ["søren"])

    def test_at_most_a_dozen_words_the_term_itself_counted(self):
        letters = "abcdefghijklmnopqrst"
        for letter in letters:
            Location.objects.create(name=f"Kerkstraat{letter}", legal_entity=self.partou)
        self.assertEqual(words_near("kerkstraat"), [f"kerkstraat{letter}" for letter in letters[:FUZZY_MAX_WORDS]])
        Location.objects.create(name="Kerkstraat", legal_entity=self.partou)
        near = [f"kerkstraat{letter}" for letter in letters[: FUZZY_MAX_WORDS - 1]]
        self.assertEqual(words_near("kerkstraat"), near)

    def test_a_saved_location_is_searched_at_once(self):
        self.assertEqual(words_near("regenbooh"), [])
        Location.objects.create(name="KDV Regenboog", legal_entity=self.partou)
        self.assertEqual(words_near("regenbooh"), ["regenboog"])


@skipUnless(connection.vendor == "postgresql", "the trigram index exists on PostgreSQL only")
class TrigramIndexTests(BaseTestCase):
    def test_the_index_has_no_pending_list_a_search_would_read_through(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'location_search_text_trgm'")
            (options,) = cursor.fetchone()
        self.assertIn("fastupdate=off", options)

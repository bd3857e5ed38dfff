"""Finding a register location on the public form (issue 12 point 3): by any part of
name, town, street or postcode, ignoring accents, case and hyphens, one typo
tolerated, the town with each name, with and without JavaScript."""

from django.urls import reverse

from complaints.selectors import location_matches, location_search
from intake.tests.base import IntakeTestCase
from organisation.models import Location

HTMX = {"HTTP_HX_REQUEST": "true"}


class RegisterSearchTests(IntakeTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()

        def place(name, lrk, street, postcode, city, **extra):
            return Location.objects.create(
                name=name, legal_entity=cls.partou, lrk_number=lrk, street=street, postcode=postcode, city=city, **extra
            )

        cls.mozaiek = place("Kinderdagverblijf De Mozaïek", "100000001", "Prinsengracht 12", "1012 AB", "Amsterdam")
        cls.tinnen = place("BSO Het Tinnen-Soldaatje", "100000002", "Oudegracht 3", "3511 AB", "Utrecht")
        cls.zeist = place("Peuteropvang Kameleon", "100000003", "Slotlaan 8", "3701 GB", "Zeist")
        cls.closed = place("BSO Gesloten Mozaïek", "100000004", "Damrak 1", "1012 LG", "Amsterdam", is_active=False)

    def names(self, query: str, **kwargs) -> list[str]:
        return [
            location.name for location in location_matches(query=query, limit=None, public=True, **kwargs).locations
        ]

    def test_accents_case_and_hyphens_do_not_matter(self):
        self.assertEqual(self.names("mozaiek"), ["Kinderdagverblijf De Mozaïek"])
        self.assertEqual(self.names("MOZAÏEK"), ["Kinderdagverblijf De Mozaïek"])
        self.assertEqual(self.names("tinnen soldaatje"), ["BSO Het Tinnen-Soldaatje"])
        self.assertEqual(self.names("tinnensoldaatje"), ["BSO Het Tinnen-Soldaatje"])

    def test_it_finds_by_town_street_and_postcode(self):
        self.assertEqual(self.names("utrecht"), ["BSO Het Tinnen-Soldaatje"])
        self.assertEqual(self.names("utrech"), ["BSO Het Tinnen-Soldaatje"])
        self.assertEqual(self.names("prinsengracht"), ["Kinderdagverblijf De Mozaïek"])
        self.assertEqual(self.names("1012"), ["Kinderdagverblijf De Mozaïek"])
        self.assertEqual(self.names("1012ab"), ["Kinderdagverblijf De Mozaïek"])
        self.assertEqual(self.names("1012 AB"), ["Kinderdagverblijf De Mozaïek"])

    def test_it_tolerates_one_typo_only_when_nothing_matches_exactly(self):
        self.assertEqual(self.names("utrehct"), ["BSO Het Tinnen-Soldaatje"])  # two letters swapped
        self.assertEqual(self.names("mozaik"), ["Kinderdagverblijf De Mozaïek"])  # one left out
        self.assertEqual(self.names("kameleom zeist"), ["Peuteropvang Kameleon"])
        self.assertTrue(location_matches(query="utrehct", limit=None, public=True).fuzzy)
        self.assertFalse(location_matches(query="utrecht", limit=None, public=True).fuzzy)
        self.assertEqual(self.names("amsterdxxm"), [])  # two typos: nothing

    def test_only_active_register_locations_once_the_register_is_loaded(self):
        # The BaseTestCase locations have no LRK number: names known only from a report.
        self.assertNotIn("Partou BSO Oceaan 16", self.names("amsterdam"))
        self.assertNotIn("BSO Gesloten Mozaïek", self.names("mozaiek"))
        # The staff screens still reach every active location.
        self.assertIn(self.oceaan, location_search(query="oceaan"))

    def test_the_htmx_search_lists_the_town_with_each_name_in_one_query(self):
        with self.assertNumQueries(1):
            response = self.client.get(reverse("intake:location_search"), {"q": "1012"}, **HTMX)
        self.assertContains(
            response, f'<option value="{self.mozaiek.pk}">Kinderdagverblijf De Mozaïek, Amsterdam</option>'
        )
        response = self.client.get(reverse("intake:location_search"), {"q": "utrehct"}, **HTMX)
        self.assertContains(response, "deze locaties lijken erop")
        self.assertContains(response, "BSO Het Tinnen-Soldaatje, Utrecht")

    def test_without_javascript_the_search_button_narrows_the_list(self):
        response = self.client.post(self.form_url, self.form_data(q="mozaiek", zoek="1", location=""))
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, f'<option value="{self.mozaiek.pk}">Kinderdagverblijf De Mozaïek, Amsterdam</option>'
        )
        self.assertNotContains(response, "Tinnen-Soldaatje")
        self.assertContains(response, "Mijn locatie staat er niet bij")
        # A search link (no htmx) lands on the form with the list narrowed.
        redirect = self.client.get(reverse("intake:location_search"), {"q": "zeist"})
        self.assertEqual(redirect.status_code, 302)
        page = self.client.get(redirect["Location"])
        self.assertContains(page, "Peuteropvang Kameleon, Zeist")
        self.assertNotContains(page, "De Mozaïek, Amsterdam")

    def test_a_register_location_can_be_chosen_and_a_historical_one_cannot(self):
        response = self.submit(location=str(self.zeist.pk))
        self.assertEqual(response.status_code, 303)
        response = self.submit(location=str(self.oceaan.pk), submission_key="8a0f3c4e-2b1d-4c8e-9f6a-1d2e3f4a5b6c")
        self.assertContains(response, "Deze locatie bestaat niet (meer)")

from django.urls import reverse

from config.testing import make_location
from intake.tests.base import IntakeTestCase

HTMX = {"HTTP_HX_REQUEST": "true"}
# An option for a location (the "Kies een locatie" placeholder has an empty value).
LOCATION_OPTION = r'<option value="\d'


class LocationSearchTests(IntakeTestCase):
    url = reverse("intake:location_search")

    def search(self, query: str, **params: str):
        return self.client.get(self.url, {"q": query, **params}, **HTMX)

    def test_it_finds_locations_by_part_of_the_name_whatever_the_case(self):
        response = self.search("oCEAAN")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f'<option value="{self.oceaan.pk}">Partou BSO Oceaan 16, Amsterdam</option>')
        self.assertNotContains(response, "Rakkertjes")
        self.assertContains(response, "1 locatie gevonden voor ‘oCEAAN’.")

    def test_it_finds_locations_by_place(self):
        response = self.search("utrecht")
        self.assertContains(response, f'<option value="{self.rakkertjes.pk}">Rakkertjes, Utrecht</option>')
        self.assertNotContains(response, "Oceaan")

    def test_it_needs_every_word_to_match_the_name_or_the_place(self):
        self.assertContains(self.search("oceaan amsterdam"), "Partou BSO Oceaan 16")
        self.assertNotContains(self.search("oceaan utrecht"), "Partou BSO Oceaan 16")

    def test_it_ignores_spaces_and_hyphens_inside_a_name(self):
        kanaal = make_location("Kanaalweg 176", entity=self.partou)
        self.assertContains(self.search("ka-naalweg"), f'<option value="{kanaal.pk}">')

    def test_it_lists_only_active_locations(self):
        closed = make_location("Oceaan Oud", entity=self.partou)
        closed.is_active = False
        closed.save()
        self.assertNotContains(self.search("oceaan"), "Oceaan Oud")

    def test_it_keeps_the_chosen_location_selected(self):
        response = self.search("oceaan", location=str(self.oceaan.pk))
        self.assertContains(response, f'<option value="{self.oceaan.pk}" selected>')

    def test_it_shows_at_most_thirty_and_asks_to_type_more(self):
        for number in range(35):
            make_location(f"Zonnetje {number:02d}", entity=self.smallsteps)
        with self.assertNumQueries(1):
            response = self.search("zonnetje")
        self.assertContains(response, "Zonnetje 29")
        self.assertNotContains(response, "Zonnetje 30")
        self.assertContains(response, "Meer dan 30 locaties gevonden")

    def test_it_empties_the_list_when_the_search_is_emptied(self):
        # As on the form itself: every location would be up to 30,000 options.
        with self.assertNumQueries(0):
            response = self.search("")
        self.assertNotRegex(response.content.decode(), LOCATION_OPTION)
        # The location already chosen stays chosen.
        response = self.search("", location=str(self.oceaan.pk))
        self.assertContains(response, f'<option value="{self.oceaan.pk}" selected>')
        self.assertNotContains(response, f'<option value="{self.margriet.pk}"')

    def test_it_says_when_nothing_matches(self):
        response = self.search("<b>bestaat niet</b>")
        self.assertContains(response, "Geen locatie gevonden voor ‘&lt;b&gt;bestaat niet&lt;/b&gt;’.")
        self.assertNotRegex(response.content.decode(), LOCATION_OPTION)

    def test_it_takes_wildcards_and_odd_input_as_text(self):
        # A wildcard or an injection attempt matches no location, rather than every one.
        for query in ("%", "_", "' OR 1=1 --", "x" * 500):
            with self.subTest(query=query[:20]):
                response = self.search(query)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "Geen locatie gevonden voor")
                self.assertNotRegex(response.content.decode(), LOCATION_OPTION)

    def test_it_sends_a_browser_without_htmx_to_the_form(self):
        response = self.client.get(self.url, {"q": "zwolle"})
        self.assertRedirects(
            response, reverse("intake:complaint_form") + "?q=zwolle#locatie", fetch_redirect_response=False
        )

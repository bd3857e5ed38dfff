from django.urls import reverse

from config.testing import BaseTestCase, make_location
from staff.views.register import LOCATION_OPTIONS_LIMIT

URL = reverse("staff:location_options")


class LocationOptionsTests(BaseTestCase):
    def setUp(self) -> None:
        self.client.force_login(self.coordinator)

    def test_it_narrows_the_options_to_matching_locations(self):
        response = self.client.get(URL, {"q": "oceaan", "field": "location"})
        self.assertContains(response, f'<option value="{self.oceaan.pk}">Partou BSO Oceaan 16</option>', html=True)
        self.assertNotContains(response, "Margriet")
        self.assertContains(response, '<option value="">Kies een locatie</option>', html=True)

    def test_it_matches_regardless_of_spaces_hyphens_and_case(self):
        response = self.client.get(URL, {"q": "OCEAAN-16"})
        self.assertContains(response, "Partou BSO Oceaan 16")

    def test_it_keeps_the_chosen_location_selected(self):
        response = self.client.get(
            URL, {"q": "oceaan", "field": "handling_location", "handling_location": self.oceaan.pk}
        )
        self.assertContains(
            response, f'<option value="{self.oceaan.pk}" selected>Partou BSO Oceaan 16</option>', html=True
        )
        self.assertContains(response, "Dezelfde als de locatie van de klacht")

    def test_it_says_when_nothing_matches_and_when_there_is_more(self):
        self.assertContains(self.client.get(URL, {"q": "bestaat niet"}), "Geen locatie gevonden")
        for index in range(LOCATION_OPTIONS_LIMIT + 1):
            make_location(f"Locatie {index:03d}", entity=self.partou)
        response = self.client.get(URL, {"q": "locatie"})
        self.assertContains(response, "typ verder om te verfijnen")
        self.assertContains(response, "<option value=", count=LOCATION_OPTIONS_LIMIT + 2)

    def test_it_leaves_out_inactive_locations(self):
        closed = make_location("Gesloten Zonnebloem", entity=self.partou)
        closed.is_active = False
        closed.save()
        self.assertNotContains(self.client.get(URL, {"q": "zonnebloem"}), "Gesloten Zonnebloem")

    def test_it_escapes_the_query_and_ignores_unknown_fields(self):
        response = self.client.get(URL, {"q": "<script>", "field": "password", "password": "1"})
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "<script>")
        self.assertContains(response, "Geen locatie gevonden")
        self.assertNotRegex(response.content.decode(), r'<option value="\d')

    def test_it_takes_wildcards_as_text(self):
        for query in ("%", "_", "' OR 1=1 --"):
            with self.subTest(query=query):
                response = self.client.get(URL, {"q": query})
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "Geen locatie gevonden")
                self.assertNotRegex(response.content.decode(), r'<option value="\d')

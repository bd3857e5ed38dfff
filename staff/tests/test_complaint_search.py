import re

from django.db import connection
from django.urls import reverse

from complaints.services import complaint_forward, note_add
from config.testing import BaseTestCase, register

URL = reverse("staff:complaint_list")


class ComplaintSearchTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.closing = register(
            location=cls.oceaan, description="De groep is vandaag weer gesloten: de sluiting kwam laat."
        )
        cls.closings = register(
            location=cls.oceaan, description="Herhaalde sluitingen van de groep door personeelstekort."
        )
        cls.other = register(location=cls.margriet, description="Sluitingen op locatie Margriet.")
        cls.food = register(location=cls.oceaan, description="Het eten was koud.")
        note_add(complaint=cls.food, text="Kok gesproken over de warmhoudkast.", actor=cls.coordinator)
        cls.hostile = register(location=cls.oceaan, description="<script>alert('sluiting')</script> na de sluiting")

    def found(self, user, **params) -> list[str]:
        self.client.force_login(user)
        response = self.client.get(URL, params)
        self.assertEqual(response.status_code, 200)
        return [complaint.reference for complaint in response.context["page"]]

    def test_it_finds_words_in_description_and_their_longer_forms(self):
        found = self.found(self.coordinator, zoek="sluiting")
        self.assertTrue({self.closing.reference, self.closings.reference, self.other.reference} <= set(found))
        self.assertNotIn(self.food.reference, found)

    def test_it_stems_dutch_words_on_postgresql(self):
        if connection.vendor != "postgresql":
            self.skipTest("Dutch stemming is PostgreSQL's; SQLite's FTS5 fallback matches prefixes")
        self.assertIn(self.closing.reference, self.found(self.coordinator, zoek="sluitingen"))

    def test_it_searches_internal_notes(self):
        self.assertEqual(self.found(self.coordinator, zoek="warmhoudkast"), [self.food.reference])

    def test_it_stays_within_the_users_scope(self):
        for complaint, location in ((self.closings, self.oceaan), (self.other, self.margriet)):
            complaint_forward(
                complaint=complaint,
                category=self.communication,
                location=location,
                handling_location=location,
                actor=self.coordinator,
            )
        found = self.found(self.manager, zoek="sluitingen")
        self.assertIn(self.closings.reference, found)
        self.assertNotIn(self.other.reference, found)

    def test_it_combines_with_the_list_filters(self):
        found = self.found(self.coordinator, zoek="sluitingen", location=self.margriet.pk)
        self.assertEqual(found, [self.other.reference])

    def test_it_highlights_matching_words_and_escapes_the_rest(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(URL, {"zoek": "sluiting", "q": self.hostile.reference})
        html = response.content.decode()
        self.assertIn("<mark>sluiting</mark>", html)
        # PostgreSQL's headline drops the tag, SQLite's snippet keeps it as text: never as markup.
        self.assertNotIn("<script>alert", html)
        if connection.vendor == "sqlite":
            self.assertIn("&lt;script&gt;", html)

    def test_it_takes_search_syntax_as_words_not_as_commands(self):
        # Nothing here is a word of any complaint: no error, and never everything.
        for text in ['"', "-", "OR OR", "a' OR 1=1 --", "*"]:
            with self.subTest(text=text):
                self.client.force_login(self.coordinator)
                response = self.client.get(URL, {"zoek": text})
                self.assertEqual(response.status_code, 200)
                self.assertFalse(response.context["filter"].form.errors)
                self.assertEqual([complaint.reference for complaint in response.context["page"]], [])
                self.assertContains(response, "Geen klachten gevonden met deze filters.")
        # An operator after a word does not stop the word being found, nor widen the search.
        found = self.found(self.coordinator, zoek="sluiting AND")
        self.assertNotIn(self.food.reference, found)

    def test_it_refuses_an_overlong_search_with_a_message(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(URL, {"zoek": "sluiting " * 40})
        self.assertEqual(response.status_code, 200)
        self.assertIn("zoek", response.context["filter"].form.errors)
        self.assertContains(response, "Zorg dat deze waarde niet meer dan 200 tekens bevat")
        self.assertEqual(list(response.context["page"]), [])
        self.assertContains(response, "Geen klachten gevonden met deze filters.")


class ComplaintSearchCapTests(BaseTestCase):
    def test_it_ranks_only_the_newest_matches_and_says_so(self):
        from unittest import mock

        from complaints import search

        limit = search.MAX_RANKED  # the real one: the patch below only saves creating a thousand complaints
        complaints = [register(location=self.oceaan, description=f"Sluiting nummer {n}.") for n in range(5)]
        self.client.force_login(self.coordinator)
        with mock.patch("complaints.search.MAX_RANKED", 3):
            response = self.client.get(URL, {"zoek": "sluiting"})
            below = self.client.get(URL, {"zoek": "nummer 4"})
        found = [complaint.reference for complaint in response.context["page"]]
        self.assertEqual(sorted(found), sorted(c.reference for c in complaints[-3:]))
        self.assertTrue(response.context["filter"].search_capped)
        stated = re.search(
            r"Meer dan ([\d.]+) klachten passen bij deze zoekvraag\. Hieronder staan de nieuwste ([\d.]+),",
            response.content.decode(),
        )
        self.assertIsNotNone(stated, "the page does not say that only the newest matches are ranked")
        # One number, said twice, and it is the code's: the limit in force (3 here) or the module's own
        # constant, never a figure of the template's that could drift from either.
        self.assertEqual(stated.group(1), stated.group(2))
        self.assertIn(int(stated.group(1).replace(".", "")), {3, limit})
        # Below the limit the page says nothing of the kind.
        self.assertEqual([c.reference for c in below.context["page"]], [complaints[4].reference])
        self.assertNotContains(below, "klachten passen bij deze zoekvraag")

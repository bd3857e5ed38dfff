from annualreport.tests.base import SeedTestCase

URL = "/jaarverslag/2025/colofon/"


class ColophonEditViewTests(SeedTestCase):
    def test_the_coordinator_sets_version_author_and_date(self):
        self.client.force_login(self.coordinator)
        self.assertContains(self.client.get(URL), 'value="Partou kinderopvang, klachtencoördinatie"')
        response = self.client.post(
            URL,
            {
                "title": "Klachtenjaarverslag",
                "organisation": "Partou kinderopvang",
                "version": "1.1",
                "author": "Partou kinderopvang, klachtencoördinatie",
                "report_date": "2026-05-31",
            },
        )
        self.assertRedirects(response, "/jaarverslag/2025/")
        page = self.client.get("/jaarverslag/2025/")
        self.assertContains(page, "<td>1.1</td>", html=False)
        self.assertContains(page, "31 mei 2026")

    def test_missing_fields_are_shown(self):
        self.client.force_login(self.coordinator)
        response = self.client.post(URL, {"title": "", "organisation": "", "version": "", "author": ""})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Niet alles is goed ingevuld")

    def test_only_the_coordinator(self):
        self.client.force_login(self.management)
        self.assertEqual(self.client.get(URL).status_code, 403)

"""Which language a page is in (config.middleware.DutchFirstLocaleMiddleware) and the
language switch on every public page (templates/includes/language_switch.html)."""

import re

from django.conf import settings
from django.test import Client, SimpleTestCase
from django.urls import reverse
from django.utils import translation

from config.middleware import browser_language
from intake.tests.base import IntakeTestCase

ENGLISH_FIRST = "en-GB,en;q=0.9,nl;q=0.8"


class BrowserLanguageTests(SimpleTestCase):
    def test_english_only_when_the_browser_prefers_it_to_dutch(self):
        languages = {"nl", "en"}
        cases = {
            "": "nl",
            "en": "en",
            ENGLISH_FIRST: "en",
            "nl-NL,nl;q=0.9,en;q=0.8": "nl",
            "de-DE,de;q=0.9": "nl",
            "fr-FR,en;q=0.5": "en",
            "fr-FR,en;q=0.5,nl;q=0.6": "nl",
            "nl;q=0.4, en;q=0.7": "en",
            "en;q=0, nl;q=0.1": "nl",
            "en;q=zero": "nl",
            "en-US;q=0.8, nl-BE;q=0.8": "en",  # equal: the first named
            "*": "nl",
            ";;,,;q=": "nl",
        }
        for header, expected in cases.items():
            with self.subTest(header=header):
                self.assertEqual(browser_language(header, languages), expected)


class FirstVisitTests(IntakeTestCase):
    def test_the_language_of_a_request_ends_with_it(self):
        """A worker thread's next request (or a test's next step) is not in the last visitor's language."""
        self.client.get(self.form_url, HTTP_ACCEPT_LANGUAGE=ENGLISH_FIRST)
        self.assertEqual(translation.get_language(), settings.LANGUAGE_CODE)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        self.assertContains(self.client.get(self.form_url), '<html lang="en">')
        self.assertEqual(translation.get_language(), settings.LANGUAGE_CODE)

    def test_a_public_page_follows_a_browser_that_prefers_english(self):
        response = self.client.get(self.form_url, HTTP_ACCEPT_LANGUAGE=ENGLISH_FIRST)
        self.assertContains(response, "<h1>Make a complaint</h1>", html=True)
        self.assertContains(response, '<html lang="en">')
        self.assertEqual(response["Content-Language"], "en")
        # A cache must keep the two languages of one address apart.
        vary = {part.strip() for part in response["Vary"].split(",")}
        self.assertLessEqual({"Cookie", "Accept-Language"}, vary)

    def test_dutch_otherwise(self):
        for header in ("", "nl-NL,nl;q=0.9,en;q=0.8", "de-DE,fr;q=0.5", "tr"):
            with self.subTest(header=header):
                response = self.client.get(self.form_url, HTTP_ACCEPT_LANGUAGE=header)
                self.assertContains(response, "<h1>Klacht indienen</h1>", html=True)
                self.assertEqual(response["Content-Language"], "nl")

    def test_the_privacy_statement_the_status_link_form_and_a_missing_page_follow_it_too(self):
        for url, english in (
            (reverse("intake:privacy"), "Privacy statement for the complaint form"),
            (reverse("intake:status_link_request"), "Send me the link again"),
            ("/bestaat-niet/", "This page does not exist"),
        ):
            with self.subTest(url=url):
                response = self.client.get(url, HTTP_ACCEPT_LANGUAGE=ENGLISH_FIRST)
                self.assertContains(response, english, status_code=response.status_code)

    def test_staff_screens_stay_dutch_for_an_english_browser(self):
        self.assertContains(self.client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE=ENGLISH_FIRST), '<html lang="nl">')
        self.client.force_login(self.coordinator)
        response = self.client.get(reverse("staff:worklist"), HTTP_ACCEPT_LANGUAGE=ENGLISH_FIRST)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<html lang="nl">')
        self.assertEqual(response["Content-Language"], "nl")


class CookieTests(IntakeTestCase):
    def test_the_chosen_language_wins_over_the_browser(self):
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
        response = self.client.get(self.form_url, HTTP_ACCEPT_LANGUAGE=ENGLISH_FIRST)
        self.assertContains(response, "<h1>Klacht indienen</h1>", html=True)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = self.client.get(self.form_url, HTTP_ACCEPT_LANGUAGE="nl")
        self.assertContains(response, "<h1>Make a complaint</h1>", html=True)

    def test_an_unknown_language_in_the_cookie_counts_as_none(self):
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
        self.assertContains(self.client.get(self.form_url), "<h1>Klacht indienen</h1>", html=True)
        response = self.client.get(self.form_url, HTTP_ACCEPT_LANGUAGE=ENGLISH_FIRST)
        self.assertContains(response, "<h1>Make a complaint</h1>", html=True)

    def test_staff_get_english_through_the_same_cookie(self):
        self.client.force_login(self.coordinator)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = self.client.get(reverse("staff:worklist"))
        self.assertContains(response, '<html lang="en">')
        # The switch in the staff menu leads back to Dutch.
        self.assertContains(response, 'name="language" value="nl"')


class SwitchTests(IntakeTestCase):
    def setUp(self) -> None:
        self.client = Client(enforce_csrf_checks=True)

    def switch_form(self, response) -> dict[str, str]:
        """The fields of the page's language switch, as a browser would post them."""
        form = re.search(r'<form class="language-switch".*?</form>', response.content.decode(), re.DOTALL).group(0)
        self.assertIn(f'action="{reverse("set_language")}"', form)
        fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
        fields.update(re.findall(r'<button [^>]*name="(language)" value="(\w+)"', form))
        return fields

    def test_every_public_page_has_a_switch_to_the_other_language(self):
        complaint = self.submit_complaint()
        pages = [
            self.form_url,
            reverse("intake:privacy"),
            reverse("intake:status_link_request"),
            reverse("intake:status", args=[complaint.status_token]),
            reverse("intake:status", args=["geen-link"]),
            "/bestaat-niet/",
        ]
        for url in pages:
            with self.subTest(url=url):
                response = self.client.get(url)
                fields = self.switch_form(response)
                self.assertEqual((fields["language"], fields["next"]), ("en", url))
                self.assertContains(response, 'lang="en">English</button>', status_code=response.status_code)

    def test_switching_keeps_the_page_and_the_choice(self):
        complaint = self.submit_complaint()
        status_url = reverse("intake:status", args=[complaint.status_token]) + "?ontvangen=1"
        fields = self.switch_form(self.client.get(status_url))
        self.assertEqual(fields["next"], status_url)

        response = self.client.post(reverse("set_language"), fields)
        self.assertRedirects(response, status_url, fetch_redirect_response=False)
        cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
        self.assertEqual(cookie.value, "en")
        self.assertEqual(cookie["max-age"], 365 * 24 * 60 * 60)
        self.assertTrue(cookie["httponly"])
        self.assertEqual(cookie["samesite"], "Lax")

        page = self.client.get(status_url, HTTP_ACCEPT_LANGUAGE="nl")
        self.assertContains(page, "Thank you — your reference number is")
        back = self.switch_form(page)
        self.assertEqual(back["language"], "nl")
        self.client.post(reverse("set_language"), back)
        self.assertContains(self.client.get(status_url), "Bedankt — uw kenmerk is")

    def test_the_switch_needs_its_csrf_token(self):
        response = self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        self.assertEqual(response.status_code, 403)
        self.assertNotIn(settings.LANGUAGE_COOKIE_NAME, response.cookies)

    def test_it_never_sends_the_visitor_to_another_site(self):
        fields = self.switch_form(self.client.get(self.form_url)) | {"next": "https://elders.example/"}
        response = self.client.post(reverse("set_language"), fields)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], "/")

    def submit_complaint(self):
        from complaints.models import Complaint

        response = Client().post(self.form_url, self.form_data())
        self.assertEqual(response.status_code, 303)
        return Complaint.objects.get()

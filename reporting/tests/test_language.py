"""The office's screens in the staff user's language, its documents in Dutch (issue 18 point 3):
the dashboard, the weekly report, the inbox and the improvement actions follow the language
switch; the weekly report's PDF and e-mail and the dashboard's PDF stay Dutch."""

import re
from unittest import mock

import time_machine
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from notifications.models import OutboundEmail
from reporting.services import weekly_report_send
from reporting.tests.helpers import W47, WeekDataTestCase, at

WEEKLY = reverse("reporting:weekly", args=[2026, 47])
# Dutch words of the screens' own texts (none of them in the test data's names and titles).
DUTCH_WORDS = {
    "klachten", "ontvangen", "afgesloten", "termijn", "geen", "deze", "nog", "niet", "verbeteracties",
    "verbeteractie", "eigenaar", "signalen", "berichten", "gegrond", "aantal", "nieuwe", "tonen", "soort",
    "aanleiding", "afgerond", "openstaand", "ouderdom", "weken",
}  # fmt: skip


def main_words(content: bytes) -> set[str]:
    """The lower-cased words of the page's own part (``<main>``: the staff menu has its own test)."""
    main = re.search(r"<main\b.*?</main>", content.decode(), flags=re.DOTALL).group(0)
    text = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", main, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", text)
    return {word.lower() for word in re.findall(r"[^\W\d_]+", text)}


class CapturedHtml:
    """Stands in for WeasyPrint's HTML: keeps the document's HTML, makes no PDF (cheap)."""

    def __init__(self) -> None:
        self.pages: list[str] = []

    def __call__(self, *, string: str, **_kwargs):
        self.pages.append(string)
        return mock.Mock(write_pdf=mock.Mock(return_value=b"%PDF-1.7 stand-in"))


class OfficeLanguageTests(WeekDataTestCase):
    def setUp(self) -> None:
        traveller = time_machine.travel(at(2026, 11, 25, 10, 0), tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)
        self.client.force_login(self.coordinator)

    def switch_to_english(self) -> None:
        response = self.client.post(reverse("set_language"), {"language": "en", "next": WEEKLY})
        self.assertRedirects(response, WEEKLY, fetch_redirect_response=False)
        self.assertEqual(self.client.cookies[settings.LANGUAGE_COOKIE_NAME].value, "en")

    def test_the_screens_are_dutch_first_and_english_after_the_switch(self):
        screens = {
            reverse("reporting:dashboard"): ("Dashboard klachten 2026", "Complaints dashboard 2026"),
            WEEKLY: ("Weekrapportage klachten, week 47 van 2026", "Weekly complaints report, week 47 of 2026"),
            reverse("inbox:queue"): ("Er wachten geen berichten", "No messages are waiting"),
            reverse("improvements:list"): ("Nieuwe verbeteractie", "New improvement action"),
        }
        for url, (dutch, _english) in screens.items():
            with self.subTest(url=url, language="nl"):
                response = self.client.get(url)
                self.assertContains(response, '<html lang="nl"')
                self.assertContains(response, dutch)
                self.assertTrue(main_words(response.content) & DUTCH_WORDS)  # the word list can see Dutch
        self.switch_to_english()
        for url, (dutch, english) in screens.items():
            with self.subTest(url=url, language="en"):
                response = self.client.get(url)
                self.assertContains(response, '<html lang="en"')
                self.assertContains(response, english)
                self.assertNotContains(response, dutch)
                self.assertEqual(main_words(response.content) & DUTCH_WORDS, set())

    def test_the_weekly_report_pdf_of_an_english_reader_is_dutch(self):
        self.switch_to_english()
        captured = CapturedHtml()
        with mock.patch("weasyprint.HTML", captured):
            response = self.client.get(reverse("reporting:weekly_pdf", args=[2026, 47]))
            dashboard = self.client.get(reverse("reporting:dashboard_pdf"))
        self.assertEqual((response.status_code, dashboard.status_code), (200, 200))
        weekly_html, dashboard_html = captured.pages
        for text in ("Weekrapportage klachten, week 47 van 2026", "Open klachten naar ouderdom", "meer dan 6 weken"):
            self.assertIn(text, weekly_html)
        self.assertIn('aria-label="Ontvangen en afgesloten klachten per week', weekly_html)  # the chart too
        self.assertNotIn("Weekly complaints report", weekly_html)
        self.assertNotIn("more than 6 weeks", weekly_html)
        for text in ("Dashboard klachten 2026", "Ontvangen per maand", ">mrt<", "Nog niet ingedeeld"):
            self.assertIn(text, dashboard_html)
        self.assertNotIn("Not yet categorised", dashboard_html)
        self.assertNotIn(">Mar<", dashboard_html)

    @override_settings(MANAGEMENT_EMAILS=["directie@k.test"])
    def test_the_weekly_report_email_is_dutch_whatever_language_is_active(self):
        captured = CapturedHtml()
        with translation.override("en"), mock.patch("weasyprint.HTML", captured):
            weekly_report_send(week_start=W47, force=True)
        email = OutboundEmail.objects.get(template="weekly_report")
        self.assertIn("(16 november t/m 22 november 2026)", email.subject)
        self.assertIn("Open klachten naar ouderdom", captured.pages[0])
        self.assertNotIn("Open complaints by age", captured.pages[0])

"""Issue 10, point 4: Dutch error pages in the site's layout without technical detail,
a Content Security Policy without inline script, and the other security headers."""

from datetime import UTC, datetime, timedelta

import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import Client, override_settings
from django.urls import include, path

from config.testing import BaseTestCase


def _fails(request):
    raise ValueError("geheime technische details")


def _suspicious(request):
    raise SuspiciousOperation("kapot verzoek")


def _forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("stuk/", _fails),
    path("verdacht/", _suspicious),
    path("verboden/", _forbidden),
    path("", include("config.urls")),
]


@override_settings(ROOT_URLCONF=__name__)
class ErrorPageTests(BaseTestCase):
    def test_404_is_dutch_in_the_public_layout_for_a_parent(self):
        response = self.client.get("/bestaat-niet/")
        self.assertContains(response, "Deze pagina bestaat niet", status_code=404)
        self.assertContains(response, '<html lang="nl">', status_code=404)
        self.assertContains(response, "Naar het klachtenformulier", status_code=404)
        self.assertNotContains(response, "Page not found", status_code=404)
        self.assertNotContains(response, "URLconf", status_code=404)

    def test_404_keeps_the_staff_menu_for_staff(self):
        self.client.force_login(self.coordinator)
        response = self.client.get("/staff/bestaat-niet/")
        self.assertContains(response, "Deze pagina bestaat niet", status_code=404)
        self.assertContains(response, "Werkvoorraad", status_code=404)

    def test_403_is_dutch(self):
        self.client.force_login(self.manager)
        response = self.client.get("/verboden/")
        self.assertContains(response, "U heeft geen toegang tot deze pagina", status_code=403)

    def test_400_is_dutch(self):
        response = self.client.get("/verdacht/")
        self.assertContains(response, "Dit verzoek konden we niet verwerken", status_code=400)

    def test_500_is_dutch_and_shows_no_technical_detail(self):
        client = Client(raise_request_exception=False)
        response = client.get("/stuk/")
        self.assertContains(response, "Er ging bij ons iets mis", status_code=500)
        self.assertNotContains(response, "geheime technische details", status_code=500)
        self.assertNotContains(response, "Traceback", status_code=500)


class HeaderTests(BaseTestCase):
    def test_every_page_has_a_policy_that_allows_no_inline_script(self):
        response = self.client.get("/")
        policy = dict(directive.strip().split(" ", 1) for directive in response["Content-Security-Policy"].split(";"))
        self.assertEqual(policy["script-src"], "'self'")
        self.assertEqual(policy["object-src"], "'none'")
        self.assertEqual(policy["frame-ancestors"], "'none'")
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Referrer-Policy"], "same-origin")

    @override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_SSL_REDIRECT=True)
    def test_hsts_and_the_redirect_to_https_when_configured(self):
        self.assertEqual(self.client.get("/privacy/").status_code, 301)
        response = self.client.get("/privacy/", secure=True)
        self.assertEqual(response["Strict-Transport-Security"], "max-age=31536000; includeSubDomains")

    def test_staff_sessions_end_with_the_browser_and_after_a_working_day_without_activity(self):
        self.assertTrue(settings.SESSION_EXPIRE_AT_BROWSER_CLOSE)
        self.assertEqual(settings.SESSION_COOKIE_AGE, 9 * 60 * 60)
        start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
        with time_machine.travel(start, tick=False):
            self.client.force_login(self.coordinator)
        # Active all day: each visit (at most every quarter of an hour) moves the end on.
        for hour in range(1, 12):
            with time_machine.travel(start + timedelta(hours=hour), tick=False):
                response = self.client.get("/staff/werkvoorraad/")
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.cookies["sessionid"]["expires"], "")  # a browser-session cookie
        # Then a working day away: the session has ended.
        with time_machine.travel(start + timedelta(hours=11 + 9, minutes=1), tick=False):
            response = self.client.get("/staff/werkvoorraad/")
        self.assertEqual(response.status_code, 302)
        self.assertIn("/login/", response["Location"])

    def test_a_page_within_a_quarter_of_an_hour_writes_no_session(self):
        self.client.force_login(self.coordinator)
        self.client.get("/staff/werkvoorraad/")
        session_key = self.client.session.session_key
        before = Session.objects.get(session_key=session_key).expire_date
        self.client.get("/staff/werkvoorraad/")
        self.assertEqual(Session.objects.get(session_key=session_key).expire_date, before)

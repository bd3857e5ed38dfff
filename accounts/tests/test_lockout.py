"""django-axes: five wrong passwords for one user name from one address lock
that combination out for 15 minutes, on the web login and the API token endpoint."""

from datetime import timedelta

import time_machine
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from accounts.tests.helpers import PASSWORD, log_in


class WebLoginLockoutTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        User.objects.create_user(username="lotte", password=PASSWORD, role=Role.LOCATION_MANAGER)

    def fail(self, times: int, **kwargs) -> list[int]:
        return [log_in(self.client, "lotte", "verkeerd-wachtwoord", **kwargs).status_code for _ in range(times)]

    def test_it_locks_out_after_five_failures_with_a_dutch_page(self):
        self.assertEqual(self.fail(4), [200] * 4)
        locked = log_in(self.client, "lotte", "verkeerd-wachtwoord")
        self.assertEqual(locked.status_code, 429)
        self.assertContains(locked, "Inloggen tijdelijk geblokkeerd", status_code=429)
        self.assertContains(locked, "over 15 minuten", status_code=429)
        # The right password does not help while locked out.
        self.assertEqual(log_in(self.client, "lotte").status_code, 429)

    def test_the_lock_is_per_user_name_and_address(self):
        self.fail(5)
        self.assertEqual(log_in(self.client, "lotte", address="192.0.2.99").status_code, 302)

    def test_the_lock_ends_after_fifteen_minutes(self):
        self.fail(5)
        with time_machine.travel(timezone.now() + timedelta(minutes=16)):
            self.assertEqual(log_in(self.client, "lotte").status_code, 302)

    def test_a_success_resets_the_count(self):
        self.fail(4)
        self.assertEqual(log_in(self.client, "lotte").status_code, 302)
        self.client.post(reverse("logout"))
        self.assertEqual(self.fail(4), [200] * 4)

    @override_settings(TRUSTED_PROXIES=1)
    def test_behind_the_proxy_it_counts_the_forwarded_client_address(self):
        # All parents and staff arrive from the balancer's address.
        self.fail(5, HTTP_X_FORWARDED_FOR="198.51.100.7")
        answer = log_in(self.client, "lotte", HTTP_X_FORWARDED_FOR="198.51.100.8")
        self.assertEqual(answer.status_code, 302)
        locked = log_in(self.client, "lotte", HTTP_X_FORWARDED_FOR="198.51.100.7")
        self.assertEqual(locked.status_code, 429)


class TokenLockoutTests(TestCase):
    url = reverse("api:token_obtain")

    @classmethod
    def setUpTestData(cls) -> None:
        User.objects.create_user(username="lotte", password=PASSWORD, role=Role.LOCATION_MANAGER)

    def post(self, password: str, address: str = "192.0.2.10"):
        return self.client.post(
            self.url, {"username": "lotte", "password": password}, content_type="application/json", REMOTE_ADDR=address
        )

    def test_it_gives_a_token_for_the_right_password(self):
        response = self.post(PASSWORD)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.json()["token"]), 40)

    def test_a_wrong_password_is_a_json_error(self):
        response = self.post("verkeerd-wachtwoord")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            response.json(),
            {"error": {"code": "invalid_credentials", "message": "Gebruikersnaam of wachtwoord klopt niet."}},
        )

    def test_missing_fields_are_a_json_error(self):
        response = self.client.post(self.url, {"username": "lotte"}, content_type="application/json")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["error"]["code"], "invalid")
        self.assertIn("password", response.json()["error"]["fields"])

    def test_it_locks_out_after_five_failures(self):
        self.assertEqual([self.post("verkeerd-wachtwoord").status_code for _ in range(4)], [400] * 4)
        locked = self.post("verkeerd-wachtwoord")
        self.assertEqual(locked.status_code, 429)
        self.assertEqual(locked.json()["error"]["code"], "locked_out")
        self.assertIn("15 minuten", locked.json()["error"]["message"])
        right = self.post(PASSWORD)
        self.assertEqual(right.status_code, 429)
        self.assertNotIn("token", right.json())
        self.assertEqual(self.post(PASSWORD, address="192.0.2.99").status_code, 200)

    def test_web_and_api_failures_count_together(self):
        for _ in range(3):
            log_in(self.client, "lotte", "verkeerd-wachtwoord")
        self.post("verkeerd-wachtwoord")
        self.assertEqual(self.post("verkeerd-wachtwoord").status_code, 429)
        self.assertEqual(log_in(self.client, "lotte").status_code, 429)

"""Password reset end to end: the link arrives through the outbox, sets a new
password that the validators accept, and the login works with it."""

import re

from django.conf import settings
from django.test import TestCase
from django.urls import reverse

from accounts.models import Role, User
from accounts.tests.helpers import PASSWORD, log_in
from notifications.models import OutboundEmail


class PasswordResetTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.user = User.objects.create_user(
            username="lotte", password="Oud-wachtwoord-77", role=Role.LOCATION_MANAGER, email="lotte@k.test"
        )

    def request_link(self) -> str:
        response = self.client.post(reverse("password_reset"), {"email": "LOTTE@k.test"})
        self.assertRedirects(response, reverse("password_reset_done"))
        email = OutboundEmail.objects.get(template="password_reset")
        self.assertEqual(email.to, ["lotte@k.test"])
        self.assertEqual(email.subject, "Nieuw wachtwoord voor Klachtwijs")
        links = re.findall(r"https?://\S+", email.body_text)
        self.assertEqual(len(links), 1)
        self.assertTrue(links[0].startswith(settings.SITE_URL.rstrip("/") + "/wachtwoord-herstellen/"))
        self.assertIn(links[0], email.body_html)
        return links[0].removeprefix(settings.SITE_URL.rstrip("/"))

    def test_it_queues_the_link_and_sets_a_new_password_that_logs_in(self):
        link = self.request_link()
        form = self.client.get(link, follow=True)
        self.assertContains(form, "Nieuw wachtwoord kiezen")
        set_password_url = form.redirect_chain[-1][0]

        refused = self.client.post(set_password_url, {"new_password1": "98765432101", "new_password2": "98765432101"})
        self.assertContains(refused, "Dit wachtwoord bevat alleen cijfers.")
        refused = self.client.post(set_password_url, {"new_password1": "lotte@k.test", "new_password2": "lotte@k.test"})
        self.assertContains(refused, "lijkt te veel op")

        done = self.client.post(set_password_url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
        self.assertRedirects(done, reverse("password_reset_complete"))

        self.assertEqual(log_in(self.client, "lotte", "Oud-wachtwoord-77").status_code, 200)
        self.assertRedirects(log_in(self.client, "lotte"), reverse("staff:home"), fetch_redirect_response=False)

    def test_a_new_password_lifts_a_login_lockout(self):
        for _ in range(5):
            log_in(self.client, "lotte", "verkeerd-wachtwoord")
        self.assertEqual(log_in(self.client, "lotte", "Oud-wachtwoord-77").status_code, 429)
        set_password_url = self.client.get(self.request_link(), follow=True).redirect_chain[-1][0]
        self.client.post(set_password_url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
        self.assertEqual(log_in(self.client, "lotte").status_code, 302)

    def test_the_link_works_once(self):
        link = self.request_link()
        set_password_url = self.client.get(link, follow=True).redirect_chain[-1][0]
        self.client.post(set_password_url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
        again = self.client.get(link, follow=True)
        self.assertContains(again, "Deze link werkt niet meer")

    def test_an_unknown_address_gets_the_same_answer_and_no_mail(self):
        response = self.client.post(reverse("password_reset"), {"email": "niemand@k.test"})
        self.assertRedirects(response, reverse("password_reset_done"))
        self.assertFalse(OutboundEmail.objects.exists())

    def test_a_bad_address_gets_a_dutch_message(self):
        response = self.client.post(reverse("password_reset"), {"email": "geen-adres"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Voer een geldig e-mailadres in.")

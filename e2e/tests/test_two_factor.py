"""In the browser: a coordinator logs in, must set up an authenticator app
(QR code and typed key), keeps the recovery codes, and on the next login
enters a code computed from the key. Accessibility is checked on the pages'
content: the staff menu bar's contrast is a known issue of the shared layout."""

from base64 import b32decode

from django.urls import reverse
from django_otp.oath import totp

from accounts.models import Role
from config.testing import make_user
from e2e.browser import BrowserTestCase

PASSWORD = "e2e-wachtwoord-123"


def code_from(typed_key: str, *, step: int) -> str:
    return f"{totp(b32decode(typed_key.replace(' ', '')), drift=step):06d}"


class TwoFactorBrowserTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        coordinator = make_user("coordinator", Role.COORDINATOR, email="co@k.test")
        coordinator.set_password(PASSWORD)
        coordinator.save()

    def log_in(self, page) -> None:
        page.goto(self.url(reverse("login")))
        page.get_by_label("Gebruikersnaam").fill("coordinator")
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("main button[type=submit]").click()

    def submit(self, page) -> None:
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()

    def test_a_coordinator_enrols_and_logs_in_with_a_code(self):
        page = self.new_page()
        self.log_in(page)
        self.assertIn(reverse("accounts:two_factor_enrol"), page.url)
        self.assertTrue(page.locator("main svg").is_visible())
        self.assert_accessible(page)
        self.screenshot(page, "2fa-1-enrol")
        typed_key = page.locator("#two-factor-secret").inner_text()

        page.get_by_label("Code uit de app").fill(code_from(typed_key, step=0))
        self.submit(page)
        codes = page.locator("#recovery-codes li").all_inner_texts()
        self.assertEqual(len(codes), 10)
        self.assert_accessible(page)
        self.screenshot(page, "2fa-2-recovery-codes")
        with page.expect_navigation():
            page.get_by_role("link", name="Ik heb de codes bewaard, verder").click()
        self.assertIn("Werkvoorraad", page.content())

        # Log out; the next login asks for the code from the app.
        with page.expect_navigation():
            page.get_by_role("button", name="Uitloggen").click()
        self.log_in(page)
        self.assertIn(reverse("accounts:two_factor_verify"), page.url)
        self.assert_accessible(page)
        page.goto(self.url(reverse("staff:worklist")))
        self.assertIn(reverse("accounts:two_factor_verify"), page.url)  # no staff page before the code
        page.get_by_label("Code").fill(code_from(typed_key, step=1))
        self.submit(page)
        self.assertIn(reverse("staff:worklist"), page.url)
        self.assertIn("Werkvoorraad", page.content())
        self.screenshot(page, "2fa-3-logged-in-with-code")

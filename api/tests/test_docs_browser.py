"""Issue 11, point 3: the API's documentation page really works in a browser under
the site's CSP: Swagger UI starts, loads the description and lists every
operation, and the browser reports no blocked script or style."""

from django.urls import reverse

from accounts import two_factor
from accounts.models import Role
from accounts.tests.helpers import app_code
from config.testing import make_user
from e2e.browser import BrowserTestCase

PASSWORD = "docs-wachtwoord-123"


class ApiDocsBrowserTests(BrowserTestCase):
    def test_swagger_ui_lists_the_operations_without_csp_violations(self):
        coordinator = make_user("coordinator", Role.COORDINATOR)
        coordinator.set_password(PASSWORD)
        coordinator.save()
        app, _ = two_factor.enrol(user=coordinator, secret=two_factor.new_secret())  # the role requires it
        page = self.new_page()
        blocked: list[str] = []
        page.on("console", lambda message: blocked.append(message.text) if "Content Security" in message.text else None)
        page.goto(self.url(reverse("login")))
        page.get_by_label("Gebruikersnaam").fill("coordinator")
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("main button[type=submit]").click()
        page.get_by_label("Code").fill(app_code(app.key))
        with page.expect_navigation():
            page.locator("main button[type=submit]").click()

        page.goto(self.url(reverse("api:docs")))
        page.wait_for_selector(".opblock-summary-path")
        paths = sorted(page.locator(".opblock-summary-path").all_inner_texts())
        self.screenshot(page, "api-docs")
        self.assertEqual(
            [path.replace("\u200b", "") for path in paths],
            [
                "/api/v1/complaints/",
                "/api/v1/complaints/{reference}/",
                "/api/v1/complaints/{reference}/messages/",
                "/api/v1/complaints/{reference}/notes/",
                "/api/v1/token/",
            ],
        )
        self.assertEqual(blocked, [])

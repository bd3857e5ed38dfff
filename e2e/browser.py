"""Browser tests: Playwright for Python driving Debian's chromium against the
live test server, axe-core for accessibility, screenshots into test-artifacts/."""

import json
import os
import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.testing import StaticLiveServerTestCase

from config.testing import restore_migration_data

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def browser_tests_required() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false") or bool(
        os.environ.get("KLACHTWIJS_REQUIRE_BROWSER")
    )


class BrowserTestCase(StaticLiveServerTestCase):
    """Starts one chromium per test class. Without chromium the tests skip with
    the reason, except in CI, where they fail."""

    host = "127.0.0.1"

    @classmethod
    def setUpClass(cls) -> None:
        # Playwright's sync API runs an event loop in this thread; the ORM calls the
        # tests make around it are ordinary synchronous code.
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        missing = [str(path) for path in (Path(CHROMIUM), AXE) if not path.exists()]
        if missing:
            message = f"browser tests need {', '.join(missing)} (make test installs them)"
            if browser_tests_required():
                raise RuntimeError(message)
            cls._skip_reason = message
        else:
            cls._skip_reason = ""
        super().setUpClass()
        if cls._skip_reason:
            return
        from playwright.sync_api import sync_playwright

        cls._playwright = sync_playwright().start()
        cls.browser = cls._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    @classmethod
    def tearDownClass(cls) -> None:
        if not cls._skip_reason:
            cls.browser.close()
            cls._playwright.stop()
        super().tearDownClass()

    def setUp(self) -> None:
        if self._skip_reason:
            self.skipTest(self._skip_reason)
        super().setUp()
        restore_migration_data()

    def new_page(self, *, phone: bool = False, locale: str = "nl-NL"):
        """A page in a fresh browser context; ``locale`` is the browser's language (Accept-Language)."""
        if phone:
            context = self.browser.new_context(
                viewport={"width": 390, "height": 844},
                device_scale_factor=2,
                is_mobile=True,
                has_touch=True,
                locale=locale,
            )
        else:
            context = self.browser.new_context(viewport={"width": 1280, "height": 900}, locale=locale)
        self.addCleanup(context.close)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    def url(self, path: str) -> str:
        return f"{self.live_server_url}{path}"

    def screenshot(self, page, name: str) -> Path:
        folder = ARTIFACTS / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower())}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    def axe_violations(self, page, within: str | None = None) -> list[dict]:
        # Evaluated through the DevTools protocol: a script tag would be refused by the
        # site's Content Security Policy (no inline script), which must stay on here.
        page.evaluate(AXE.read_text())
        result = page.evaluate(
            "async ([tags, within]) => await axe.run(within || document, {runOnly: {type: 'tag', values: tags}})",
            [WCAG_21_AA, within],
        )
        violations = result["violations"]
        if violations:
            folder = ARTIFACTS / "axe"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{re.sub(r'[^a-z0-9-]+', '-', page.url.lower())[-80:]}.json").write_text(
                json.dumps(violations, indent=2)
            )
        return violations

    def assert_accessible(self, page, within: str | None = None) -> None:
        """``within``: a CSS selector to check only that part of the page."""
        violations = self.axe_violations(page, within)
        summary = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in violations
        ]
        self.assertEqual(summary, [], "axe-core found WCAG 2.1 AA violations")

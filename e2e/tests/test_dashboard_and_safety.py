"""Issue 14 in a real browser, at phone (390 px) and desktop size: the
coordinator raises a safety flag on a complaint and finds it red and first in
the worklist and the list; management reads the dashboard (charts as SVG,
without JavaScript) and the coordinator drills down from it into the list."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Role
from accounts.testing import VerifiedClient
from complaints.models import Category, Complaint, TaxonomyVersion
from complaints.services import complaint_forward
from config.testing import make_location, make_user, register
from e2e.browser import BrowserTestCase
from notifications.models import OutboundEmail
from organisation.models import LegalEntity, Region

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


class DashboardAndSafetyTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        partou = LegalEntity.objects.create(name="Partou B.V.")
        self.region = Region.objects.create(name="Regio Noord")
        self.location = make_location("Partou BSO Oceaan 16", entity=partou, region=self.region)
        version = TaxonomyVersion.objects.create(year=timezone.localdate().year, name="Indeling")
        self.category = Category.objects.create(version=version, name="Communicatie vanuit locatie", position=1)
        self.coordinator = make_user("coordinator", Role.COORDINATOR, email="co@k.test")
        self.management = make_user("directie", Role.MANAGEMENT, email="mt@k.test")
        make_user("ops", Role.OPERATIONS_MANAGER, region=self.region, email="ops@k.test")
        self.plain = complaint_forward(
            complaint=register(location=self.location, received_at=timezone.now() - timezone.timedelta(days=50)),
            category=self.category,
            location=self.location,
            handling_location=self.location,
            actor=self.coordinator,
        )
        self.urgent = register(location=self.location, description="Kind viel van het klimrek.")

    def logged_in_page(self, user):
        """A browser page with the session of ``user`` (past the second factor)."""
        client = VerifiedClient()
        client.force_login(user)
        page = self.new_page()
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": self.live_server_url,
                }
            ]
        )
        return page

    def assert_fits(self, page) -> None:
        overflow = page.evaluate("() => document.querySelector('main').scrollWidth - window.innerWidth")
        self.assertLessEqual(overflow, 0, "the page scrolls sideways")

    def test_the_coordinator_raises_a_safety_flag_and_finds_it_red_and_first(self):
        page = self.logged_in_page(self.coordinator)
        page.set_viewport_size(PHONE)
        page.goto(self.url(reverse("staff:complaint_detail", args=[self.urgent.reference])))
        page.get_by_role("link", name="Veiligheidsmelding maken").click()
        page.get_by_label("Waarom?").fill("Kind gevallen van het klimrek, naar de huisarts.")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        expect(page.locator(".alert-success")).to_contain_text("veiligheidsmelding is gemaakt")
        expect(page.locator(".safety-badge")).to_be_visible()
        expect(page.locator(".safety-alert")).to_contain_text("klimrek")
        self.screenshot(page, "safety-1-detail-phone")
        self.assertTrue(Complaint.objects.get(pk=self.urgent.pk).is_safety_concern)
        self.assertEqual(OutboundEmail.objects.filter(template="safety_alert").get().to, ["ops@k.test"])

        for size, name in ((PHONE, "phone"), (DESKTOP, "desktop")):
            with self.subTest(size=name):
                page.set_viewport_size(size)
                page.goto(self.url(reverse("staff:worklist")))
                section = page.locator("section.worklist-safety")
                expect(section).to_be_visible()
                expect(section).to_contain_text(self.urgent.reference)
                # The safety section comes before every other section of the worklist.
                first = page.locator("main section").first
                expect(first).to_have_class("card border-danger mb-3 worklist-safety")
                background = section.locator(".card-header").evaluate("e => getComputedStyle(e).backgroundColor")
                self.assertEqual(background, "rgb(220, 53, 69)")  # Bootstrap's danger red
                self.assert_fits(page)
                self.assert_accessible(page, "main")
                self.screenshot(page, f"safety-2-worklist-{name}")

                page.goto(self.url(reverse("staff:complaint_list")))
                row = page.locator("tr.safety-row")
                expect(row).to_have_count(1)
                expect(row).to_contain_text(self.urgent.reference)
                cell = row.locator("td").nth(1).evaluate("e => getComputedStyle(e).backgroundColor")
                self.assertEqual(cell, "rgb(248, 215, 218)")
                self.assert_accessible(page, "main")
                self.screenshot(page, f"safety-3-list-{name}")

    def test_management_reads_the_dashboard_and_the_coordinator_drills_down(self):
        page = self.logged_in_page(self.management)
        for size, name in ((PHONE, "phone"), (DESKTOP, "desktop")):
            with self.subTest(size=name):
                page.set_viewport_size(size)
                page.goto(self.url(reverse("reporting:dashboard")))
                expect(page.get_by_role("heading", level=1)).to_contain_text("Dashboard klachten")
                expect(page.locator("svg[role=img]")).to_have_count(5)
                expect(page.locator("[data-figure=open]")).to_have_text("2")
                self.assertEqual(page.locator("main a[href*='/staff/klachten/']").count(), 0)
                self.assertNotIn("klimrek", page.content())
                # Charts are drawn at the width of the screen, not wider.
                width = page.locator("svg[role=img]").first.evaluate("e => e.getBoundingClientRect().width")
                self.assertLessEqual(width, size["width"])
                self.assert_fits(page)
                self.assert_accessible(page, "main")
                self.screenshot(page, f"dashboard-{name}")
        page.get_by_label("Regio", exact=True).select_option(label="Regio Noord")
        with page.expect_navigation():
            page.get_by_role("button", name="Tonen").click()
        self.assertIn(f"regio={self.region.pk}", page.url)
        expect(page.locator("h1")).to_contain_text("Regio Noord")

        coordinator = self.logged_in_page(self.coordinator)
        coordinator.set_viewport_size(PHONE)
        coordinator.goto(self.url(reverse("reporting:dashboard")))
        with coordinator.expect_navigation():
            coordinator.locator("[data-figure=open] a").click()
        self.assertIn("/staff/klachten/?status=open", coordinator.url)
        expect(coordinator.locator("main table tbody tr")).to_have_count(2)

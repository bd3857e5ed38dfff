"""The parent's path once in English (issue 18): a Dutch first page switched to English with
the switch in the header, the complaint filed, the confirmation, the status page and the
outcome read in English, and axe-core passing on each English page. A browser that prefers
English gets the English form on its first visit."""

from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import Role
from complaints.models import Complaint, Verdict
from config.testing import close, make_location, make_user
from e2e.browser import BrowserTestCase
from organisation.models import LegalEntity, Region


class EnglishPathTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        entity = LegalEntity.objects.create(name="Partou B.V.")
        region = Region.objects.create(name="Regio Noord")
        self.location = make_location("Partou BSO Oceaan 16", entity=entity, region=region)
        self.location.city = "Amsterdam"
        self.location.save()
        self.coordinator = make_user("coordinator", Role.COORDINATOR, email="co@k.test")

    def assert_english(self, page) -> None:
        expect(page.locator("html")).to_have_attribute("lang", "en")
        self.assert_accessible(page)

    def test_a_parent_files_and_follows_a_complaint_in_english(self):
        parent = self.new_page(phone=True)
        parent.goto(self.url("/"))
        expect(parent.get_by_role("heading", level=1)).to_have_text("Klacht indienen")
        with parent.expect_navigation():
            parent.get_by_role("button", name="English").click()
        expect(parent.get_by_role("heading", level=1)).to_have_text("Make a complaint")
        self.assert_english(parent)

        parent.get_by_label("Parent", exact=True).check()
        parent.get_by_label("Your name").fill("Sam Taylor")
        parent.get_by_label("Your email address").fill("sam@example.test")
        parent.get_by_label("Search by name, town, street or postcode").fill("amster")
        expect(parent.locator('#id_location option[value]:not([value=""])')).to_have_count(1)
        expect(parent.locator("#location-results")).to_contain_text("1 location found for ‘amster’.")
        parent.get_by_label("Location", exact=True).select_option(value=str(self.location.pk))
        parent.get_by_label("What happened?").fill("My son was not collected from school.")
        parent.locator("input[name=consent]").check()
        parent.wait_for_timeout(3100)  # the form refuses answers faster than a person
        with parent.expect_navigation():
            parent.get_by_role("button", name="Send complaint").click()

        complaint = Complaint.objects.get()
        self.assertIn("/status/", parent.url)
        expect(parent.get_by_text("Thank you — your reference number is")).to_be_visible()
        expect(parent.locator(".public-timeline")).to_contain_text("Complaint received and registered")
        self.screenshot(parent, "en-1-parent-receipt")
        self.assert_english(parent)

        close(complaint, actor=self.coordinator, verdict=Verdict.JA)
        parent.goto(self.url(reverse("intake:status", args=[complaint.status_token])))
        expect(parent.locator(".status-label")).to_have_text("dealt with")
        expect(parent.get_by_text("We find your complaint well-founded.")).to_be_visible()
        expect(parent.get_by_role("link", name="Download the letter (PDF)")).to_be_visible()
        self.screenshot(parent, "en-2-parent-outcome")
        self.assert_english(parent)

        # And back: the switch on an English page offers Dutch.
        with parent.expect_navigation():
            parent.get_by_role("button", name="Nederlands").click()
        expect(parent.get_by_role("heading", level=2, name="Ons oordeel")).to_be_visible()

    def test_a_browser_preferring_english_gets_english_on_its_first_visit(self):
        page = self.new_page(locale="en-GB")
        page.goto(self.url("/"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Make a complaint")
        self.assert_english(page)
        page.goto(self.url(reverse("intake:privacy")))
        expect(page.get_by_role("heading", level=1)).to_have_text("Privacy statement for the complaint form")
        self.assert_english(page)

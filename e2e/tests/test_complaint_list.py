"""The coordinator's complaint list in a real browser, at phone and desktop
size: sort by a column, filter, the export link, and a bulk forward with its
confirmation page. Screenshots go to test-artifacts/."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from accounts import two_factor
from accounts.models import Role
from accounts.tests.helpers import app_code
from complaints.models import Category, Complaint, ComplaintEvent, EventKind, Status, TaxonomyVersion
from complaints.services import complaint_forward
from config.testing import make_location, make_user, register
from e2e.browser import BrowserTestCase
from organisation.models import Department, LegalEntity, Region

PASSWORD = "e2e-wachtwoord-123"


class ComplaintListBrowserTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        partou = LegalEntity.objects.create(name="Partou B.V.")
        region = Region.objects.create(name="Regio Noord")
        self.oceaan = make_location("Partou BSO Oceaan 16", entity=partou, region=region)
        self.department = Department.objects.create(name="Debiteuren en facturatie")
        version = TaxonomyVersion.objects.create(year=timezone.localdate().year, name="Indeling")
        self.category = Category.objects.create(version=version, name="Facturen en betalingen", position=1)
        self.coordinator = make_user("coordinator", Role.COORDINATOR, email="co@k.test")
        self.coordinator.set_password(PASSWORD)
        self.coordinator.save()
        self.app, _ = two_factor.enrol(user=self.coordinator, secret=two_factor.new_secret())
        now = timezone.now()
        # Received 3, 20 and 10 days ago: sorted by term they come out in that order reversed.
        self.complaints = [
            register(location=self.oceaan, received_at=now - timedelta(days=days), description=f"Klacht {days}")
            for days in (3, 20, 10)
        ]

    def log_in(self, page) -> None:
        page.goto(self.url(reverse("login")))
        page.get_by_label("Gebruikersnaam").fill("coordinator")
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("main button[type=submit]").click()
        page.get_by_label("Code").fill(app_code(self.app.key))
        with page.expect_navigation():
            page.locator("main button[type=submit]").click()

    def activate(self, page, control, *, phone: bool) -> None:
        """Click, or on a phone use the keyboard: until the menu's phone layout (another
        branch of issue 14) stops the page being wider than the screen, the zoomed-out
        page misplaces pointer clicks low on the page."""
        if phone:
            control.focus()
            page.keyboard.press("Space")
        else:
            control.click()

    def listed(self, page) -> list[str]:
        return page.locator("table.table-complaints tbody td[data-label=Kenmerk] a").all_inner_texts()

    def walk_through(self, *, phone: bool) -> None:
        size = "phone" if phone else "desktop"
        page = self.new_page(phone=phone)
        self.log_in(page)
        page.goto(self.url(reverse("staff:complaint_list")))
        # On a phone the menu bar wraps out of its blue background until the phone
        # layout of issue 14 (another branch) collapses it: there only <main> is checked.
        within = "main" if phone else None
        self.assert_accessible(page, within)

        by_term = [c.reference for c in sorted(self.complaints, key=lambda c: c.due_at)]
        if phone:
            # Rows are cards on a phone (no column headers): sorting is a filter field.
            self.assertFalse(page.locator("table.table-complaints thead").is_visible())
            page.get_by_label("Sorteren").select_option("-due_at")
            with page.expect_navigation():
                page.get_by_role("button", name="Filteren").click()
            self.assertEqual(self.listed(page), list(reversed(by_term)))
            # <main> only: the menu bar's phone layout is done on another branch of issue 14.
            width = page.evaluate("document.querySelector('main').scrollWidth")
            self.assertLessEqual(width, 390, "the list scrolls sideways on a phone")
        else:
            # A column header sorts ascending, a second click descending.
            with page.expect_navigation():
                page.locator("th a.sort-link", has_text="Uiterste datum").click()
            self.assertIn("sort=due_at", page.url)
            self.assertEqual(self.listed(page), by_term)
            self.assertEqual(page.locator("th[aria-sort]").get_attribute("aria-sort"), "ascending")
            with page.expect_navigation():
                page.locator("th a.sort-link", has_text="Uiterste datum").click()
            self.assertEqual(self.listed(page), list(reversed(by_term)))

        # Filter: status Nieuw, keeping the sort.
        page.get_by_label("Status", exact=True).select_option("new")
        with page.expect_navigation():
            page.get_by_role("button", name="Filteren").click()
        self.assertIn("status=new", page.url)
        self.assertIn("sort=-due_at", page.url)
        self.screenshot(page, f"list-{size}-sorted-filtered")

        # The export link carries the same filter and gives the same complaints.
        href = page.locator("#export-csv").get_attribute("href")
        self.assertIn("status=new", href)
        response = page.request.get(self.url(href))
        self.assertEqual(response.status, 200)
        self.assertTrue(response.headers["content-type"].startswith("text/csv"))
        for complaint in self.complaints:
            self.assertIn(complaint.reference, response.text())

        # Bulk forward two complaints: one confirmation, then each forwarded.
        chosen = self.complaints[:2]
        for complaint in chosen:
            box = page.get_by_label(f"Kies {complaint.reference}")
            self.activate(page, box, phone=phone)
            self.assertTrue(box.is_checked())
        page.get_by_label("Met de gekozen klachten:").select_option("forward")
        with page.expect_navigation():
            page.get_by_role("button", name="Verder").click()
        self.assertIn("U kiest 2 klachten", page.content())
        self.assert_accessible(page, within)
        page.get_by_label("Behandelaar").select_option(f"department-{self.department.pk}")
        page.get_by_label("Categorie").select_option(str(self.category.pk))
        self.screenshot(page, f"list-{size}-bulk-confirm")
        with page.expect_navigation():
            self.activate(page, page.get_by_role("button", name="Bevestigen"), phone=phone)
        self.assertIn("2 klacht(en) doorgestuurd", page.content())
        self.screenshot(page, f"list-{size}-bulk-done")
        for complaint in chosen:
            complaint.refresh_from_db()
            self.assertEqual((complaint.status, complaint.handling_department), (Status.FORWARDED, self.department))
            self.assertEqual(
                ComplaintEvent.objects.filter(complaint=complaint, kind=EventKind.COMPLAINT_FORWARDED).count(), 1
            )
        # Back on the filtered list: only the one still new is left.
        self.assertEqual(self.listed(page), [self.complaints[2].reference])
        self.assertEqual(Complaint.objects.filter(status=Status.NEW).count(), 1)

    def test_on_a_desktop(self):
        self.walk_through(phone=False)

    def test_on_a_phone(self):
        self.walk_through(phone=True)


class AssignmentBrowserTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        partou = LegalEntity.objects.create(name="Partou B.V.")
        region = Region.objects.create(name="Regio Noord")
        oceaan = make_location("Partou BSO Oceaan 16", entity=partou, region=region)
        version = TaxonomyVersion.objects.create(year=timezone.localdate().year, name="Indeling")
        category = Category.objects.create(version=version, name="Communicatie vanuit locatie", position=1)
        coordinator = make_user("coordinator", Role.COORDINATOR)
        self.manager = make_user("lotte", Role.LOCATION_MANAGER, locations=[oceaan], first_name="Lotte")
        self.manager.set_password(PASSWORD)
        self.manager.save()
        self.complaint = register(location=oceaan, description="Geen overdracht bij het ophalen")
        complaint_forward(
            complaint=self.complaint, category=category, location=oceaan, handling_location=oceaan, actor=coordinator
        )

    def test_a_manager_takes_a_complaint_and_finds_it_under_mijn_klachten(self):
        page = self.new_page()
        page.goto(self.url(reverse("login")))
        page.get_by_label("Gebruikersnaam").fill("lotte")
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("main button[type=submit]").click()
        page.goto(self.url(reverse("staff:complaint_detail", args=[self.complaint.reference])))
        with page.expect_navigation():
            page.get_by_role("link", name="Toewijzen").click()
        page.get_by_label("Toewijzen aan").select_option(label="Lotte")
        self.assert_accessible(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Opslaan").click()
        self.assertIn(f"Klacht {self.complaint.reference} is toegewezen aan Lotte.", page.content())
        with page.expect_navigation():
            page.get_by_role("link", name="Mijn klachten").click()
        self.assertEqual(self.listed_references(page), [self.complaint.reference])
        self.assert_accessible(page)
        self.screenshot(page, "mijn-klachten-desktop")
        self.complaint.refresh_from_db()
        self.assertEqual(self.complaint.assignee, self.manager)

    def listed_references(self, page) -> list[str]:
        return page.locator("table.table-complaints tbody td[data-label=Kenmerk] a").all_inner_texts()

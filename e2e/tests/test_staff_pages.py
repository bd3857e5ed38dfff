"""Issue 14 point 1: every staff page works on a phone and on a desktop.

One browser and one live server visit a list of all staff pages (the HTML
pages of staff/urls.py, the inbox, the weekly and annual reports, triage and
the second-factor pages), each as a role that may open it, at 390×844 and
1366×900: nothing scrolls sideways, axe-core finds no WCAG 2.1 AA violation on
the whole page (menu included), the menu marks the current page, and the
phone menu opens to reach logout. Screenshots go to test-artifacts/."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.testing import VerifiedClient
from annualreport.services import annual_report_get_or_create, load_default_sections
from complaints.services import complaint_set_outcome, letter_draft, measure_add
from config.testing import BaseTestCase, close, register
from e2e.browser import ARTIFACTS, BrowserTestCase
from inbox.services import inbound_store
from inbox.tests.helpers import mime
from staff.tests.helpers import days_ago, forwarded, png_attachment

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
NO_SIDEWAYS_SCROLL = "() => document.scrollingElement.scrollWidth <= window.innerWidth"


class StaffPagesTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        # The personas of the unit tests (two entities, regions, locations, every role).
        BaseTestCase.setUpTestData.__func__(type(self))
        self.new = register(location=self.oceaan, description="Nieuw binnengekomen, nog niet ingedeeld.")
        self.handled = forwarded(
            location=self.oceaan,
            actor=self.coordinator,
            category=self.communication,
            received_at=days_ago(45),
            attachments=[png_attachment()],
        )
        self.measure = measure_add(
            complaint=self.handled,
            description="De overdracht gaat voortaan met een vaste overdrachtslijst, besproken in het teamoverleg.",
            owner="Locatiemanager",
            due_date=timezone.localdate(),
            actor=self.manager,
        )
        complaint_set_outcome(complaint=self.handled, verdict="ja", solution="Besproken.", actor=self.manager)
        letter_draft(complaint=self.handled, actor=self.manager)
        self.closed = close(
            forwarded(location=self.oceaan, actor=self.coordinator, category=self.communication), actor=self.manager
        )
        self.message, _created = inbound_store(raw=mime())
        year = timezone.localdate().year
        load_default_sections(report=annual_report_get_or_create(year=year))
        iso = (timezone.localdate() - timedelta(days=7)).isocalendar()  # the last complete week

        def c(name: str, complaint=None) -> str:
            return reverse(f"staff:{name}", args=[(complaint or self.handled).reference])

        self.pages = {
            self.coordinator: [
                reverse("staff:worklist"),
                reverse("staff:complaint_list"),
                reverse("staff:complaint_register"),
                c("complaint_detail", self.new),
                c("complaint_forward", self.new),
                c("complaint_detail"),
                c("publication_text", self.closed),
                c("complaint_confidential"),
                c("complainant_erase"),
                c("complainant_export"),
                reverse("inbox:queue"),
                reverse("inbox:message", args=[self.message.pk]),
                reverse("reporting:weekly", args=[iso.year, iso.week]),
                reverse("annualreport:index"),
                reverse("annualreport:report", args=[year]),
                reverse("annualreport:check", args=[year]),
                reverse("annualreport:colophon_edit", args=[year]),
                reverse("annualreport:ggd", args=[year]),
                reverse("accounts:two_factor"),
                reverse("staff:my_complaints"),
                reverse("staff:location_matches"),
                c("complaint_dossier"),
                c("complaint_safety"),
                c("attachment_add"),
                c("answer_date_set"),
                c("complaint_reopen", self.closed),
                reverse("improvements:list"),
                reverse("improvements:create"),
                reverse("reporting:dashboard"),
                "/staff/klachten/K1999-99999/",  # the site's own 404 page
            ],
            self.manager: [
                reverse("staff:worklist"),
                reverse("staff:complaint_list"),
                c("complaint_detail"),
                c("contact_record"),
                c("note_add"),
                c("message_send"),
                c("measure_add"),
                reverse("staff:measure_complete", args=[self.handled.reference, self.measure.pk]),
                c("outcome_set"),
                c("letter_draft"),
                c("letter_edit"),
                c("letter_send"),
                c("complaint_close"),
                c("complaint_withdraw"),
                reverse("staff:my_complaints"),
                c("complaint_assign"),
                reverse("staff:complaint_register"),  # the site's own 403 page
            ],
            self.management: [
                reverse("reporting:weekly_latest"),
                reverse("reporting:dashboard"),
                reverse("annualreport:report", args=[year]),
            ],
        }

    def page_for(self, user, viewport):
        client = VerifiedClient()
        client.force_login(user)
        context = self.browser.new_context(
            viewport=viewport,
            locale="nl-NL",
            is_mobile=viewport is PHONE,
            has_touch=viewport is PHONE,
        )
        self.addCleanup(context.close)
        host = self.live_server_url.split("//", 1)[1].split(":")[0]
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "domain": host, "path": "/"}])
        page = context.new_page()
        # The first chart or PDF of the server process takes a while on a busy machine.
        page.set_default_timeout(60_000)
        return page

    def test_every_staff_page_fits_a_phone_and_a_desktop_and_passes_axe(self):
        problems: list[str] = []
        for viewport, size in ((PHONE, "phone"), (DESKTOP, "desktop")):
            for user, paths in self.pages.items():
                page = self.page_for(user, viewport)
                for path in paths:
                    response = page.goto(self.url(path))
                    where = f"{size} {user.username} {path}"
                    if response.status not in (200, 403, 404):
                        problems.append(f"{where}: status {response.status}")
                        continue
                    self.screenshot(page, f"staff-{size}-{user.username}-{path.strip('/')}")
                    if not page.evaluate(NO_SIDEWAYS_SCROLL):
                        width = page.evaluate("document.scrollingElement.scrollWidth")
                        problems.append(f"{where}: scrolls sideways ({width} px)")
                    problems += [
                        f"{where}: {v['id']} {[n['target'] for n in v['nodes']][:3]}" for v in self.axe_violations(page)
                    ]
        (ARTIFACTS / "staff-pages-problems.txt").write_text("\n".join(problems) + "\n")
        self.assertEqual(problems, [])
        self.phone_menu_opens_marks_the_current_page_and_reaches_logout()

    def phone_menu_opens_marks_the_current_page_and_reaches_logout(self):
        page = self.page_for(self.manager, PHONE)
        page.goto(self.url(reverse("staff:complaint_list")))
        logout = page.get_by_role("button", name="Uitloggen")
        self.assertFalse(logout.is_visible())
        page.get_by_text("Menu", exact=True).click()
        self.assertTrue(logout.is_visible())
        current = page.locator(".site-menu-panel [aria-current=page]")
        self.assertEqual(current.inner_text(), "Klachten")
        self.assert_accessible(page)
        self.screenshot(page, "staff-phone-menu-open")
        page.goto(self.url(reverse("staff:complaint_detail", args=[self.handled.reference])))
        self.assertEqual(page.locator(".site-menu-panel [aria-current=true]").text_content(), "Klachten")

        desktop = self.page_for(self.coordinator, DESKTOP)
        desktop.goto(self.url(reverse("staff:worklist")))
        self.assertEqual(desktop.locator(".site-menu-wide [aria-current=page]").inner_text(), "Werkvoorraad")
        self.assertTrue(desktop.get_by_role("button", name="Uitloggen").is_visible())
        self.assertFalse(desktop.get_by_text("Menu", exact=True).is_visible())

"""The whole flow in a real browser: a parent files a complaint on a phone, the
coordinator triages and forwards it, the parent adds a photo on the status
page, the location manager sees it and answers with a message that the parent
reads on the status page, records contact, verdict and a measure and sends the
letter, and the parent reads the verdict through the status link. Screenshots
of every step go to test-artifacts/."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accounts import two_factor
from accounts.models import Role
from accounts.tests.helpers import app_code
from complaints.models import Category, Complaint, Status, TaxonomyVersion
from config.testing import make_location, make_user
from e2e.browser import BrowserTestCase
from notifications.models import OutboundEmail
from organisation.models import LegalEntity, Region

PASSWORD = "e2e-wachtwoord-123"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200


class ComplaintFlowTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        partou = LegalEntity.objects.create(name="Partou B.V.")
        region = Region.objects.create(name="Regio Noord")
        self.location = make_location("Partou BSO Oceaan 16", entity=partou, region=region)
        self.location.city = "Amsterdam"
        self.location.save()
        make_location("Rakkertjes", entity=partou, region=region)
        version = TaxonomyVersion.objects.create(year=timezone.localdate().year, name="Indeling")
        Category.objects.create(version=version, name="Communicatie vanuit locatie", position=1)
        self.coordinator = make_user("coordinator", Role.COORDINATOR, email="co@k.test")
        self.manager = make_user(
            "lotte", Role.LOCATION_MANAGER, locations=[self.location], email="lm@k.test", first_name="Lotte"
        )
        self.manager.last_name = "Bakker"
        for user in (self.coordinator, self.manager):
            user.set_password(PASSWORD)
            user.save()
        # The coordinator's role requires the second factor (e2e/tests/test_two_factor.py enrols one).
        self.coordinator_app, _ = two_factor.enrol(user=self.coordinator, secret=two_factor.new_secret())

    def log_in(self, page, username: str) -> None:
        page.goto(self.url(reverse("login")))
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("main button[type=submit]").click()
        if reverse("accounts:two_factor_verify") in page.url:
            page.get_by_label("Code").fill(app_code(self.coordinator_app.key))
            with page.expect_navigation():
                page.locator("main button[type=submit]").click()

    def submit(self, page) -> None:
        # Wait for the POST's own navigation, or the next goto() would cancel it.
        with page.expect_navigation():
            page.locator("main form button[type=submit]").last.click()

    def test_it_takes_a_complaint_from_a_phone_to_a_reasoned_verdict(self):
        # 1. The parent, on a phone.
        parent = self.new_page(phone=True)
        parent.goto(self.url("/"))
        self.assert_accessible(parent)
        parent.get_by_label("Ouder", exact=True).check()
        parent.get_by_label("Uw naam").fill("Sanne de Vries")
        parent.get_by_label("Uw e-mailadres").fill("sanne@voorbeeld.test")
        # Found among the locations by typing part of the place name.
        parent.get_by_label("Zoek op naam, plaats, straat of postcode").fill("amster")
        # Polled by Playwright: a wait_for_function string would need eval, which the CSP refuses.
        expect(parent.locator('#id_location option[value]:not([value=""])')).to_have_count(1)
        parent.get_by_label("Locatie", exact=True).select_option(value=str(self.location.pk))
        parent.get_by_label("Wat is er gebeurd?").fill("Mijn kind werd <b>niet</b> opgehaald van school.")
        parent.get_by_label("Wat wilt u dat er gebeurt?").fill("Een gesprek en betere afspraken.")
        parent.locator("input[name=consent]").check()
        self.screenshot(parent, "1-parent-form-filled")
        parent.wait_for_timeout(3100)  # the form refuses answers faster than a person
        self.submit(parent)
        self.assertIn("/status/", parent.url)
        complaint = Complaint.objects.get()
        self.assertIn(complaint.reference, parent.content())
        self.screenshot(parent, "2-parent-receipt")
        status_url = parent.url.split("?")[0]

        # 2. The coordinator triages and forwards to the location.
        coordinator = self.new_page()
        self.log_in(coordinator, "coordinator")
        coordinator.goto(self.url(reverse("staff:worklist")))
        self.assertIn(complaint.reference, coordinator.content())
        self.screenshot(coordinator, "3-coordinator-worklist")
        coordinator.goto(self.url(reverse("staff:complaint_forward", args=[complaint.reference])))
        coordinator.get_by_label("Categorie").select_option(label="Communicatie vanuit locatie")
        self.submit(coordinator)
        complaint.refresh_from_db()
        self.assertEqual(complaint.status, Status.FORWARDED)
        self.assertEqual(complaint.handling_location, self.location)
        self.screenshot(coordinator, "4-coordinator-forwarded")

        # 2b. The parent adds a photo on the status page (issue 13).
        parent.goto(status_url)
        parent.get_by_label("Uw aanvulling of vraag").fill("Hierbij een foto van de open poort.")
        parent.get_by_label("Bijlagen").set_input_files([{"name": "poort.png", "mimeType": "image/png", "buffer": PNG}])
        parent.wait_for_timeout(3100)  # the spam guard refuses answers faster than a person
        with parent.expect_navigation():
            parent.locator("#aanvullen button[type=submit]").click()
        expect(parent.get_by_text("uw bericht is bij uw klacht gezet")).to_be_visible()
        self.assertEqual(complaint.attachments.get().original_name, "poort.png")
        self.screenshot(parent, "4b-parent-added-photo")
        self.assert_accessible(parent)

        # 3. The location manager handles it: sees the photo, answers with a message.
        manager = self.new_page()
        self.log_in(manager, "lotte")
        detail = self.url(reverse("staff:complaint_detail", args=[complaint.reference]))
        manager.goto(detail)
        expect(manager.get_by_text("Nieuw bericht van de indiener")).to_be_visible()
        expect(manager.locator("main").get_by_text("Hierbij een foto van de open poort.")).to_be_visible()
        expect(manager.locator("main").get_by_text("poort.png").first).to_be_visible()
        self.screenshot(manager, "4c-manager-sees-photo")
        manager.goto(self.url(reverse("staff:message_send", args=[complaint.reference])))
        manager.get_by_label("Onderwerp").fill("Uw foto van de poort")
        manager.get_by_label("Bericht").fill("Dank voor de foto. De poort wordt morgen gerepareerd.")
        self.submit(manager)
        self.assertTrue(OutboundEmail.objects.filter(complaint=complaint, template="message_to_complainant"))
        parent.goto(status_url)
        expect(parent.get_by_text("De poort wordt morgen gerepareerd.")).to_be_visible()
        expect(parent.get_by_text("Lotte Bakker, Locatiemanager")).to_be_visible()
        self.screenshot(parent, "4d-parent-sees-answer")
        manager.goto(self.url(reverse("staff:contact_record", args=[complaint.reference])))
        manager.get_by_label("Telefonisch").check()
        manager.get_by_label("Samenvatting").fill("Moeder gebeld, excuses aangeboden, afspraken besproken.")
        self.submit(manager)
        manager.goto(self.url(reverse("staff:measure_add", args=[complaint.reference])))
        manager.get_by_label("Maatregel", exact=True).fill("Ophaallijst BSO dagelijks controleren")
        manager.get_by_label("Wie voert de maatregel uit").fill("Locatiemanager")
        manager.get_by_label("Uiterlijk gerealiseerd op").fill((timezone.localdate() + timedelta(days=21)).isoformat())
        self.submit(manager)
        manager.goto(self.url(reverse("staff:outcome_set", args=[complaint.reference])))
        manager.get_by_label("Gegrond", exact=True).check()
        manager.get_by_label("Getroffen oplossing").fill("Excuses aangeboden en de ophaalprocedure aangescherpt.")
        self.submit(manager)
        complaint.refresh_from_db()
        self.assertEqual((complaint.status, complaint.verdict), (Status.IN_PROGRESS, "ja"))
        self.assertEqual(complaint.measures.count(), 1)
        manager.goto(self.url(reverse("staff:letter_draft", args=[complaint.reference])))
        self.submit(manager)
        manager.goto(self.url(reverse("staff:letter_edit", args=[complaint.reference])))
        body = manager.get_by_label("Tekst van de brief")
        self.assertIn("Ophaallijst BSO dagelijks controleren", body.input_value())
        self.screenshot(manager, "5-manager-letter-review")
        manager.goto(self.url(reverse("staff:letter_send", args=[complaint.reference])))
        self.submit(manager)
        manager.goto(self.url(reverse("staff:complaint_close", args=[complaint.reference])))
        self.submit(manager)
        complaint.refresh_from_db()
        self.assertEqual(complaint.status, Status.CLOSED)
        self.assertEqual(complaint.verdict, "ja")
        manager.goto(detail)
        self.screenshot(manager, "6-manager-closed-with-history")
        self.assertTrue(
            OutboundEmail.objects.filter(complaint=complaint, template="closing_letter", to=["sanne@voorbeeld.test"])
        )

        # 4. The parent opens the status link and reads the verdict.
        parent.goto(status_url)
        content = parent.content()
        self.assertIn("Wij vinden uw klacht <strong>gegrond</strong>", content)
        self.assertIn("brief.pdf", content)
        self.assertNotIn("Moeder gebeld", content)  # contact notes stay internal
        self.assertIn("&lt;b&gt;niet&lt;/b&gt;", content)  # what the parent typed, shown as text
        self.screenshot(parent, "7-parent-status-with-verdict")
        self.assert_accessible(parent)
        response = parent.request.get(status_url + "brief.pdf")
        self.assertEqual(response.headers["content-type"], "application/pdf")
        self.assertTrue(response.body().startswith(b"%PDF-"))

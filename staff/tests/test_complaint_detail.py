from datetime import timedelta

from django.db import connection
from django.test import SimpleTestCase
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse, set_script_prefix
from django.utils import timezone

from complaints.models import ClosingLetter
from complaints.selectors import complaint_contents
from complaints.services import (
    complaint_forward,
    complaint_set_outcome,
    contact_record,
    event_record,
    letter_draft,
    letter_send,
    measure_add,
    measure_complete,
    note_add,
)
from config.testing import BaseTestCase, register
from staff.tests.helpers import days_ago, forwarded, png_attachment
from staff.views.detail import ComplaintUrls


class ComplaintDetailTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        triage = {"actor": cls.coordinator, "category": cls.communication}
        cls.at_oceaan = forwarded(location=cls.oceaan, description="Toiletten zijn vies.", **triage)
        cls.at_margriet = forwarded(location=cls.margriet, description="Luiers niet verschoond.", **triage)
        cls.invoice = register(location=cls.margriet, description="Factuur klopt niet.")
        complaint_forward(
            complaint=cls.invoice,
            category=cls.invoices,
            location=cls.margriet,
            handling_department=cls.debiteuren,
            actor=cls.coordinator,
        )

    def url(self, complaint) -> str:
        return reverse("staff:complaint_detail", args=[complaint.reference])

    def test_it_shows_the_complaint_contact_details_and_history_to_the_coordinator(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(self.url(self.invoice))
        self.assertContains(response, "Factuur klopt niet.")
        self.assertContains(response, "ouder@voorbeeld.test")
        self.assertContains(response, "Ingedeeld en doorgestuurd")
        self.assertContains(
            response, "<td>behandelende afdeling</td><td>–</td><td>Debiteuren en facturatie</td>", html=True
        )
        self.assertContains(response, "Debiteuren en facturatie")

    def test_it_shows_a_location_manager_the_complaints_of_their_location(self):
        self.client.force_login(self.manager)
        self.assertContains(self.client.get(self.url(self.at_oceaan)), "Toiletten zijn vies.")

    def test_it_answers_404_when_a_location_manager_guesses_another_locations_url(self):
        self.client.force_login(self.manager)
        response = self.client.get(self.url(self.at_margriet))
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(response, "Luiers", status_code=404)

    def test_it_answers_404_for_a_reference_that_does_not_exist(self):
        self.client.force_login(self.coordinator)
        self.assertEqual(self.client.get(reverse("staff:complaint_detail", args=["K1999-00001"])).status_code, 404)

    def test_it_scopes_an_operations_manager_to_their_region(self):
        self.client.force_login(self.ops_north)
        self.assertEqual(self.client.get(self.url(self.at_oceaan)).status_code, 200)
        self.assertEqual(self.client.get(self.url(self.at_margriet)).status_code, 404)

    def test_it_scopes_a_department_handler_to_their_department(self):
        self.client.force_login(self.department_handler)
        self.assertEqual(self.client.get(self.url(self.invoice)).status_code, 200)
        self.assertEqual(self.client.get(self.url(self.at_margriet)).status_code, 404)

    def test_it_refuses_management_and_administrators_personal_complaint_data(self):
        for user in (self.management, self.administrator):
            self.client.force_login(user)
            self.assertEqual(self.client.get(self.url(self.at_oceaan)).status_code, 403)

    def test_it_sends_anonymous_visitors_to_the_login_page(self):
        response = self.client.get(self.url(self.at_oceaan))
        self.assertRedirects(response, f"{reverse('login')}?next={self.url(self.at_oceaan)}")

    def test_it_escapes_html_in_complaint_text(self):
        hostile = register(location=self.oceaan, description="<script>alert(1)</script>")
        self.client.force_login(self.coordinator)
        response = self.client.get(self.url(hostile))
        self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")
        self.assertNotContains(response, "<script>alert(1)</script>")


class ComplaintDetailHandlingTests(BaseTestCase):
    """What the handler recorded, shown on the detail page."""

    def setUp(self) -> None:
        self.complaint = forwarded(
            location=self.oceaan,
            actor=self.coordinator,
            category=self.communication,
            received_at=days_ago(10),
            attachments=[png_attachment("foto van de gang.png")],
        )
        self.url = reverse("staff:complaint_detail", args=[self.complaint.reference])
        self.client.force_login(self.manager)

    def add_handling(self, n: int = 1) -> None:
        for index in range(n):
            contact_record(
                complaint=self.complaint,
                occurred_at=days_ago(1),
                method="phone",
                summary=f"Ouder gebeld {index}.",
                actor=self.manager,
            )
            note_add(complaint=self.complaint, text=f"Team gesproken {index}.", actor=self.manager)
            measure = measure_add(
                complaint=self.complaint,
                description=f"Overdracht bespreken {index}",
                owner="Locatiemanager",
                due_date=timezone.localdate() + timedelta(days=14),
                actor=self.manager,
            )
            if index % 2:
                measure_complete(measure=measure, actor=self.manager)

    def test_it_shows_contacts_notes_measures_and_attachments(self):
        self.add_handling()
        response = self.client.get(self.url)
        self.assertContains(response, "Ouder gebeld 0.")
        self.assertContains(response, "Telefonisch")
        self.assertContains(response, "Team gesproken 0.")
        self.assertContains(response, "Overdracht bespreken 0")
        self.assertContains(response, "Markeer als gerealiseerd")
        attachment = self.complaint.attachments.get()
        self.assertContains(
            response, reverse("staff:attachment_download", args=[self.complaint.reference, attachment.pk])
        )
        self.assertContains(response, "foto van de gang.png")

    def test_it_shows_days_left(self):
        response = self.client.get(self.url)
        self.assertContains(response, f"nog {self.complaint.days_left} dagen")

    def test_it_offers_the_letter_once_verdict_and_solution_are_recorded(self):
        self.assertContains(self.client.get(self.url), "Leg eerst het oordeel en de oplossing vast")
        complaint_set_outcome(
            complaint=self.complaint, verdict="deels", solution="Excuses gemaakt.", actor=self.manager
        )
        self.assertContains(self.client.get(self.url), reverse("staff:letter_draft", args=[self.complaint.reference]))
        letter_draft(complaint=self.complaint, actor=self.manager)
        response = self.client.get(self.url)
        self.assertContains(response, reverse("staff:letter_edit", args=[self.complaint.reference]))
        self.assertContains(response, reverse("staff:letter_preview", args=[self.complaint.reference]))
        self.assertNotContains(response, reverse("staff:letter_pdf", args=[self.complaint.reference]))

    def test_it_links_the_stored_pdf_once_the_letter_is_sent(self):
        complaint_set_outcome(complaint=self.complaint, verdict="nee", solution="Uitgelegd.", actor=self.manager)
        letter_draft(complaint=self.complaint, actor=self.manager)
        letter_send(complaint=self.complaint, actor=self.manager)
        response = self.client.get(self.url)
        self.assertContains(response, reverse("staff:letter_pdf", args=[self.complaint.reference]))
        self.assertContains(response, "Afsluitbrief verstuurd")
        self.assertNotContains(response, "/media/")

    def test_it_shows_every_event_with_who_when_and_what_changed(self):
        self.add_handling()
        event_record(
            complaint=self.complaint,
            kind="email.sent",
            actor_label="systeem",
            data={"template": "receipt", "subject": "Uw klacht is ontvangen", "to": ["ouder@voorbeeld.test"]},
        )
        response = self.client.get(self.url)
        for label in (
            "Klacht geregistreerd",
            "Bijlage toegevoegd",
            "Ingedeeld en doorgestuurd",
            "Contactmoment vastgelegd",
            "Interne notitie toegevoegd",
            "Maatregel vastgelegd",
            "E-mail verstuurd",
        ):
            self.assertContains(response, label)
        self.assertContains(response, "Uw klacht is ontvangen")
        self.assertContains(response, "<td>status</td><td>Doorgestuurd</td><td>In behandeling</td>", html=True)

    def test_it_escapes_what_handlers_typed(self):
        note_add(complaint=self.complaint, text="<img src=x onerror=alert(1)>", actor=self.manager)
        response = self.client.get(self.url)
        self.assertNotContains(response, "<img src=x")
        self.assertContains(response, "&lt;img src=x onerror=alert(1)&gt;")

    def test_its_contents_are_what_the_relations_hold_and_empty_lists_cost_no_query(self):
        complaint = register(location=self.oceaan, description="Nog niets mee gedaan.")
        with self.assertNumQueries(1):  # which lists have rows, and the letter
            contents = complaint_contents(complaint=complaint)
            self.assertEqual(
                [list(contents[name]) for name in ("measures", "contacts", "notes", "attachments")], [[]] * 4
            )
        self.assertIsNone(contents["letter"])

        self.add_handling(2)
        complaint_set_outcome(complaint=self.complaint, verdict="nee", solution="Uitgelegd.", actor=self.manager)
        letter_draft(complaint=self.complaint, actor=self.manager)
        letter_send(complaint=self.complaint, actor=self.manager)
        with self.assertNumQueries(6):  # the first query, the letter and each of the four lists
            contents = complaint_contents(complaint=self.complaint)
            lists = {name: list(contents[name]) for name in ("measures", "contacts", "notes", "attachments")}
        self.assertEqual(lists["measures"], list(self.complaint.measures.all()))
        self.assertEqual(lists["contacts"], list(self.complaint.contacts.all()))
        self.assertEqual(lists["notes"], list(self.complaint.notes.all()))
        self.assertEqual(lists["attachments"], list(self.complaint.attachments.all()))
        self.assertEqual([len(rows) for rows in lists.values()], [2, 2, 2, 1])
        letter, stored = (
            contents["letter"],
            ClosingLetter.objects.select_related("sent_by").get(complaint=self.complaint),
        )
        # The letter and who sent it are whole (no field left to read later).
        self.assertEqual((letter.get_deferred_fields(), letter.sent_by.get_deferred_fields()), (set(), set()))
        with self.assertNumQueries(0):
            self.assertEqual(
                (letter.pk, letter.body, letter.pdf.name, letter.sent_at, letter.updated_at, letter.sent_by.username),
                (stored.pk, stored.body, stored.pdf.name, stored.sent_at, stored.updated_at, self.manager.username),
            )

    def test_its_query_count_does_not_grow_with_contacts_notes_measures_and_events(self):
        def queries() -> int:
            with CaptureQueriesContext(connection) as context:
                self.assertEqual(self.client.get(self.url).status_code, 200)
            return len(context)

        self.add_handling()
        before = queries()
        self.add_handling(6)
        self.assertEqual(queries(), before)
        self.client.force_login(self.coordinator)
        # Session, user with the second-factor device, complaint (with complainant,
        # location, label and category), which lists have rows and whether there is a
        # letter, the handling location (by its key: fewer tables joined plan faster,
        # see complaint_get), then one each for measures, contacts, notes, attachments
        # (all have rows here; no letter) and the history; two for the related
        # complaints (triage); no session write.
        with self.assertNumQueries(12):
            self.client.get(self.url)


class ComplaintUrlsTests(SimpleTestCase):
    """The detail page's addresses, reversed once per process, are what reverse() gives."""

    def names(self) -> list[str]:
        patterns = get_resolver().namespace_dict["staff"][1].url_patterns
        return [p.name for p in patterns if p.name and list(p.pattern.converters) == ["reference"]]

    def test_every_address_of_a_complaint_is_what_reverse_gives(self):
        names = self.names()
        self.assertGreaterEqual(len(names), 25)
        for reference in ("K2025-00514", "k2017-1", "K2025 00514", "K2025-ü", "K#1?a=b", "x" * 30):
            urls = ComplaintUrls(reference)
            for name in names:
                with self.subTest(reference=reference, name=name):
                    self.assertEqual(urls[name], reverse(f"staff:{name}", args=[reference]))

    def test_under_another_script_prefix(self):
        names = self.names()
        for prefix in ("/klachtwijs/", "/"):
            set_script_prefix(prefix)
            try:
                for name in names:
                    self.assertEqual(ComplaintUrls("K2025-00001")[name], reverse(f"staff:{name}", args=["K2025-00001"]))
                    self.assertTrue(ComplaintUrls("K2025-00001")[name].startswith(prefix))
            finally:
                set_script_prefix("/")

from django.test import override_settings
from django.urls import reverse

from complaints.models import EventKind
from complaints.services import complaint_forward
from config.testing import close, register
from staff.tests.helpers import forwarded
from triage.models import PublicationDraft
from triage.services import publication_draft_make
from triage.suggestions import category_model_train
from triage.tests.helpers import TriageTestCase


class SuggestionAtTriageTests(TriageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.make_training_data()
        category_model_train()

    def setUp(self) -> None:
        self.complaint = register(location=self.oceaan, description="De factuur is twee keer afgeschreven.")
        self.client.force_login(self.coordinator)

    def test_the_triage_screen_shows_three_suggestions_without_choosing_one(self):
        response = self.client.get(reverse("staff:complaint_forward", args=[self.complaint.reference]))
        self.assertContains(response, "Voorgestelde categorieën")
        self.assertContains(response, 'class="btn btn-link p-0 align-baseline triage-pick"', count=3)
        self.assertContains(response, f'data-category="{self.invoices.pk}"')
        self.assertIsNone(response.context["form"].initial["category"])  # never applied by itself

    def test_the_history_records_that_the_suggestion_was_taken(self):
        url = reverse("staff:complaint_forward", args=[self.complaint.reference])
        self.client.post(url, {"category": self.invoices.pk, "location": self.oceaan.pk, "handler_kind": "location"})
        event = self.complaint.events.get(kind=EventKind.SUGGESTION_TAKEN)
        self.assertEqual(event.data["rank"], 1)
        self.assertEqual(event.data["chosen"], "Facturen en betalingen")
        self.assertEqual(len(event.data["suggested"]), 3)
        self.assertEqual(event.actor, self.coordinator)
        page = self.client.get(reverse("staff:complaint_detail", args=[self.complaint.reference]))
        self.assertContains(page, "Voorgestelde categorie gekozen")
        self.assertContains(page, "Facturen en betalingen (")

    def test_the_history_records_that_another_category_was_chosen(self):
        extra = self.taxonomy.categories.create(name="Overig")
        complaint_forward(
            complaint=self.complaint,
            category=extra,
            location=self.oceaan,
            handling_location=self.oceaan,
            actor=self.coordinator,
        )
        event = self.complaint.events.get(kind=EventKind.SUGGESTION_DECLINED)
        self.assertIsNone(event.data["rank"])
        self.assertEqual(event.data["chosen"], "Overig")

    def test_forwarding_again_without_a_new_category_records_nothing_new(self):
        for _ in range(2):
            complaint_forward(
                complaint=self.complaint,
                category=self.invoices,
                location=self.oceaan,
                handling_location=self.oceaan,
                actor=self.coordinator,
            )
        self.assertEqual(self.complaint.events.filter(kind=EventKind.SUGGESTION_TAKEN).count(), 1)


@override_settings(TRIAGE_USE_DEDUCE=False)
class PublicationDraftTests(TriageTestCase):
    def test_closing_a_complaint_drafts_an_anonymised_text(self):
        self.manager.first_name, self.manager.last_name = "Kees", "Bakker"
        self.manager.save()
        complaint = register(location=self.oceaan, description="Locatiemanager Kees Bakker belde mij niet terug.")
        with self.captureOnCommitCallbacks(execute=True):
            close(complaint, actor=self.manager, solution="Kees Bakker heeft excuses aangeboden.")
        draft = PublicationDraft.objects.get(complaint=complaint)
        self.assertEqual(
            draft.text, "Locatiemanager belde mij niet terug.\n\nOplossing: Locatiemanager heeft excuses aangeboden."
        )
        self.assertEqual([r["original"] for r in draft.replacements], [" Kees Bakker", "Kees Bakker"])
        event = complaint.events.get(kind=EventKind.PUBLICATION_DRAFTED)
        self.assertEqual(event.actor_label, "systeem")
        self.assertEqual(event.data, {"replacements": 2})
        complaint.refresh_from_db()
        self.assertEqual(complaint.publication_text, "")  # a draft, never published by itself
        self.assertFalse(complaint.publication_reviewed)

    def test_the_reviewer_sees_the_draft_highlighted_next_to_the_original(self):
        complaint = register(location=self.oceaan, description="Mijn zoon Kofi werd gebeten; bel 06-12345678.")
        close(complaint, actor=self.manager)
        publication_draft_make(complaint=complaint)
        self.client.force_login(self.coordinator)
        response = self.client.get(reverse("staff:publication_text", args=[complaint.reference]))
        self.assertContains(response, "Mijn zoon Kofi werd gebeten; bel 06-12345678.")  # the original
        self.assertContains(response, '<mark title="06-12345678">[telefoonnummer]')
        self.assertContains(response, '<mark title="Kofi">…')
        self.assertContains(response, 'data-text="Mijn zoon werd gebeten; bel [telefoonnummer].')

    def test_a_draft_is_made_on_request_by_who_edits_the_annual_report(self):
        # Forwarded to the manager's location, so the manager sees it but may not ask for a draft.
        complaint = forwarded(
            location=self.oceaan, actor=self.coordinator, category=self.communication,
            description="Juf Ayşe Yılmaz was te laat.",
        )  # fmt: skip
        url = reverse("triage:draft_request", args=[complaint.reference])
        self.client.force_login(self.manager)
        self.assertEqual(self.client.post(url).status_code, 403)
        self.assertFalse(PublicationDraft.objects.exists())
        self.client.force_login(self.coordinator)
        self.assertEqual(self.client.get(url).status_code, 405)
        response = self.client.post(url)
        self.assertRedirects(response, reverse("staff:publication_text", args=[complaint.reference]))
        self.assertEqual(PublicationDraft.objects.get(complaint=complaint).text, "Juf was te laat.")

    def test_a_complaint_outside_the_scope_is_not_found(self):
        complaint = register(location=self.margriet, description="Tekst.")
        self.client.force_login(self.other_manager)
        self.assertEqual(self.client.post(reverse("triage:draft_request", args=["K2026-99999"])).status_code, 404)
        self.client.logout()
        response = self.client.post(reverse("triage:draft_request", args=[complaint.reference]))
        self.assertEqual(response.status_code, 302)
        self.assertIn("login", response.url)

"""Every staff URL, for every persona: who gets the page, who gets 403 and who
404. A URL added to staff/urls.py without a row here fails the first test."""

from django.urls import URLPattern, reverse
from django.utils import timezone

from accounts.testing import VerifiedClient
from complaints.models import ClosingLetter, Complaint, ComplaintEvent, ContactMoment, InternalNote, Measure
from complaints.services import (
    complaint_set_confidential,
    complaint_set_outcome,
    letter_draft,
    letter_send,
    measure_add,
)
from config.testing import BaseTestCase, register
from staff.models import SavedFilter
from staff.tests.helpers import forwarded, png_attachment
from staff.urls import urlpatterns

PERSONAS = (
    "coordinator",
    "manager",
    "other_manager",
    "ops_north",
    "department_handler",
    "management",
    "administrator",
)
# The complaint lies at Oceaan (region Noord), handled by Oceaan.
IN_SCOPE = dict(
    coordinator=200, manager=200, other_manager=404, ops_north=200, department_handler=404, management=403,
    administrator=403,
)  # fmt: skip
COORDINATOR_ONLY = dict(
    coordinator=200, manager=403, other_manager=403, ops_north=403, department_handler=403, management=403,
    administrator=403,
)  # fmt: skip
COORDINATOR_ONLY_IN_SCOPE = {**COORDINATOR_ONLY, "other_manager": 404, "department_handler": 404}
# Pages that only take a POST: a GET is 405 for whoever may post there.
READERS_POST_ONLY = dict(
    coordinator=405, manager=405, other_manager=405, ops_north=405, department_handler=405, management=403,
    administrator=403,
)  # fmt: skip
COORDINATOR_POST_ONLY = {**COORDINATOR_ONLY, "coordinator": 405}
READERS = dict(
    coordinator=200, manager=200, other_manager=200, ops_north=200, department_handler=200, management=403,
    administrator=403,
)  # fmt: skip

EXPECTED_GET: dict[str, dict[str, int]] = {
    "home": {persona: 302 for persona in PERSONAS},  # management lands on the weekly report
    "worklist": READERS,
    "complaint_list": READERS,
    "my_complaints": READERS,
    "filter_options": READERS,  # the list filter's location and handler search, within each reader's scope
    "complaint_export_csv": READERS,
    "complaint_export_xlsx": READERS,
    "saved_filter_save": READERS_POST_ONLY,
    "saved_filter_delete": READERS_POST_ONLY,
    "bulk_action": COORDINATOR_POST_ONLY,
    "complaint_assign": IN_SCOPE,
    "complaint_register": COORDINATOR_ONLY,
    "location_options": COORDINATOR_ONLY,
    # Issue 12: reviewing location link proposals (capability merge_locations).
    "location_matches": COORDINATOR_ONLY,
    "location_matches_bulk": COORDINATOR_ONLY,
    "location_match_decide": {**COORDINATOR_ONLY, "coordinator": 405},  # POST only
    "complaint_detail": IN_SCOPE,
    "complaint_forward": COORDINATOR_ONLY_IN_SCOPE,
    "publication_text": COORDINATOR_ONLY_IN_SCOPE,
    "contact_record": IN_SCOPE,
    "note_add": IN_SCOPE,
    "message_send": IN_SCOPE,
    "answer_date_set": IN_SCOPE,
    "measure_add": IN_SCOPE,
    "measure_complete": IN_SCOPE,
    "outcome_set": IN_SCOPE,
    "letter_draft": IN_SCOPE,
    "letter_edit": IN_SCOPE,
    "letter_preview": IN_SCOPE,
    "letter_send": IN_SCOPE,
    "letter_pdf": IN_SCOPE,
    "complaint_close": IN_SCOPE,
    "complaint_withdraw": IN_SCOPE,
    "attachment_download": IN_SCOPE,
    "complaint_confidential": COORDINATOR_ONLY_IN_SCOPE,
    "complainant_erase": COORDINATOR_ONLY_IN_SCOPE,
    "complainant_export": COORDINATOR_ONLY_IN_SCOPE,
    "complaint_dossier": IN_SCOPE,
    "complaint_safety": COORDINATOR_ONLY_IN_SCOPE,
    "complaint_language": COORDINATOR_ONLY_IN_SCOPE,
    "complaint_reopen": IN_SCOPE,
    "attachment_add": IN_SCOPE,
}
# URLs that change something on POST (the others only answer GET).
ACTIONS = {
    "saved_filter_save",
    "saved_filter_delete",
    "bulk_action",
    "complaint_assign",
    "complaint_register",
    "location_matches_bulk",
    "location_match_decide",
    "complaint_forward",
    "contact_record",
    "note_add",
    "message_send",
    "answer_date_set",
    "publication_text",
    "measure_add",
    "measure_complete",
    "outcome_set",
    "letter_draft",
    "letter_edit",
    "letter_preview",
    "letter_send",
    "complaint_close",
    "complaint_withdraw",
    "complaint_confidential",
    "complainant_erase",
    "complainant_export",
    "complaint_safety",
    "complaint_language",
    "complaint_reopen",
    "attachment_add",
}


class AccessTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.complaint = forwarded(
            location=cls.oceaan, actor=cls.coordinator, category=cls.communication, attachments=[png_attachment()]
        )
        cls.measure = measure_add(
            complaint=cls.complaint,
            description="Teamoverleg",
            owner="Locatiemanager",
            due_date=timezone.localdate(),
            actor=cls.manager,
        )
        complaint_set_outcome(complaint=cls.complaint, verdict="ja", solution="Besproken.", actor=cls.manager)
        letter_draft(complaint=cls.complaint, actor=cls.manager)
        letter_send(complaint=cls.complaint, actor=cls.manager)
        cls.attachment = cls.complaint.attachments.get()
        cls.saved_filter = SavedFilter.objects.create(user=cls.coordinator, name="Open", query="status=open")

    def url(self, pattern: URLPattern) -> str:
        values = {
            "reference": self.complaint.reference,
            "measure_id": self.measure.pk,
            "attachment_id": self.attachment.pk,
            "saved_filter_id": self.saved_filter.pk,
            "pk": 1,  # a location link proposal
        }
        return reverse(f"staff:{pattern.name}", kwargs={name: values[name] for name in pattern.pattern.converters})

    def setUp(self) -> None:
        super().setUp()
        self.clients: dict[str, VerifiedClient] = {}

    def logged_in(self, persona: str) -> VerifiedClient:
        """One logged-in client per persona and test: a login writes a session and the
        login log (django-axes), which the tables below would otherwise do hundreds of times."""
        if persona not in self.clients:
            self.clients[persona] = self.client_class()
            self.clients[persona].force_login(getattr(self, persona))
        return self.clients[persona]

    def state(self) -> tuple:
        """Everything a staff action could change."""
        complaint = Complaint.objects.values().get(pk=self.complaint.pk)
        complaint.pop("updated_at")
        return (
            complaint,
            Complaint.objects.count(),
            ComplaintEvent.objects.count(),
            ContactMoment.objects.count(),
            InternalNote.objects.count(),
            list(Measure.objects.values_list("id", "done_at")),
            ClosingLetter.objects.values_list("body", "sent_at").get(complaint=self.complaint),
        )

    def test_it_has_a_rule_for_every_staff_url(self):
        self.assertEqual(set(EXPECTED_GET), {pattern.name for pattern in urlpatterns})
        self.assertLessEqual(ACTIONS, set(EXPECTED_GET))

    def test_it_answers_every_persona_on_every_url_as_the_table_says(self):
        for pattern in urlpatterns:
            for persona in PERSONAS:
                with self.subTest(url=pattern.name, persona=persona):
                    response = self.logged_in(persona).get(self.url(pattern))
                    self.assertEqual(response.status_code, EXPECTED_GET[pattern.name][persona])

    def test_it_sends_anonymous_visitors_to_the_login_page_everywhere(self):
        for pattern in urlpatterns:
            for method in ("get", "post"):
                with self.subTest(url=pattern.name, method=method):
                    url = self.url(pattern)
                    response = getattr(self.client, method)(url)
                    self.assertRedirects(response, f"{reverse('login')}?next={url}", fetch_redirect_response=False)

    def test_it_changes_nothing_when_someone_posts_outside_their_role_or_scope(self):
        post = {"text": "x", "reason": "x", "summary": "x", "body": "x", "verdict": "nee", "solution": "x"}
        before = self.state()
        for name in sorted(ACTIONS):
            pattern = next(pattern for pattern in urlpatterns if pattern.name == name)
            for persona in PERSONAS:
                expected = EXPECTED_GET[name][persona]
                if expected in (200, 405):  # 405: a POST-only page this persona may use
                    continue
                with self.subTest(url=name, persona=persona):
                    response = self.logged_in(persona).post(self.url(pattern), post)
                    self.assertEqual(response.status_code, expected)
                    self.assertNotIn(b"Besproken", response.content)
        self.assertEqual(self.state(), before)

    def test_it_answers_404_to_a_location_manager_on_every_url_of_another_complaint(self):
        self.client.force_login(self.other_manager)
        for pattern in urlpatterns:
            if "reference" not in pattern.pattern.converters:
                continue
            for method in ("get", "post"):
                with self.subTest(url=pattern.name, method=method):
                    response = getattr(self.client, method)(self.url(pattern))
                    self.assertEqual(response.status_code, 404)

    def test_it_refuses_methods_a_page_does_not_take(self):
        self.client.force_login(self.coordinator)
        for pattern in urlpatterns:
            with self.subTest(url=pattern.name):
                response = self.client.delete(self.url(pattern))
                self.assertEqual(response.status_code, 405)
                if pattern.name not in ACTIONS:
                    self.assertEqual(self.client.post(self.url(pattern)).status_code, 405)


class ProcessScopeTests(BaseTestCase):
    """Roles follow the process: a manager sees a complaint only once the
    coordinator forwarded it to their unit, and never a confidential one about
    their own location. Each case on every URL of one complaint."""

    HANDLER_URLS = [p for p in urlpatterns if p.pattern.converters.keys() == {"reference"}]

    def assert_hidden(self, persona, complaint) -> None:
        """404 on every URL of the complaint, as for one that does not exist."""
        self.client.force_login(persona)
        for pattern in self.HANDLER_URLS:
            for method in ("get", "post"):
                with self.subTest(url=pattern.name, method=method, persona=persona.username):
                    response = getattr(self.client, method)(
                        reverse(f"staff:{pattern.name}", args=[complaint.reference])
                    )
                    self.assertEqual(response.status_code, 404)

    def assert_handles(self, persona, complaint) -> None:
        self.client.force_login(persona)
        for name in ("complaint_detail", "outcome_set", "contact_record", "complaint_close"):
            with self.subTest(url=name, persona=persona.username):
                response = self.client.get(reverse(f"staff:{name}", args=[complaint.reference]))
                self.assertEqual(response.status_code, 200)

    def test_it_hides_a_new_complaint_from_the_manager_of_its_location(self):
        complaint = register(location=self.oceaan)
        self.assert_hidden(self.manager, complaint)
        self.assert_hidden(self.ops_north, complaint)
        self.client.force_login(self.coordinator)
        self.assertEqual(
            self.client.get(reverse("staff:complaint_detail", args=[complaint.reference])).status_code, 200
        )

    def test_it_hides_a_complaint_forwarded_to_a_department_from_the_location_managers(self):
        complaint = forwarded(
            location=self.oceaan, actor=self.coordinator, category=self.invoices, department=self.debiteuren
        )
        self.assert_hidden(self.manager, complaint)
        self.assert_hidden(self.ops_north, complaint)
        self.assert_handles(self.department_handler, complaint)

    def test_it_hides_a_confidential_complaint_from_its_location_manager_and_shows_it_to_the_ops_manager(self):
        complaint = forwarded(location=self.oceaan, actor=self.coordinator, category=self.communication)
        complaint_set_confidential(
            complaint=complaint, confidential=True, reason="Over de locatiemanager.", actor=self.coordinator
        )
        self.assert_hidden(self.manager, complaint)
        self.assert_handles(self.ops_north, complaint)
        self.assert_hidden(self.other_manager, complaint)

    def test_it_refuses_a_manager_who_posts_a_verdict_on_a_new_complaint(self):
        complaint = register(location=self.oceaan)
        self.client.force_login(self.manager)
        for name in ("outcome_set", "complaint_close", "letter_draft"):
            with self.subTest(url=name):
                response = self.client.post(
                    reverse(f"staff:{name}", args=[complaint.reference]), {"verdict": "nee", "solution": "x"}
                )
                self.assertEqual(response.status_code, 404)
        complaint.refresh_from_db()
        self.assertEqual((complaint.status, complaint.verdict), ("new", ""))

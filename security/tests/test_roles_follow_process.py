"""Issue 10, point 3: roles follow the process. Only the coordinator triages and
marks a complaint confidential; a manager sees a complaint once it was forwarded
to their unit and never a confidential one about their own location; the
administrator maintains reference data without reading complainants' data.
(The role × URL matrix is staff/tests/test_access.py.)"""

from pathlib import Path

from django.conf import settings
from django.urls import reverse
from rest_framework.authtoken.models import Token

from accounts.capabilities import CAPABILITIES, Capability
from accounts.models import Role
from complaints.emails import handler_addresses
from complaints.models import Complaint, EventKind
from complaints.selectors import complaint_visible_to
from complaints.services import ComplaintError, complaint_set_confidential
from config.testing import BaseTestCase, register
from notifications.models import OutboundEmail
from staff.tests.helpers import forwarded


class ScopeFollowsTheProcessTests(BaseTestCase):
    def visible(self, user) -> set[str]:
        return set(complaint_visible_to(user).values_list("reference", flat=True))

    def test_it_shows_a_new_complaint_to_the_coordinator_only(self):
        new = register(location=self.oceaan)
        self.assertIn(new.reference, self.visible(self.coordinator))
        for persona in (self.manager, self.ops_north, self.department_handler, self.management, self.administrator):
            with self.subTest(persona=persona.username):
                self.assertNotIn(new.reference, self.visible(persona))

    def test_it_shows_a_forwarded_complaint_to_the_unit_it_went_to_and_no_one_else(self):
        at_location = forwarded(location=self.oceaan, actor=self.coordinator, category=self.communication)
        at_department = forwarded(
            location=self.oceaan, actor=self.coordinator, category=self.invoices, department=self.debiteuren
        )
        self.assertEqual(self.visible(self.manager), {at_location.reference})
        self.assertEqual(self.visible(self.ops_north), {at_location.reference})
        self.assertEqual(self.visible(self.department_handler), {at_department.reference})
        self.assertEqual(self.visible(self.other_manager), set())

    def test_only_the_coordinator_may_triage(self):
        self.assertEqual({role for role, caps in CAPABILITIES.items() if Capability.TRIAGE in caps}, {Role.COORDINATOR})


class ConfidentialTests(BaseTestCase):
    def setUp(self) -> None:
        self.complaint = forwarded(location=self.oceaan, actor=self.coordinator, category=self.communication)

    def mark(self, confidential: bool = True) -> Complaint:
        return complaint_set_confidential(
            complaint=self.complaint,
            confidential=confidential,
            reason="Gaat over de locatiemanager.",
            actor=self.coordinator,
        )

    def test_it_hides_the_complaint_from_the_locations_manager_and_leaves_it_to_the_ops_manager(self):
        self.assertIn(self.complaint, complaint_visible_to(self.manager))
        self.mark()
        self.assertNotIn(self.complaint, complaint_visible_to(self.manager))
        self.assertIn(self.complaint, complaint_visible_to(self.ops_north))
        self.assertIn(self.complaint, complaint_visible_to(self.coordinator))

    def test_it_records_who_marked_it_why_and_when_it_was_lifted(self):
        self.mark()
        self.mark(confidential=False)
        marked, lifted = self.complaint.events.filter(
            kind__in=[EventKind.COMPLAINT_MARKED_CONFIDENTIAL, EventKind.COMPLAINT_CONFIDENTIALITY_LIFTED]
        )
        self.assertEqual(
            (marked.kind, marked.actor, marked.data["reason"]),
            ("complaint.marked_confidential", self.coordinator, "Gaat over de locatiemanager."),
        )
        self.assertEqual(marked.data["changes"], {"is_confidential": [False, True]})
        self.assertEqual(lifted.data["changes"], {"is_confidential": [True, False]})
        self.assertIn(self.complaint, complaint_visible_to(self.manager))

    def test_it_refuses_without_a_reason_or_when_nothing_changes(self):
        with self.assertRaisesMessage(ComplaintError, "reden"):
            complaint_set_confidential(complaint=self.complaint, confidential=True, reason="  ", actor=self.coordinator)
        self.mark()
        with self.assertRaisesMessage(ComplaintError, "al vertrouwelijk"):
            self.mark()

    def test_it_mails_and_reminds_the_ops_manager_instead_of_the_location_manager(self):
        self.manager.email, self.ops_north.email = "manager@partou.test", "ops@partou.test"
        self.manager.save()
        self.ops_north.save()
        self.assertEqual(handler_addresses(self.complaint), ["manager@partou.test"])
        self.mark()
        self.assertEqual(handler_addresses(Complaint.objects.get(pk=self.complaint.pk)), ["ops@partou.test"])

    def test_the_coordinator_marks_it_on_the_complaint_page(self):
        self.client.force_login(self.coordinator)
        detail = reverse("staff:complaint_detail", args=[self.complaint.reference])
        url = reverse("staff:complaint_confidential", args=[self.complaint.reference])
        self.assertContains(self.client.get(detail), url)
        self.assertContains(self.client.post(url, {"reason": ""}), "Dit veld is verplicht")
        response = self.client.post(url, {"reason": "Over de locatiemanager zelf."}, follow=True)
        self.assertContains(response, "als vertrouwelijk gemarkeerd")
        self.assertContains(response, "Als vertrouwelijk gemarkeerd")  # in the history
        self.assertTrue(Complaint.objects.get(pk=self.complaint.pk).is_confidential)
        self.client.force_login(self.manager)
        self.assertEqual(self.client.get(detail).status_code, 404)
        self.assertEqual(self.client.post(url, {"reason": "x"}).status_code, 404)

    def test_a_handler_may_not_mark_it(self):
        self.client.force_login(self.ops_north)
        url = reverse("staff:complaint_confidential", args=[self.complaint.reference])
        self.assertEqual(self.client.post(url, {"reason": "x"}).status_code, 403)
        self.assertFalse(Complaint.objects.get(pk=self.complaint.pk).is_confidential)


class AdministratorTests(BaseTestCase):
    """The administrator (is_staff and superuser in the personas) keeps the
    reference data but cannot read what was sent to whom, nor act as someone else."""

    def setUp(self) -> None:
        self.complaint = register(location=self.oceaan)
        self.email = OutboundEmail.objects.get(complaint=self.complaint, template="receipt")
        self.client.force_login(self.administrator)

    def test_the_outbox_admin_shows_no_recipient_body_or_status_link(self):
        token = self.complaint.status_token
        self.assertIn("ouder@voorbeeld.test", self.email.to)
        self.assertIn(token, self.email.body_text)
        pages = [
            reverse("admin:notifications_outboundemail_changelist"),
            reverse("admin:notifications_outboundemail_changelist") + "?q=ouder",
            reverse("admin:notifications_outboundemail_change", args=[self.email.pk]),
            reverse("admin:notifications_outboundemail_history", args=[self.email.pk]),
        ]
        for url in pages:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                for secret in ("ouder@voorbeeld.test", token, "Ouder Test", self.email.subject):
                    self.assertNotContains(response, secret)
        # What the administrator needs to keep the outbox going is there.
        self.assertContains(self.client.get(pages[2]), self.email.message_id.strip("<>"))

    def test_there_is_no_admin_for_api_tokens(self):
        Token.objects.create(user=self.coordinator)
        self.assertEqual(self.client.get("/admin/authtoken/tokenproxy/").status_code, 404)
        self.assertEqual(self.client.get("/admin/authtoken/tokenproxy/add/").status_code, 404)
        self.assertNotContains(self.client.get(reverse("admin:index")), "authtoken")

    def test_the_administrator_has_no_complaint_pages(self):
        response = self.client.get(reverse("staff:complaint_detail", args=[self.complaint.reference]))
        self.assertEqual(response.status_code, 403)


class RoleTableTests(BaseTestCase):
    def test_docs_security_lists_every_role_and_what_it_sees(self):
        text = (Path(settings.BASE_DIR) / "docs" / "security.md").read_text()
        self.assertIn("## Roles and what they see", text)
        for role in Role:
            with self.subTest(role=role):
                self.assertIn(str(role.label), text)

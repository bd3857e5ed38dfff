from datetime import timedelta

from django.test import override_settings
from django.utils import timezone

from complaints import emails
from complaints.services import ComplainantData, complaint_forward
from config.testing import BaseTestCase, register
from notifications.models import OutboundEmail


@override_settings(SITE_URL="https://klachten.test/", COORDINATOR_EMAILS=[])
class EmailTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for user, address in (
            (cls.coordinator, "coordinator@k.test"),
            (cls.manager, "manager@k.test"),
            (cls.department_handler, "debiteuren@k.test"),
        ):
            user.email = address
            user.save()

    def setUp(self) -> None:
        self.complaint = register(location=self.oceaan, notify=False)

    def staff_link(self) -> str:
        return f"https://klachten.test/staff/klachten/{self.complaint.reference}/"

    def test_receipt_goes_to_the_complainant_with_the_status_link(self):
        email = emails.receipt(self.complaint)
        self.assertEqual((email.template, email.to), ("receipt", ["ouder@voorbeeld.test"]))
        self.assertIn(f"https://klachten.test/status/{self.complaint.status_token}/", email.body_text)
        self.assertEqual(email.complaint, self.complaint)

    def test_receipt_is_skipped_without_an_address(self):
        complaint = register(location=self.oceaan, notify=False, complainant=ComplainantData(name="Anoniem"))
        self.assertIsNone(emails.receipt(complaint))
        self.assertFalse(OutboundEmail.objects.exists())

    def test_coordinator_new_goes_to_active_coordinators_or_the_configured_list(self):
        email = emails.coordinator_new(self.complaint)
        self.assertEqual((email.template, email.to), ("coordinator_new", ["coordinator@k.test"]))
        self.assertIn(self.staff_link(), email.body_text)
        with override_settings(COORDINATOR_EMAILS=["klachten@k.test"]):
            self.assertEqual(emails.coordinator_new(self.complaint).to, ["klachten@k.test"])

    def test_handler_forwarded_goes_to_the_handling_unit(self):
        self.assertIsNone(emails.handler_forwarded(self.complaint))  # nobody handles it yet
        complaint_forward(
            complaint=self.complaint,
            category=self.invoices,
            location=self.oceaan,
            handling_department=self.debiteuren,
            actor=self.coordinator,
        )
        email = OutboundEmail.objects.get(template="handler_forwarded")
        self.assertEqual(email.to, ["debiteuren@k.test"])
        self.assertIn(self.staff_link(), email.body_text)

    def test_reminder_carries_the_message_and_the_staff_link(self):
        email = emails.reminder(self.complaint, to=["manager@k.test"], message="De termijn verloopt over drie dagen.")
        self.assertEqual((email.template, email.to), ("reminder", ["manager@k.test"]))
        self.assertIn("De termijn verloopt over drie dagen.", email.body_text)
        self.assertIn(self.staff_link(), email.body_text)

    def test_overdue_digest_lists_each_complaint_with_its_days_overdue(self):
        now = self.complaint.due_at + timedelta(days=4, hours=1)
        email = emails.overdue_digest(
            to="coordinator@k.test", complaints=[self.complaint], day=timezone.localdate(now), now=now
        )
        self.assertEqual((email.template, email.to, email.complaint), ("overdue_digest", ["coordinator@k.test"], None))
        self.assertIn(self.complaint.reference, email.body_text)
        # Counted in Amsterdam calendar days, as the screens count: 01:00 on the fifth day after the due day.
        self.assertIn("(Partou BSO Oceaan 16): 5 dagen te laat", email.body_text)
        self.assertIn(self.staff_link(), email.body_text)

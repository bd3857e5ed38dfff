"""The safety flag (issue 14 point 6): set at registration, at triage and on
the complaint page by the coordinator; the operations manager is told at once
through the outbox; red and first wherever the complaint appears."""

from django.test import override_settings
from django.urls import reverse

from complaints.models import Complaint, ComplaintEvent, EventKind
from complaints.services import ComplaintError, complaint_set_safety
from config.testing import BaseTestCase, register
from notifications.models import OutboundEmail
from staff.tests.helpers import days_ago, forwarded, local_input


class SafetyFlagTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.ops_north.email = "ops.noord@voorbeeld.test"
        cls.ops_north.save()
        cls.coordinator.email = "coordinator@voorbeeld.test"
        cls.coordinator.save()

    def alerts(self) -> list[OutboundEmail]:
        return list(OutboundEmail.objects.filter(template="safety_alert").order_by("id"))

    def test_the_coordinator_flags_a_complaint_and_the_operations_manager_is_told_at_once(self):
        complaint = register(location=self.oceaan)
        self.client.force_login(self.coordinator)
        url = reverse("staff:complaint_safety", args=[complaint.reference])
        response = self.client.post(url, {"reason": "Kind gevallen van de trap, hoofdwond."}, follow=True)
        self.assertContains(response, "De veiligheidsmelding is gemaakt")
        complaint.refresh_from_db()
        self.assertTrue(complaint.is_safety_concern)
        self.assertEqual(complaint.safety_reason, "Kind gevallen van de trap, hoofdwond.")
        [alert] = self.alerts()
        self.assertEqual(alert.to, ["ops.noord@voorbeeld.test"])
        self.assertIn(complaint.reference, alert.subject)
        self.assertIn("Kind gevallen van de trap", alert.body_text)
        # Not forwarded yet: the operations manager could not open it, so no link.
        self.assertNotIn("/staff/klachten/", alert.body_text)
        event = ComplaintEvent.objects.get(complaint=complaint, kind=EventKind.SAFETY_FLAGGED)
        self.assertEqual(
            (event.actor, event.data["reason"]), (self.coordinator, "Kind gevallen van de trap, hoofdwond.")
        )
        self.assertEqual(event.data["changes"]["is_safety_concern"], [False, True])

    def test_lifting_it_needs_a_reason_is_recorded_and_sends_nothing(self):
        complaint = forwarded(location=self.oceaan, actor=self.coordinator, category=self.communication)
        complaint_set_safety(complaint=complaint, flagged=True, reason="Onveilige situatie", actor=self.coordinator)
        self.client.force_login(self.coordinator)
        url = reverse("staff:complaint_safety", args=[complaint.reference])
        response = self.client.post(url, {"reason": ""})
        self.assertContains(response, "Dit veld is verplicht")
        self.client.post(url, {"reason": "Situatie is opgelost, hek gerepareerd."})
        complaint.refresh_from_db()
        self.assertFalse(complaint.is_safety_concern)
        self.assertEqual(complaint.safety_reason, "")
        self.assertTrue(ComplaintEvent.objects.filter(complaint=complaint, kind=EventKind.SAFETY_LIFTED).exists())
        self.assertEqual(len(self.alerts()), 1)
        # The alert of a forwarded complaint links to it.
        self.assertIn(f"/staff/klachten/{complaint.reference}/", self.alerts()[0].body_text)

    def test_the_service_refuses_flagging_twice_and_an_empty_reason(self):
        complaint = register(location=self.oceaan)
        with self.assertRaisesMessage(ComplaintError, "Geef een reden op"):
            complaint_set_safety(complaint=complaint, flagged=True, reason="  ", actor=self.coordinator)
        complaint_set_safety(complaint=complaint, flagged=True, reason="Kind gewond", actor=self.coordinator)
        with self.assertRaisesMessage(ComplaintError, "heeft al een veiligheidsmelding"):
            complaint_set_safety(complaint=complaint, flagged=True, reason="Nog eens", actor=self.coordinator)

    @override_settings(SAFETY_ALERT_EMAILS=["veiligheid@voorbeeld.test"])
    def test_the_setting_adds_addresses_and_the_coordinators_are_the_fallback(self):
        complaint = register(location=self.margriet)  # region Zuid: no operations manager there
        complaint_set_safety(complaint=complaint, flagged=True, reason="Kind gewond", actor=self.coordinator)
        self.assertEqual(self.alerts()[0].to, ["veiligheid@voorbeeld.test"])
        with override_settings(SAFETY_ALERT_EMAILS=[]):
            other = register(location=self.margriet)
            complaint_set_safety(complaint=other, flagged=True, reason="Kind gewond", actor=self.coordinator)
        self.assertEqual(self.alerts()[1].to, ["coordinator@voorbeeld.test"])

    def test_a_handler_may_not_set_it(self):
        complaint = forwarded(location=self.oceaan, actor=self.coordinator, category=self.communication)
        self.client.force_login(self.manager)
        response = self.client.post(reverse("staff:complaint_safety", args=[complaint.reference]), {"reason": "x"})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Complaint.objects.get(pk=complaint.pk).is_safety_concern)

    def test_registration_by_the_coordinator_can_raise_it(self):
        self.client.force_login(self.coordinator)
        data = {
            "channel": "phone",
            "received_at": local_input(days_ago(0.1)),
            "complainant_kind": "parent",
            "name": "Ouder Test",
            "phone": "06 12345678",
            "location": self.oceaan.pk,
            "description": "Mijn dochter is gebeten door een ander kind.",
            "safety_concern": "on",
            "safety_reason": "",
        }
        response = self.client.post(reverse("staff:complaint_register"), data)
        self.assertContains(response, "Geef de reden van de veiligheidsmelding op.")
        self.assertFalse(Complaint.objects.exists())
        data["safety_reason"] = "Bijtincident, wond verzorgd door de huisarts."
        response = self.client.post(reverse("staff:complaint_register"), data)
        complaint = Complaint.objects.get()
        self.assertRedirects(response, reverse("staff:complaint_detail", args=[complaint.reference]))
        self.assertTrue(complaint.is_safety_concern)
        self.assertEqual(
            list(complaint.events.values_list("kind", flat=True)),
            [EventKind.COMPLAINT_REGISTERED, EventKind.SAFETY_FLAGGED],
        )
        self.assertEqual(self.alerts()[0].to, ["ops.noord@voorbeeld.test"])

    def test_triage_can_raise_it(self):
        complaint = register(location=self.oceaan)
        self.client.force_login(self.coordinator)
        response = self.client.post(
            reverse("staff:complaint_forward", args=[complaint.reference]),
            {
                "category": self.communication.pk,
                "location": self.oceaan.pk,
                "handler_kind": "location",
                "safety_concern": "on",
                "safety_reason": "Kind alleen buiten aangetroffen.",
            },
        )
        self.assertEqual(response.status_code, 302)
        complaint.refresh_from_db()
        self.assertEqual((complaint.status, complaint.is_safety_concern), ("forwarded", True))
        [alert] = self.alerts()
        self.assertIn(f"/staff/klachten/{complaint.reference}/", alert.body_text)

    def test_it_is_red_on_the_detail_page_in_the_list_and_first_in_the_worklist(self):
        plain = forwarded(
            location=self.oceaan, actor=self.coordinator, category=self.communication, received_at=days_ago(40)
        )
        flagged = forwarded(
            location=self.oceaan, actor=self.coordinator, category=self.communication, received_at=days_ago(1)
        )
        complaint_set_safety(complaint=flagged, flagged=True, reason="Kind gewond", actor=self.coordinator)
        self.client.force_login(self.coordinator)

        detail = self.client.get(reverse("staff:complaint_detail", args=[flagged.reference])).content.decode()
        self.assertIn('class="badge text-bg-danger safety-badge"', detail)
        self.assertIn("alert alert-danger safety-alert", detail)
        self.assertNotIn(
            "safety-badge", self.client.get(reverse("staff:complaint_detail", args=[plain.reference])).content.decode()
        )

        listing = self.client.get(reverse("staff:complaint_list")).content.decode()
        row = listing[listing.index('class="safety-row"') :]
        self.assertLess(row.index(flagged.reference), row.index("</tr>"))
        self.assertEqual(listing.count('class="safety-row"'), 1)
        only = self.client.get(reverse("staff:complaint_list"), {"safety": "1"}).content.decode()
        self.assertIn(flagged.reference, only)
        self.assertNotIn(plain.reference, only)

        worklist = self.client.get(reverse("staff:worklist")).content.decode()
        section = worklist.index('id="veiligheid"')
        self.assertLess(section, worklist.index('id="nieuw"'))
        self.assertLess(worklist.index(flagged.reference), worklist.index(plain.reference))
        # Within a section (due within the week? no: plain is overdue, flagged is not) it leads too.
        self.assertIn("1 open veiligheidsmelding", worklist)

    def test_the_manager_sees_the_red_marker_in_their_worklist_sections(self):
        older = forwarded(
            location=self.oceaan, actor=self.coordinator, category=self.communication, received_at=days_ago(45)
        )
        flagged = forwarded(
            location=self.oceaan, actor=self.coordinator, category=self.communication, received_at=days_ago(44)
        )
        complaint_set_safety(complaint=flagged, flagged=True, reason="Onveilig", actor=self.coordinator)
        self.client.force_login(self.ops_north)
        page = self.client.get(reverse("staff:worklist")).content.decode()
        overdue = page[page.index('id="verlopen"') :]
        # Both overdue; the older one is due first, but the safety concern is listed first.
        self.assertLess(overdue.index(flagged.reference), overdue.index(older.reference))


class SafetyFlagPagesTests(BaseTestCase):
    def test_the_triage_page_of_a_flagged_complaint_offers_no_second_flag(self):
        complaint = register(location=self.oceaan)
        self.client.force_login(self.coordinator)
        url = reverse("staff:complaint_forward", args=[complaint.reference])
        self.assertContains(self.client.get(url), 'name="safety_concern"')
        complaint_set_safety(complaint=complaint, flagged=True, reason="Kind gewond", actor=self.coordinator)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'name="safety_concern"')
        self.assertContains(response, "safety-badge")

    def test_the_safety_section_of_the_worklist_takes_no_query_of_its_own_however_many_there_are(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.client.force_login(self.coordinator)
        url = reverse("staff:worklist")

        def queries() -> int:
            with CaptureQueriesContext(connection) as context:
                self.assertEqual(self.client.get(url).status_code, 200)
            return len(context)

        self.client.get(url)
        without = queries()
        first = register(location=self.oceaan)
        complaint_set_safety(complaint=first, flagged=True, reason="Kind gewond", actor=self.coordinator)
        with_one = queries()
        # Its first complaints come with those of the other sections (one query).
        self.assertEqual(with_one, without)
        self.assertContains(self.client.get(url), "worklist-safety")
        for _ in range(4):
            more = register(location=self.margriet)
            complaint_set_safety(complaint=more, flagged=True, reason="Onveilig", actor=self.coordinator)
        self.assertEqual(queries(), with_one)

from django.urls import reverse

from complaints.models import ContactMethod, ContactMoment, EventKind, MessageTemplate
from complaints.replies import reply_address
from complaints.services import complainant_erase
from config.testing import BaseTestCase
from notifications.models import OutboundEmail
from staff.tests.helpers import HandlingTestMixin


class MessageSendTests(HandlingTestMixin, BaseTestCase):
    def test_it_sends_a_message_through_the_outbox_and_keeps_it(self):
        response = self.client.post(
            self.url("message_send"), {"subject": "Afspraak", "text": "Kunnen we dinsdag bellen?"}
        )
        self.assertRedirects(response, self.detail_url(), fetch_redirect_response=False)
        email = OutboundEmail.objects.get(template="message_to_complainant")
        self.assertEqual(email.to, [self.complaint.complainant.email])
        self.assertEqual(email.reply_to, reply_address(self.complaint.pk))
        self.assertIn("Afspraak", email.subject)
        self.assertIn("Kunnen we dinsdag bellen?", email.body_text)
        event = self.complaint.events.get(kind=EventKind.MESSAGE_SENT)
        self.assertEqual((event.actor, event.data["message"]), (self.manager, "Kunnen we dinsdag bellen?"))
        contact = ContactMoment.objects.get()
        self.assertEqual((contact.method, contact.recorded_by), (ContactMethod.EMAIL, self.manager))
        detail = self.client.get(self.detail_url())
        self.assertContains(detail, "Bericht aan indiener")
        self.assertContains(detail, "Kunnen we dinsdag bellen?")

    def test_a_standard_text_fills_the_form_with_placeholders(self):
        template = MessageTemplate.objects.create(
            name="Belafspraak", subject="Uw klacht {{ kenmerk }}", body="Beste {{ naam }},\n\nWij bellen u."
        )
        form = self.client.get(self.url("message_send"), {"sjabloon": template.pk}).context["form"]
        self.assertEqual(form.initial["subject"], f"Uw klacht {self.complaint.reference}")
        self.assertTrue(form.initial["text"].startswith("Beste Ouder Test,"))
        # An unknown or malformed choice is an empty form, not an error.
        for value in ("999999", "abc", "1\x00"):
            self.assertEqual(self.client.get(self.url("message_send"), {"sjabloon": value}).status_code, 200)

    def test_it_refuses_empty_input_and_unknown_addresses(self):
        response = self.client.post(self.url("message_send"), {"subject": " ", "text": ""})
        self.assertIn("subject", response.context["form"].errors)
        complainant_erase(complaint=self.complaint, actor=self.coordinator)
        response = self.client.post(self.url("message_send"), {"subject": "Vraag", "text": "Tekst"})
        self.assertContains(response, "geen e-mailadres bekend")
        self.assertFalse(OutboundEmail.objects.filter(template="message_to_complainant").exists())

    def test_roles_without_handling_may_not(self):
        self.client.force_login(self.management)
        response = self.client.post(self.url("message_send"), {"subject": "X", "text": "Y"})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(self.complaint.events.filter(kind=EventKind.MESSAGE_SENT).exists())

    def test_the_url_needs_a_visible_complaint(self):
        self.client.force_login(self.other_manager)
        response = self.client.get(reverse("staff:message_send", args=[self.complaint.reference]))
        self.assertEqual(response.status_code, 404)

"""The coordinator's "Inkomende e-mail" screens."""

from datetime import timedelta

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from complaints.models import Channel, Complaint, EventKind, Status
from complaints.replies import reply_address
from config.testing import BaseTestCase, close, register
from inbox.models import InboundMessage, MessageState
from inbox.services import inbound_store
from inbox.tests.helpers import PNG, mime
from notifications.models import OutboundEmail


class InboxViewTestCase(BaseTestCase):
    def setUp(self) -> None:
        self.client.force_login(self.coordinator)
        self.sent = (timezone.now() - timedelta(days=3)).replace(microsecond=0)
        self.message, _ = inbound_store(
            raw=mime(
                date=self.sent,
                text="De BSO belde niet toen mijn zoon ziek was.",
                attachments=[("foto.png", PNG, "image/png")],
            )
        )

    def url(self, name: str, message: InboundMessage | None = None) -> str:
        return reverse(f"inbox:{name}", args=[(message or self.message).pk])


class AccessTests(InboxViewTestCase):
    def test_it_shows_the_queue_to_the_coordinator(self):
        response = self.client.get(reverse("inbox:queue"))
        self.assertContains(response, "Klacht over de overdracht")
        self.assertContains(response, "Inkomende e-mail")

    def test_it_refuses_roles_without_triage(self):
        self.client.force_login(self.manager)
        for url in (reverse("inbox:queue"), self.url("message"), self.url("raw")):
            self.assertEqual(self.client.get(url).status_code, 403, url)
        response = self.client.post(self.url("dismiss"))
        self.assertEqual(response.status_code, 403)
        self.message.refresh_from_db()
        self.assertEqual(self.message.state, MessageState.NEW)

    def test_it_sends_anonymous_visitors_to_the_login_page(self):
        self.client.logout()
        response = self.client.get(reverse("inbox:queue"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("login"), response["Location"])

    def test_it_downloads_the_raw_message_and_attachments(self):
        response = self.client.get(self.url("raw"))
        self.assertEqual(response["Content-Type"], "message/rfc822")
        self.assertIn(b"Klacht over de overdracht", b"".join(response.streaming_content))
        attachment = self.message.attachments.get()
        response = self.client.get(reverse("inbox:attachment", args=[self.message.pk, attachment.pk]))
        self.assertIn("attachment", response["Content-Disposition"])
        self.assertEqual(response["Content-Type"], "image/png")

    def test_an_unknown_message_is_404(self):
        self.assertEqual(self.client.get(reverse("inbox:message", args=[999999])).status_code, 404)


class RegisterTests(InboxViewTestCase):
    def test_it_prefills_the_form_from_the_message(self):
        form = self.client.get(self.url("register")).context["form"]
        self.assertEqual(form.initial["name"], "Mevrouw De Vries")
        self.assertEqual(form.initial["email"], "devries@voorbeeld.test")
        self.assertIn("ziek was", form.initial["description"])
        self.assertEqual(form.initial["received_at"], timezone.localtime(self.sent).replace(second=0))

    def test_it_registers_a_complaint_received_at_the_message_date(self):
        data = {
            "received_at": timezone.localtime(self.sent).strftime("%Y-%m-%dT%H:%M"),
            "complainant_kind": "parent",
            "name": "Mevrouw De Vries",
            "email": "devries@voorbeeld.test",
            "location": self.oceaan.pk,
            "description": "De BSO belde niet.",
        }
        response = self.client.post(self.url("register"), data)
        complaint = Complaint.objects.get()
        self.assertRedirects(
            response, reverse("staff:complaint_detail", args=[complaint.reference]), fetch_redirect_response=False
        )
        self.assertEqual(complaint.channel, Channel.EMAIL)
        self.assertEqual(complaint.received_at, self.sent.replace(second=0))
        self.assertEqual(complaint.complainant.email, "devries@voorbeeld.test")
        self.assertEqual(list(complaint.attachments.values_list("original_name", flat=True)), ["foto.png"])
        self.message.refresh_from_db()
        self.assertEqual((self.message.state, self.message.complaint), (MessageState.REGISTERED, complaint))
        self.assertEqual(self.message.handled_by, self.coordinator)
        receipt = OutboundEmail.objects.get(template="receipt")
        self.assertEqual(receipt.reply_to, reply_address(complaint.pk))
        # Registering twice is refused: the message is no longer in the queue.
        response = self.client.post(self.url("register"), data, follow=True)
        self.assertContains(response, "al afgehandeld")
        self.assertEqual(Complaint.objects.count(), 1)

    @override_settings(SAFETY_ALERT_EMAILS=["veiligheid@voorbeeld.test"])
    def test_the_safety_flag_can_be_raised_when_registering(self):
        data = {
            "received_at": timezone.localtime(self.sent).strftime("%Y-%m-%dT%H:%M"),
            "complainant_kind": "parent",
            "name": "Mevrouw De Vries",
            "email": "devries@voorbeeld.test",
            "location": self.oceaan.pk,
            "description": "Mijn zoon is gevallen en niemand belde.",
            "safety_concern": "on",
            "safety_reason": "",
        }
        response = self.client.post(self.url("register"), data)
        self.assertContains(response, "Geef de reden van de veiligheidsmelding op.")
        self.assertFalse(Complaint.objects.exists())
        data["safety_reason"] = "Val van het klimrek, niet gemeld."
        self.client.post(self.url("register"), data)
        complaint = Complaint.objects.get()
        self.assertTrue(complaint.is_safety_concern)
        self.assertEqual(complaint.safety_reason, "Val van het klimrek, niet gemeld.")
        self.assertEqual(
            list(complaint.events.values_list("kind", flat=True)),
            [EventKind.COMPLAINT_REGISTERED, EventKind.ATTACHMENT_ADDED, EventKind.SAFETY_FLAGGED],
        )
        self.assertEqual(OutboundEmail.objects.get(template="safety_alert").to, ["veiligheid@voorbeeld.test"])

    def test_an_email_with_more_attachments_than_the_form_allows_keeps_them_all(self):
        files = [(f"foto{n}.png", PNG + bytes([n]), "image/png") for n in range(7)]
        message, _ = inbound_store(raw=mime(attachments=files))
        data = {
            "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "complainant_kind": "parent",
            "name": "Mevrouw De Vries",
            "email": "devries@voorbeeld.test",
            "location": self.oceaan.pk,
            "description": "Zeven foto's.",
        }
        self.client.post(self.url("register", message), data)
        complaint = Complaint.objects.get()
        self.assertEqual(complaint.attachments.count(), 7)
        self.assertEqual(complaint.events.filter(kind=EventKind.MESSAGE_RECEIVED).count(), 1)

    def test_it_refuses_a_date_in_the_future(self):
        future = timezone.localtime() + timedelta(days=2)
        response = self.client.post(
            self.url("register"),
            {
                "received_at": future.strftime("%Y-%m-%dT%H:%M"),
                "complainant_kind": "parent",
                "name": "X",
                "email": "x@voorbeeld.test",
                "location": self.oceaan.pk,
                "description": "Tekst",
            },
        )
        self.assertEqual(response.context["form"].errors["received_at"], ["Het ontvangstmoment ligt in de toekomst."])
        self.assertFalse(Complaint.objects.exists())


class AttachTests(InboxViewTestCase):
    def test_it_puts_the_message_on_an_existing_complaint(self):
        complaint = register(location=self.oceaan)
        response = self.client.post(self.url("attach"), {"reference": complaint.reference.lower()})
        self.assertRedirects(
            response, reverse("staff:complaint_detail", args=[complaint.reference]), fetch_redirect_response=False
        )
        event = complaint.events.get(kind=EventKind.MESSAGE_RECEIVED)
        self.assertEqual(event.actor, self.coordinator)
        self.assertIn("ziek was", event.data["message"])
        self.assertEqual(list(complaint.attachments.values_list("original_name", flat=True)), ["foto.png"])
        self.message.refresh_from_db()
        self.assertEqual((self.message.state, self.message.complaint), (MessageState.ATTACHED, complaint))

    def test_an_unknown_reference_is_a_message_not_an_error(self):
        response = self.client.post(self.url("attach"), {"reference": "K1999-99999"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Er is geen klacht met kenmerk K1999-99999.")
        self.message.refresh_from_db()
        self.assertEqual(self.message.state, MessageState.NEW)


class DismissTests(InboxViewTestCase):
    def test_it_marks_the_message_as_not_a_complaint(self):
        response = self.client.post(self.url("dismiss"))
        self.assertRedirects(response, reverse("inbox:queue"), fetch_redirect_response=False)
        self.message.refresh_from_db()
        self.assertEqual(self.message.state, MessageState.NOT_A_COMPLAINT)
        self.assertNotIn(self.message, self.client.get(reverse("inbox:queue")).context["queue"])

    def test_automatic_mail_cannot_be_registered(self):
        automatic, _ = inbound_store(raw=mime(headers={"Auto-Submitted": "auto-replied"}))
        response = self.client.post(
            self.url("register", automatic),
            {
                "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
                "complainant_kind": "parent",
                "name": "X",
                "email": "x@voorbeeld.test",
                "location": self.oceaan.pk,
                "description": "Tekst",
            },
            follow=True,
        )
        self.assertContains(response, "al afgehandeld")
        self.assertFalse(Complaint.objects.exists())


class ReopenTests(InboxViewTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.complaint = register(location=self.oceaan)
        self.complaint.handling_location = self.oceaan
        self.complaint.status = Status.FORWARDED
        self.complaint.save()
        close(self.complaint, actor=self.manager)
        self.reply, _ = inbound_store(raw=mime(to=reply_address(self.complaint.pk), text="Het is weer gebeurd."))

    def test_a_reply_to_a_closed_complaint_is_in_the_queue(self):
        self.assertEqual(self.reply.state, MessageState.REPLY_CLOSED)
        response = self.client.get(reverse("inbox:queue"))
        self.assertContains(response, "Antwoord op afgesloten klacht")
        self.assertContains(self.client.get(self.url("message", self.reply)), "Klacht heropenen")

    def test_the_coordinator_reopens_with_a_reason(self):
        response = self.client.post(self.url("reopen", self.reply), {"reason": "Nieuw voorval gemeld."})
        self.assertRedirects(
            response, reverse("staff:complaint_detail", args=[self.complaint.reference]), fetch_redirect_response=False
        )
        self.complaint.refresh_from_db()
        self.assertEqual((self.complaint.status, self.complaint.closed_at), (Status.IN_PROGRESS, None))
        event = self.complaint.events.get(kind=EventKind.COMPLAINT_REOPENED)
        self.assertEqual(event.data["reason"], "Nieuw voorval gemeld.")
        self.assertEqual(event.data["changes"]["status"], ["closed", "in_progress"])
        self.assertEqual(event.actor, self.coordinator)

    def test_a_reason_is_required(self):
        response = self.client.post(self.url("reopen", self.reply), {"reason": "  "})
        self.assertEqual(response.context["form"].errors["reason"], ["Dit veld is verplicht."])
        self.complaint.refresh_from_db()
        self.assertEqual(self.complaint.status, Status.CLOSED)

    def test_the_coordinator_may_leave_it_closed(self):
        self.client.post(self.url("keep_closed", self.reply))
        self.reply.refresh_from_db()
        self.assertEqual(self.reply.state, MessageState.REPLY_ADDED)
        self.complaint.refresh_from_db()
        self.assertEqual(self.complaint.status, Status.CLOSED)

    def test_the_timeline_shows_the_message(self):
        response = self.client.get(reverse("staff:complaint_detail", args=[self.complaint.reference]))
        self.assertContains(response, "Bericht van indiener")
        self.assertContains(response, "Het is weer gebeurd.")


class InReplyToTests(BaseTestCase):
    def test_a_reply_to_the_plain_address_finds_its_complaint_by_in_reply_to(self):
        complaint = register(location=self.oceaan)
        receipt = OutboundEmail.objects.get(template="receipt", complaint=complaint)
        raw = mime(
            sender="Ouder Test <OUDER@voorbeeld.test>",
            headers={"In-Reply-To": receipt.message_id, "References": receipt.message_id},
            text="Aanvulling.",
        )
        message, _ = inbound_store(raw=raw)
        self.assertEqual((message.state, message.complaint), (MessageState.REPLY_ADDED, complaint))

    def test_in_reply_to_from_another_sender_goes_to_the_queue(self):
        complaint = register(location=self.oceaan)
        receipt = OutboundEmail.objects.get(template="receipt", complaint=complaint)
        message, _ = inbound_store(raw=mime(headers={"In-Reply-To": receipt.message_id}))
        self.assertEqual((message.state, message.complaint), (MessageState.NEW, None))


class ControlCharacterTests(BaseTestCase):
    def test_nul_and_control_characters_never_reach_the_database(self):
        raw = (
            b"From: Pi\x00et <piet@voorbeeld.test>\r\nSubject: ka\x00pot\x07\r\nMessage-ID: <nul@voorbeeld.test>\r\n"
            b"Content-Type: text/plain; charset=utf-8\r\n\r\nEen\x00 tekst\x1b met rommel\r\n"
        )
        message, created = inbound_store(raw=raw)
        self.assertTrue(created)
        message.refresh_from_db()
        self.assertEqual(message.subject, "kapot")
        self.assertIn("Een tekst met rommel", message.text)

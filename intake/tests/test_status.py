from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import formats, timezone, translation

from complaints.models import Complaint
from complaints.services import complaint_forward, complaint_withdraw, contact_record, note_add
from config.testing import close, register
from intake.tests.base import IntakeTestCase, without_language_switch

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


class StatusTests(IntakeTestCase):
    def setUp(self) -> None:
        self.complaint = register(
            location=self.oceaan,
            received_at=datetime(2026, 3, 2, 10, 30, tzinfo=AMSTERDAM),
            description="Mijn zoon is <b>niet</b> opgehaald & niemand belde.",
            desired_outcome="<script>alert('x')</script>",
        )
        self.url = reverse("intake:status", args=[self.complaint.status_token])

    def expire(self, complaint: Complaint, *, closed_days_ago: int) -> None:
        complaint_withdraw(complaint=complaint, reason="Ouder belde: opgelost.", actor=self.coordinator)
        Complaint.objects.filter(pk=complaint.pk).update(closed_at=timezone.now() - timedelta(days=closed_days_ago))

    def test_it_shows_reference_status_and_dates_in_dutch(self):
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f"<title>Status van uw klacht {self.complaint.reference}", html=False)
        self.assertContains(response, self.complaint.reference)
        self.assertContains(response, '<strong class="status-label">ontvangen</strong>', html=True)
        self.assertContains(response, "<dd>2 maart 2026</dd>", html=True)
        self.assertContains(response, "13 april 2026")
        self.assertContains(response, "Partou BSO Oceaan 16, Amsterdam")
        self.assertNotContains(response, "Bedankt")

    def test_it_thanks_the_parent_right_after_submitting(self):
        response = self.client.get(self.url, {"ontvangen": "1"})
        thanks = f'Bedankt — uw kenmerk is <strong class="text-nowrap">{self.complaint.reference}</strong>; u ontvangt'
        self.assertContains(response, thanks)

    def test_it_shows_typed_html_as_text(self):
        response = self.client.get(self.url)
        self.assertContains(response, "Mijn zoon is &lt;b&gt;niet&lt;/b&gt; opgehaald &amp; niemand belde.")
        self.assertContains(response, "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;")
        self.assertNotContains(response, "<script>alert")

    def test_it_keeps_the_page_private(self):
        response = self.client.get(self.url)
        self.assertEqual(response["Referrer-Policy"], "same-origin")
        self.assertIn("no-store", response["Cache-Control"])
        self.assertContains(response, '<meta name="robots" content="noindex, nofollow">', html=True)

    def test_it_hides_notes_contacts_and_who_handles_the_complaint(self):
        complaint_forward(
            complaint=self.complaint,
            category=self.invoices,
            location=self.oceaan,
            handling_department=self.debiteuren,
            actor=self.coordinator,
        )
        note_add(complaint=self.complaint, text="Intern: ouder is al vaker lastig geweest.", actor=self.coordinator)
        contact_record(
            complaint=self.complaint,
            occurred_at=timezone.now() - timedelta(hours=1),
            method="phone",
            summary="Gebeld met moeder over de factuur.",
            actor=self.department_handler,
        )
        other = register(location=self.margriet, description="Een klacht van een andere ouder.")
        response = self.client.get(self.url)
        self.assertContains(response, '<strong class="status-label">in behandeling</strong>', html=True)
        for hidden in (
            "Intern: ouder",
            "Gebeld met moeder",
            "Debiteuren",
            "debiteuren",
            "coordinator",
            other.reference,
        ):
            self.assertNotContains(response, hidden)
        self.assertNotContains(response, "Een klacht van een andere ouder.")

    def test_it_offers_the_letter_and_verdict_only_once_the_letter_is_sent(self):
        letter_url = reverse("intake:status_letter", args=[self.complaint.status_token])
        response = self.client.get(self.url)
        self.assertNotContains(response, letter_url)
        self.assertNotContains(response, "Ons oordeel")
        self.assertEqual(self.client.get(letter_url).status_code, 404)

        close(self.complaint, actor=self.manager, verdict="deels")
        response = self.client.get(self.url)
        self.assertContains(response, '<strong class="status-label">afgehandeld</strong>', html=True)
        self.assertContains(response, letter_url)
        self.assertContains(response, "Wij vinden uw klacht <strong>deels gegrond</strong>.")
        with translation.override("nl"):
            sent_on = formats.date_format(timezone.localdate(), "j F Y")
        self.assertContains(response, f"Op {sent_on} hebben we u een brief gestuurd")
        self.assertNotContains(response, "Antwoord uiterlijk op")

        download = self.client.get(letter_url)
        self.assertEqual(download.status_code, 200)
        self.assertEqual(download["Content-Type"], "application/pdf")
        self.assertIn(f"afhandeling-klacht-{self.complaint.reference}.pdf", download["Content-Disposition"])
        self.assertEqual(download["Referrer-Policy"], "same-origin")
        self.assertTrue(b"".join(download.streaming_content).startswith(b"%PDF-"))

    def test_it_shows_a_withdrawn_complaint_in_plain_dutch(self):
        complaint_withdraw(complaint=self.complaint, reason="Ouder belde: opgelost.", actor=self.coordinator)
        response = self.client.get(self.url)
        self.assertContains(response, '<strong class="status-label">ingetrokken</strong>', html=True)
        self.assertContains(response, "Ingetrokken op")

    def test_it_answers_a_wrong_and_an_expired_link_identically(self):
        old = register(location=self.rakkertjes, received_at=timezone.now() - timedelta(days=500))
        self.expire(old, closed_days_ago=366)
        still_valid = register(location=self.rakkertjes, received_at=timezone.now() - timedelta(days=500))
        self.expire(still_valid, closed_days_ago=364)
        self.assertEqual(self.client.get(reverse("intake:status", args=[still_valid.status_token])).status_code, 200)
        expired = self.client.get(reverse("intake:status", args=[old.status_token]))
        wrong = self.client.get(reverse("intake:status", args=["dit-token-bestaat-niet"]))
        self.assertEqual(expired.status_code, 404)
        self.assertEqual(wrong.status_code, 404)
        self.assertEqual(without_language_switch(expired.content), without_language_switch(wrong.content))
        for header in ("Content-Type", "Cache-Control", "Referrer-Policy", "X-Robots-Tag"):
            self.assertEqual(expired.get(header), wrong.get(header), header)
        self.assertTemplateUsed(wrong, "intake/not_found.html")
        self.assertNotContains(wrong, old.reference, status_code=404)
        self.assertEqual(wrong["Referrer-Policy"], "same-origin")

        expired_letter = self.client.get(reverse("intake:status_letter", args=[old.status_token]))
        wrong_letter = self.client.get(reverse("intake:status_letter", args=["dit-token-bestaat-niet"]))
        wrong_page = without_language_switch(wrong.content)
        self.assertEqual(
            (expired_letter.status_code, without_language_switch(expired_letter.content)), (404, wrong_page)
        )
        self.assertEqual((wrong_letter.status_code, without_language_switch(wrong_letter.content)), (404, wrong_page))

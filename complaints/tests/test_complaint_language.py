"""Issue 18, point 2: the complainant's language belongs to the complaint. Every
e-mail to them (receipt, message, status link, closing letter) and the closing
letter's fixed texts come in it; the templates have an English version."""

import re
import subprocess
from datetime import timedelta

from django.test import override_settings
from django.urls import reverse
from django.utils import formats, timezone, translation

from complaints.letters import letter_pdf
from complaints.models import ComplaintEvent, EventKind, Language, LetterTemplate, MessageTemplate
from complaints.services import (
    ComplainantData,
    ComplaintError,
    complainant_message_send,
    complaint_answer_date_set,
    complaint_forward,
    complaint_set_language,
    complaint_set_outcome,
    letter_draft,
    letter_send,
    measure_add,
    message_template_render,
    status_link_resend,
)
from config.testing import BaseTestCase, register
from notifications.models import OutboundEmail

# Words of the Dutch fixed texts; none of them is English. Checked as whole words,
# after the links are taken out (the site's paths are Dutch).
DUTCH_WORDS = re.compile(
    r"\b(Beste|Bedankt|uw|Uw|klacht|Wij|wij|groet|kenmerk|Telefoon|ontvangen|niet|deze|voortgang|"
    r"indiener|oordeel|afhandeling|Afhandeling|bericht|Datum|Onderwerp|Pagina|gegrond|uiterlijk|"
    r"ouder|verzorger|maatregelen|Maatregelen)\b"
)
LETTERHEAD = {
    "name": "Kinderopvang Test",
    "address": "Stationsplein 1|1000 AA Amsterdam",
    "contact": "",
    "logo_path": "",
}
DESK = {"COMPLAINTS_DESK_NAME": "Complaints desk", "COMPLAINTS_DESK_PHONE": "", "COMPLAINTS_DESK_EMAIL": ""}


def dutch_words(text: str) -> list[str]:
    return DUTCH_WORDS.findall(re.sub(r"https?://\S+|href=\"[^\"]*\"", "", text))


def pdf_text(pdf: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return result.stdout.decode()


def long_date(value, language: str) -> str:
    with translation.override(language):
        return formats.date_format(timezone.localtime(value) if hasattr(value, "tzinfo") else value, "j F Y")


@override_settings(LETTERHEAD=LETTERHEAD, **DESK)
class ComplaintLanguageTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.manager.first_name, cls.manager.last_name = "Fatima", "el Amrani"
        cls.manager.save()

    def file(self, language: str, **extra):
        return register(
            location=self.oceaan,
            received_at=timezone.now() - timedelta(days=3),
            description="My child was sent home without a handover.",
            complainant=ComplainantData(name="Sanne de Vries", email="sanne@voorbeeld.test", salutation="mevrouw"),
            language=language,
            **extra,
        )

    def emails(self, complaint, template: str) -> list[OutboundEmail]:
        return list(OutboundEmail.objects.filter(complaint=complaint, template=template).order_by("id"))

    def assert_english(self, email: OutboundEmail) -> None:
        for part in (email.subject, email.body_text, email.body_html):
            self.assertEqual(dutch_words(part), [], part)
        self.assertIn('<html lang="en">', email.body_html)

    def test_an_english_receipt_has_no_dutch_fixed_text_and_english_dates(self):
        complaint = self.file(Language.EN)
        [receipt] = self.emails(complaint, "receipt")
        self.assertEqual(receipt.subject, f"We have received your complaint ({complaint.reference})")
        self.assertTrue(receipt.body_text.startswith("Dear Ms De Vries,\n"), receipt.body_text)
        self.assertIn(long_date(complaint.due_at, "en"), receipt.body_text)
        self.assertNotIn(long_date(complaint.due_at, "nl"), receipt.body_text)
        self.assertIn("Kind regards,\nComplaints desk", receipt.body_text)
        self.assert_english(receipt)
        # The coordinators' notice of the same complaint stays Dutch.
        notice = self.emails(complaint, "coordinator_new")
        if notice:
            self.assertIn('<html lang="nl">', notice[0].body_html)

    def test_a_dutch_complaint_stays_dutch(self):
        complaint = self.file(Language.NL)
        [receipt] = self.emails(complaint, "receipt")
        self.assertEqual(complaint.language, "nl")
        self.assertTrue(receipt.body_text.startswith("Beste mevrouw De Vries,\n"))
        self.assertIn("Met vriendelijke groet,", receipt.body_text)
        self.assertIn(long_date(complaint.due_at, "nl"), receipt.body_text)
        self.assertIn('<html lang="nl">', receipt.body_html)

    def test_a_parent_committee_and_an_unnamed_parent_are_greeted_in_english(self):
        committee = self.file(Language.EN, complainant_kind="parent_committee")
        self.assertTrue(
            self.emails(committee, "receipt")[0].body_text.startswith("Dear members of the parent committee,")
        )
        unnamed = register(
            location=self.oceaan, complainant=ComplainantData(email="x@voorbeeld.test"), language=Language.EN
        )
        self.assertTrue(self.emails(unnamed, "receipt")[0].body_text.startswith("Dear parent/guardian,"))

    def test_a_message_and_the_answer_date_go_in_english_signed_with_the_role_in_english(self):
        complaint = self.file(Language.EN)
        complaint_forward(
            complaint=complaint,
            category=self.communication,
            location=self.oceaan,
            handling_location=self.oceaan,
            actor=self.coordinator,
        )
        complainant_message_send(
            complaint=complaint, subject="Our call", text="Thank you for the call.", actor=self.manager
        )
        [message] = self.emails(complaint, "message_to_complainant")
        self.assertEqual(message.subject, f"Our call (complaint {complaint.reference})")
        self.assertIn("Fatima el Amrani\nLocation manager", message.body_text)
        self.assert_english(message)

        answer_on = timezone.localdate() + timedelta(days=20)
        complaint_answer_date_set(
            complaint=complaint, answer_on=answer_on, subject="New date", text="We need more time.", actor=self.manager
        )
        later = self.emails(complaint, "message_to_complainant")[-1]
        self.assertIn(
            f"You can expect our written verdict no later than {long_date(answer_on, 'en')}.", later.body_text
        )
        self.assert_english(later)

    def test_the_status_link_comes_in_the_complaints_language_whatever_the_page_is_in(self):
        complaint = self.file(Language.EN)
        with translation.override("nl"):  # asked for on the Dutch page
            status_link_resend(email="sanne@voorbeeld.test", reference=complaint.reference, now=timezone.now())
        [link] = self.emails(complaint, "status_link")
        self.assertEqual(link.subject, f"Your personal link to complaint {complaint.reference}")
        self.assert_english(link)

    def close_with_letter(self, complaint):
        complaint_forward(
            complaint=complaint,
            category=self.communication,
            location=self.oceaan,
            handling_location=self.oceaan,
            actor=self.coordinator,
        )
        measure_add(
            complaint=complaint,
            description="Handover checklist at the door",
            owner="Team",
            due_date=timezone.localdate() + timedelta(days=30),
            actor=self.manager,
        )
        complaint_set_outcome(
            complaint=complaint, verdict="ja", solution="Discussed in the team meeting.", actor=self.manager
        )
        letter = letter_draft(complaint=complaint, actor=self.manager)
        return letter

    def test_an_english_closing_letter_is_drafted_from_the_english_version_and_sent_in_english(self):
        complaint = self.file(Language.EN)
        letter = self.close_with_letter(complaint)
        self.assertTrue(letter.body.startswith("Dear Sanne de Vries,"), letter.body)
        self.assertIn("We consider your complaint well-founded.", letter.body)
        self.assertIn("Fatima el Amrani\nLocation manager Partou BSO Oceaan 16", letter.body)
        self.assertEqual(dutch_words(letter.body), [])
        event = ComplaintEvent.objects.get(complaint=complaint, kind=EventKind.LETTER_DRAFTED)
        self.assertEqual(event.data["language"], "en")

        sent = letter_send(complaint=complaint, actor=self.manager)
        [email] = self.emails(complaint, "closing_letter")
        self.assertEqual(email.subject, f"Outcome of your complaint {complaint.reference}")
        self.assert_english(email)
        self.assertEqual(email.attachments.get().filename, f"complaint-outcome-{complaint.reference}.pdf")
        sent.pdf.open("rb")
        text = pdf_text(sent.pdf.read())
        for heading in (
            "Date",
            "Our reference",
            "Subject",
            "Outcome of your complaint",
            "Your complaint",
            "Our verdict",
        ):
            self.assertIn(heading, text)
        self.assertIn(long_date(timezone.localdate(), "en"), text)
        self.assertIn("Page 1 of", text)
        self.assertEqual(dutch_words(text), [], text)

    def test_a_dutch_closing_letter_stays_dutch(self):
        complaint = self.file(Language.NL)
        letter = self.close_with_letter(complaint)
        self.assertTrue(letter.body.startswith("Beste Sanne de Vries,"))
        self.assertIn("Wij vinden uw klacht gegrond.", letter.body)
        text = pdf_text(letter_pdf(complaint=complaint, body=letter.body))
        for heading in (
            "Datum",
            "Ons kenmerk",
            "Onderwerp",
            "Afhandeling van uw klacht",
            "Ons oordeel",
            "Pagina 1 van",
        ):
            self.assertIn(heading, text)

    def test_without_an_english_version_the_dutch_text_is_drafted_and_the_fixed_texts_stay_english(self):
        LetterTemplate.objects.filter(is_default=True).update(body_en="")
        complaint = self.file(Language.EN)
        letter = self.close_with_letter(complaint)
        self.assertTrue(letter.body.startswith("Beste Sanne de Vries,"))
        event = ComplaintEvent.objects.get(complaint=complaint, kind=EventKind.LETTER_DRAFTED)
        self.assertEqual(event.data["language"], "nl")
        text = pdf_text(letter_pdf(complaint=complaint, body="Dear Sanne,\n\nThe text.\n\nKind regards,\n\nFatima"))
        self.assertIn("Not satisfied?", text)
        self.assertIn("Klachtenloket Kinderopvang", text)
        self.assertNotIn("Niet tevreden", text)

    def test_a_message_template_gives_its_english_version_or_its_dutch_text(self):
        complaint = self.file(Language.EN)
        both = MessageTemplate.objects.create(
            name="Call",
            subject="Uw klacht {{ kenmerk }}",
            body="Beste {{ naam }}",
            subject_en="Your complaint {{ kenmerk }}",
            body_en="Dear {{ naam }}, received on {{ ontvangen_op }}",
        )
        subject, text = message_template_render(template=both, complaint=complaint)
        self.assertEqual(subject, f"Your complaint {complaint.reference}")
        self.assertEqual(text, f"Dear Sanne de Vries, received on {long_date(complaint.received_at, 'en')}")
        dutch_only = MessageTemplate.objects.create(name="Alleen NL", subject="Uw klacht", body="Beste {{ naam }}")
        self.assertFalse(dutch_only.has_version(Language.EN))
        self.assertEqual(
            message_template_render(template=dutch_only, complaint=complaint), ("Uw klacht", "Beste Sanne de Vries")
        )
        dutch = self.file(Language.NL)
        self.assertEqual(message_template_render(template=both, complaint=dutch)[0], f"Uw klacht {dutch.reference}")


class LanguageSetTests(BaseTestCase):
    def test_staff_change_the_language_and_the_history_records_old_and_new(self):
        complaint = register(location=self.oceaan)
        self.assertEqual(complaint.language, "nl")
        complaint_set_language(complaint=complaint, language="en", actor=self.coordinator)
        complaint.refresh_from_db()
        self.assertEqual(complaint.language, "en")
        event = ComplaintEvent.objects.get(complaint=complaint, kind=EventKind.LANGUAGE_SET)
        self.assertEqual(event.actor, self.coordinator)
        self.assertEqual(event.data["changes"], {"language": ["nl", "en"]})
        self.assertEqual(event.changes, [("taal indiener", "Nederlands", "Engels")])

    def test_the_same_or_an_unknown_language_is_refused(self):
        complaint = register(location=self.oceaan)
        with self.assertRaises(ComplaintError):
            complaint_set_language(complaint=complaint, language="nl", actor=self.coordinator)
        with self.assertRaises(ComplaintError):
            complaint_set_language(complaint=complaint, language="de", actor=self.coordinator)
        with self.assertRaises(ComplaintError):
            register(location=self.oceaan, language="fr")
        self.assertFalse(ComplaintEvent.objects.filter(kind=EventKind.LANGUAGE_SET).exists())

    def test_the_registration_records_the_language(self):
        complaint = register(location=self.oceaan, language="en")
        event = ComplaintEvent.objects.get(complaint=complaint, kind=EventKind.COMPLAINT_REGISTERED)
        self.assertEqual(event.data["language"], "en")


class TemplateAdminTests(BaseTestCase):
    """The English version is edited in the admin next to the Dutch text and
    checked the same way before it is saved."""

    def setUp(self) -> None:
        self.client.force_login(self.administrator)

    def test_a_letter_template_with_a_broken_english_version_is_not_saved(self):
        url = reverse("admin:complaints_lettertemplate_add")
        data = {"name": "Nieuw", "body": "Beste {{ naam }}", "body_en": "Dear {{ naam }"}
        response = self.client.post(url, data)
        self.assertContains(response, "De tekst bevat een fout in de sjabloonopmaak")
        self.assertFalse(LetterTemplate.objects.filter(name="Nieuw").exists())
        data["body_en"] = "Dear {{ naam }}"
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.assertEqual(LetterTemplate.objects.get(name="Nieuw").body_en, "Dear {{ naam }}")

    def test_a_message_template_is_checked_in_both_languages_and_an_english_subject_needs_a_text(self):
        url = reverse("admin:complaints_messagetemplate_add")
        data = {"name": "Gesprek", "subject": "Gesprek", "body": "Beste {{ naam }}", "is_active": "on"}
        broken = self.client.post(url, {**data, "subject_en": "Talk {% if %}", "body_en": "Dear {{ naam }}"})
        self.assertContains(broken, "De tekst bevat een fout in de sjabloonopmaak")
        subject_only = self.client.post(url, {**data, "subject_en": "Our talk"})
        self.assertContains(subject_only, "Vul ook de Engelse tekst in")
        self.assertFalse(MessageTemplate.objects.exists())
        self.client.post(url, {**data, "subject_en": "Our talk", "body_en": "Dear {{ naam }}"})
        self.assertTrue(MessageTemplate.objects.get().has_version(Language.EN))

    def test_the_preview_shows_the_english_version_under_the_dutch_one(self):
        response = self.client.post(
            reverse("admin:complaints_messagetemplate_preview"),
            {
                "subject": "Uw klacht",
                "body": "Beste {{ naam }}",
                "subject_en": "Your complaint",
                "body_en": "Dear {{ naam }}",
            },
        )
        self.assertContains(response, "Engelse versie")
        self.assertContains(response, "Onderwerp: Your complaint")
        self.assertContains(response, "Dear Sanne de Vries")

    def test_the_default_letter_has_an_english_version_from_the_migration(self):
        template = LetterTemplate.objects.get(is_default=True)
        self.assertTrue(template.has_version(Language.EN))
        self.assertIn("Our verdict", template.body_en)

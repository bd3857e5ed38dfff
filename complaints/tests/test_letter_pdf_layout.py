"""The closing letter as the parent receives it (issue 15 point 1): read back from the PDF."""

import subprocess
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from complaints.letters import letter_blocks, letter_pdf, normalise_letter_text
from complaints.models import ComplaintEvent, EventKind
from complaints.services import (
    complaint_forward,
    complaint_set_outcome,
    letter_draft,
    letter_send,
    letter_update,
    measure_add,
)
from config.testing import BaseTestCase, register

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "letters"
LETTERHEAD = {
    "name": "Kinderopvang De Regenboog",
    "address": "Postbus 123|3500 AA Utrecht",
    "contact": "klachten@regenboog.test",
    "logo_path": "",
    "colour": "#7a1f5c",
}


def pdf_text(pdf: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return result.stdout.decode()


def pdf_fonts(pdf: bytes) -> set[str]:
    result = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True)
    lines = result.stdout.decode().splitlines()[2:]
    return {line.split()[0].split("+")[-1] for line in lines if line.strip()}


@override_settings(LETTERHEAD=LETTERHEAD)
class ClosingLetterPdfTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.manager.first_name, cls.manager.last_name = "Fatima", "el Amrani"
        cls.manager.save()

    def setUp(self) -> None:
        self.complaint = register(location=self.oceaan, received_at=timezone.now() - timedelta(days=5), notify=False)
        complaint_forward(
            complaint=self.complaint,
            category=self.communication,
            location=self.oceaan,
            handling_location=self.oceaan,
            actor=self.coordinator,
        )
        self.due = timezone.localdate() + timedelta(days=21)
        measure_add(
            complaint=self.complaint,
            description="Overdrachtslijst invoeren op de groep",
            owner="Locatiemanager",
            due_date=self.due,
            actor=self.manager,
        )
        complaint_set_outcome(
            complaint=self.complaint, verdict="deels", solution="Excuses gemaakt en besproken.", actor=self.manager
        )
        letter_draft(complaint=self.complaint, actor=self.manager)

    def test_the_sent_letter_has_letterhead_addressee_headings_terms_and_the_signer(self):
        letter = letter_send(complaint=self.complaint, actor=self.manager)
        letter.pdf.open("rb")
        pdf = letter.pdf.read()
        text = pdf_text(pdf)
        flat = " ".join(text.split())
        # Letterhead and addressee block.
        self.assertIn("Kinderopvang De Regenboog", text)
        self.assertIn("Postbus 123", text)
        self.assertIn("Ouder Test", text)
        self.assertIn("ouder@voorbeeld.test", text)
        # Date and reference.
        self.assertIn("Ons kenmerk", text)
        self.assertIn(self.complaint.reference, text)
        # Real headings, each measure with its concrete term.
        for heading in ("Uw klacht", "Ons oordeel", "Maatregelen", "Niet tevreden?"):
            self.assertIn(heading, text)
        self.assertIn("Overdrachtslijst invoeren op de groep (Locatiemanager, uiterlijk", flat)
        self.assertIn(str(self.due.year), flat)
        # Signed by the person who handled it, with their role, not by "Klachtencoördinatie".
        self.assertIn("Fatima el Amrani", text)
        self.assertIn("Fatima el Amrani Locatiemanager Partou BSO Oceaan 16", flat)
        self.assertLess(flat.index("Met vriendelijke groet"), flat.index("Fatima el Amrani"))
        self.assertNotIn("Klachtencoördinatie", text)
        # The legally required pointer with its terms.
        self.assertIn("Klachtenloket Kinderopvang", flat)
        self.assertIn("Geschillencommissie Kinderopvang", flat)
        self.assertIn("twaalf maanden nadat u de klacht bij ons hebt ingediend", flat)
        # One font family for body, headings and footer.
        fonts = pdf_fonts(pdf)
        self.assertTrue(fonts and all(name.replace("-", "").startswith("NotoSans") for name in fonts), fonts)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "afsluitbrief.pdf").write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", "-", str(ARTIFACTS / "afsluitbrief")],
            input=pdf,
            check=True,
        )
        self.assertTrue((ARTIFACTS / "afsluitbrief.png").stat().st_size > 10_000)

    def test_a_letter_without_the_pointer_gets_it_printed_under_it(self):
        pdf = letter_pdf(complaint=self.complaint, body="Beste ouder,\n\nUw klacht is gegrond.")
        flat = " ".join(pdf_text(pdf).split())
        self.assertIn("Geschillencommissie Kinderopvang", flat)
        self.assertIn("twaalf maanden", flat)
        self.assertIn("Klachtenloket Kinderopvang", flat)

    def test_saving_an_unchanged_letter_with_browser_line_endings_records_nothing(self):
        letter = self.complaint.letter
        before = ComplaintEvent.objects.filter(complaint=self.complaint, kind=EventKind.LETTER_UPDATED).count()
        letter_update(complaint=self.complaint, body=letter.body.replace("\n", "\r\n") + "\r\n", actor=self.manager)
        self.assertEqual(
            ComplaintEvent.objects.filter(complaint=self.complaint, kind=EventKind.LETTER_UPDATED).count(), before
        )
        letter_update(complaint=self.complaint, body=letter.body + "\r\nExtra zin.", actor=self.manager)
        self.assertEqual(
            ComplaintEvent.objects.filter(complaint=self.complaint, kind=EventKind.LETTER_UPDATED).count(), before + 1
        )
        self.complaint.letter.refresh_from_db()
        self.assertNotIn("\r", self.complaint.letter.body)


class LetterBlocksTests(BaseTestCase):
    def test_known_headings_become_headings_and_dashes_list_items(self):
        blocks = letter_blocks("Beste ouder,\r\n\r\nMaatregelen:\r\n- Een (LM, uiterlijk 1 mei)\r\n- Twee\r\nSlot.")
        self.assertEqual(blocks[0].heading, "")
        self.assertEqual(blocks[1].heading, "Maatregelen")
        self.assertEqual(blocks[1].parts, [("ul", ["Een (LM, uiterlijk 1 mei)", "Twee"]), ("p", "Slot.")])

    def test_normalising_keeps_text_and_drops_carriage_returns_and_trailing_spaces(self):
        self.assertEqual(normalise_letter_text("a  \r\nb\r\r\n"), "a\nb")

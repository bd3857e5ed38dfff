"""Issue 18, point 2: a complaint filed on the public form in English is an
English complaint: its receipt, and every later e-mail, come in English."""

from django.conf import settings

from complaints.models import Complaint
from intake.tests.base import IntakeTestCase, delivered
from notifications.models import OutboundEmail


class FormLanguageTests(IntakeTestCase):
    def test_a_complaint_filed_in_english_is_english_and_its_receipt_too(self):
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = self.submit()
        self.assertEqual(response.status_code, 303)
        complaint = Complaint.objects.get()
        self.assertEqual(complaint.language, "en")
        receipt = delivered(OutboundEmail.objects.get(complaint=complaint, template="receipt"))
        self.assertEqual(receipt.subject, f"We have received your complaint ({complaint.reference})")

    def test_a_complaint_filed_in_dutch_is_dutch(self):
        self.submit()
        complaint = Complaint.objects.get()
        self.assertEqual(complaint.language, "nl")
        receipt = delivered(OutboundEmail.objects.get(complaint=complaint, template="receipt"))
        self.assertEqual(receipt.subject, f"Wij hebben uw klacht ontvangen ({complaint.reference})")

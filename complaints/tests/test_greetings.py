"""Mail that sounds like people (issue 13, point 5): the greeting uses the
complainant's name, a parent committee is addressed as such, and every mail to
the complainant is signed by a person with their role or by the desk."""

from django.test import override_settings

from complaints import emails
from complaints.models import ComplainantKind
from complaints.services import ComplainantData, complainant_erase, complainant_message_send
from config.testing import BaseTestCase, register
from notifications.models import OutboundEmail


class SurnameTests(BaseTestCase):
    def test_the_surname_starts_at_the_first_particle_and_is_capitalised(self):
        cases = {
            "Sanne de Vries": "De Vries",
            "Jan van der Berg": "Van der Berg",
            "Fatima El Amrani": "Amrani",
            "Kees Jansen": "Jansen",
            "Jansen": "Jansen",
            "Anna Maria ter Horst": "Ter Horst",
        }
        for name, surname in cases.items():
            self.assertEqual(emails.surname(name), surname, name)


@override_settings(
    COMPLAINTS_DESK_NAME="Klachtenservice Kinderopvang",
    COMPLAINTS_DESK_PHONE="088 - 000 00 00",
    COMPLAINTS_DESK_EMAIL="klachten@klachtwijs.test",
)
class GreetingTests(BaseTestCase):
    def receipt_for(self, **extra) -> OutboundEmail:
        complaint = register(location=self.oceaan, **extra)
        return OutboundEmail.objects.get(complaint=complaint, template="receipt")

    def test_a_known_salutation_greets_by_surname(self):
        receipt = self.receipt_for(
            complainant=ComplainantData(name="Sanne de Vries", email="sanne@voorbeeld.test", salutation="mevrouw")
        )
        self.assertTrue(receipt.body_text.startswith("Beste mevrouw De Vries,\n"))
        self.assertIn("<p>Beste mevrouw De Vries,</p>", receipt.body_html)

    def test_without_a_salutation_the_name_as_given(self):
        receipt = self.receipt_for(complainant=ComplainantData(name="  Sanne   de Vries ", email="s@voorbeeld.test"))
        self.assertTrue(receipt.body_text.startswith("Beste Sanne de Vries,\n"))

    def test_a_parent_committee_is_addressed_as_such(self):
        receipt = self.receipt_for(
            complainant_kind=ComplainantKind.PARENT_COMMITTEE,
            complainant=ComplainantData(name="Sanne de Vries", email="oc@voorbeeld.test", salutation="mevrouw"),
        )
        self.assertTrue(receipt.body_text.startswith("Beste leden van de oudercommissie,\n"))

    def test_without_a_name_or_after_erasure_the_parent_in_general(self):
        receipt = self.receipt_for(complainant=ComplainantData(email="anoniem@voorbeeld.test"))
        self.assertTrue(receipt.body_text.startswith("Beste ouder/verzorger,\n"))
        complaint = register(location=self.oceaan)
        complainant_erase(complaint=complaint, actor=self.coordinator, reason="Verzoek.")
        self.assertEqual(emails.greeting(complaint), "Beste ouder/verzorger,")

    def test_automatic_mail_is_signed_by_the_desk_and_marked_automatic(self):
        receipt = self.receipt_for()
        self.assertIn("Met vriendelijke groet,\nKlachtenservice Kinderopvang\n", receipt.body_text)
        self.assertIn("Telefoon 088 - 000 00 00 · klachten@klachtwijs.test", receipt.body_text)
        self.assertIn("Klachtenservice Kinderopvang", receipt.body_html)
        self.assertTrue(receipt.auto_submitted)

    def test_a_message_from_a_person_is_greeted_and_signed_by_them_with_their_role(self):
        self.department_handler.first_name, self.department_handler.last_name = "Ahmed", "Bakker"
        self.department_handler.save()
        complaint = register(
            location=self.oceaan,
            complainant=ComplainantData(name="Piet Jansen", email="piet@voorbeeld.test", salutation="meneer"),
        )
        complainant_message_send(
            complaint=complaint, subject="Uw factuur", text="We zoeken het uit.", actor=self.department_handler
        )
        email = OutboundEmail.objects.get(complaint=complaint, template="message_to_complainant")
        self.assertTrue(email.body_text.startswith("Beste meneer Jansen,\n\nWe zoeken het uit.\n"))
        self.assertIn("Ahmed Bakker\nMedewerker afdeling\n", email.body_text)
        self.assertIn("Ahmed Bakker", email.body_html)
        self.assertIn("Medewerker afdeling", email.body_html)

    def test_a_person_without_a_name_signs_as_the_desk(self):
        self.assertEqual(emails.signature(self.coordinator).name, "Klachtenservice Kinderopvang")
        self.assertEqual(emails.signature(None).name, "Klachtenservice Kinderopvang")

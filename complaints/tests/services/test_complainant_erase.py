from datetime import timedelta

import time_machine
from django.utils import timezone

from complaints.models import Complainant
from complaints.services import complainant_erase, complainants_erase_expired, complaint_withdraw
from config.testing import BaseTestCase, register


class ComplainantEraseTests(BaseTestCase):
    def test_it_erases_contact_details_but_keeps_the_complaint_and_its_history(self):
        complaint = register(location=self.oceaan)
        self.assertTrue(complainant_erase(complaint=complaint, actor=self.coordinator))
        complainant = Complainant.objects.get(complaint=complaint)
        self.assertEqual((complainant.name, complainant.email, complainant.phone), ("", "", ""))
        self.assertIsNotNone(complainant.erased_at)
        event = complaint.events.get(kind="complainant.erased")
        self.assertNotIn("ouder@voorbeeld.test", str(event.data))
        self.assertFalse(complainant_erase(complaint=complaint, actor=self.coordinator))

    def test_it_erases_a_year_after_closing_and_not_before(self):
        complaint = register(location=self.oceaan)
        complaint_withdraw(complaint=complaint, reason="Opgelost met de locatie.", actor=self.coordinator)
        self.assertEqual(complainants_erase_expired(), 0)
        with time_machine.travel(timezone.now() + timedelta(days=366)):
            self.assertEqual(complainants_erase_expired(), 1)
            self.assertEqual(complainants_erase_expired(), 0)
        self.assertEqual(Complainant.objects.get(complaint=complaint).email, "")

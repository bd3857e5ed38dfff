from complaints.models import Status
from config.testing import BaseTestCase, close
from staff.tests.helpers import HandlingTestMixin


class ComplaintWithdrawTests(HandlingTestMixin, BaseTestCase):
    def test_it_warns_before_recording_a_withdrawal(self):
        response = self.client.get(self.url("complaint_withdraw"))
        self.assertContains(response, "Gebruik dit alleen als de indiener de klacht zelf heeft ingetrokken.")
        self.assertEqual(self.refreshed().status, Status.FORWARDED)

    def test_it_records_the_withdrawal_with_its_reason(self):
        response = self.client.post(self.url("complaint_withdraw"), {"reason": "Ouder belde: opgelost met de juf."})
        self.assertRedirects(response, self.detail_url(), fetch_redirect_response=False)
        complaint = self.refreshed()
        self.assertEqual(complaint.status, Status.WITHDRAWN)
        self.assertEqual(complaint.withdrawn_reason, "Ouder belde: opgelost met de juf.")
        self.assertContains(self.client.get(self.detail_url()), "Ouder belde: opgelost met de juf.")

    def test_it_needs_a_reason(self):
        response = self.client.post(self.url("complaint_withdraw"), {"reason": ""})
        self.assertEqual(response.context["form"].errors["reason"], ["Dit veld is verplicht."])
        self.assertEqual(self.refreshed().status, Status.FORWARDED)

    def test_it_shows_the_services_refusal_for_a_closed_complaint(self):
        close(self.complaint, actor=self.manager)
        response = self.client.post(self.url("complaint_withdraw"), {"reason": "Toch ingetrokken."})
        self.assertContains(response, "Deze klacht is al afgesloten.")
        self.assertContains(response, "Toch ingetrokken.")
        self.assertEqual(self.refreshed().status, Status.CLOSED)

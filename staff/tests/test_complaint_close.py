from complaints.models import Status
from complaints.services import complaint_set_outcome, letter_draft, letter_send
from config.testing import BaseTestCase
from staff.tests.helpers import HandlingTestMixin


class ComplaintCloseTests(HandlingTestMixin, BaseTestCase):
    def test_it_shows_what_is_still_missing_before_closing(self):
        response = self.client.get(self.url("complaint_close"))
        self.assertContains(response, "Nog geen oordeel vastgelegd")
        self.assertContains(response, "Afsluitbrief nog niet verstuurd")

    def test_it_shows_the_services_refusal_without_verdict(self):
        response = self.client.post(self.url("complaint_close"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Leg eerst vast of de klacht gegrond is.")
        self.assertEqual(self.refreshed().status, Status.FORWARDED)

    def test_it_shows_the_services_refusal_without_a_sent_letter(self):
        complaint_set_outcome(complaint=self.complaint, verdict="ja", solution="Opgelost.", actor=self.manager)
        response = self.client.post(self.url("complaint_close"))
        self.assertContains(response, "Verstuur eerst de afsluitbrief met het gemotiveerde oordeel.")
        self.assertEqual(self.refreshed().status, Status.IN_PROGRESS)

    def test_it_closes_once_verdict_solution_and_letter_are_there(self):
        complaint_set_outcome(complaint=self.complaint, verdict="ja", solution="Opgelost.", actor=self.manager)
        letter_draft(complaint=self.complaint, actor=self.manager)
        letter_send(complaint=self.complaint, actor=self.manager)
        self.assertContains(self.client.get(self.url("complaint_close")), "Afsluitbrief verstuurd op")
        response = self.client.post(self.url("complaint_close"))
        self.assertRedirects(response, self.detail_url(), fetch_redirect_response=False)
        complaint = self.refreshed()
        self.assertEqual(complaint.status, Status.CLOSED)
        self.assertEqual(complaint.events.get(kind="complaint.closed").actor, self.manager)
        page = self.client.get(self.detail_url())
        self.assertContains(page, "De klacht is afgesloten.")
        self.assertNotContains(page, self.url("contact_record"))

    def test_it_does_not_offer_closing_twice(self):
        self.test_it_closes_once_verdict_solution_and_letter_are_there()
        response = self.client.get(self.url("complaint_close"))
        self.assertContains(response, "Deze klacht is niet meer open.")
        self.assertContains(self.client.post(self.url("complaint_close")), "Deze klacht is al afgesloten.")

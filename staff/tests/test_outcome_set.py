from complaints.services import complaint_set_outcome
from config.testing import BaseTestCase
from staff.tests.helpers import HandlingTestMixin


class OutcomeSetTests(HandlingTestMixin, BaseTestCase):
    def test_it_records_verdict_and_solution(self):
        response = self.client.post(self.url("outcome_set"), {"verdict": "deels", "solution": "Excuses gemaakt."})
        self.assertRedirects(response, self.detail_url(), fetch_redirect_response=False)
        complaint = self.refreshed()
        self.assertEqual((complaint.verdict, complaint.solution), ("deels", "Excuses gemaakt."))
        event = complaint.events.get(kind="complaint.outcome_set")
        self.assertEqual(event.data["changes"]["verdict"], ["", "deels"])

    def test_it_shows_what_was_recorded_before(self):
        complaint_set_outcome(complaint=self.complaint, verdict="nee", solution="Uitgelegd.", actor=self.manager)
        response = self.client.get(self.url("outcome_set"))
        self.assertEqual(response.context["form"]["verdict"].value(), "nee")
        self.assertContains(response, "checked", count=1)
        self.assertContains(response, "Uitgelegd.")

    def test_it_refuses_a_verdict_that_does_not_exist(self):
        response = self.client.post(self.url("outcome_set"), {"verdict": "misschien", "solution": "Iets."})
        self.assertIn("verdict", response.context["form"].errors)
        self.assertContains(response, "Iets.")
        self.assertEqual(self.refreshed().verdict, "")

"""Issue 10, point 6: the form stamp has a maximum age and makes one complaint, the
rate limit is counted atomically, and a parent who is refused is told where else to go."""

import uuid
from unittest import skipIf

from django.db import connection
from django.test import TransactionTestCase, override_settings
from django.utils import timezone

from complaints.models import Complaint
from intake import spam
from intake.models import SubmissionWindow
from intake.tests.base import IntakeTestCase


@override_settings(COMPLAINTS_DESK_PHONE="088 - 765 43 21", COMPLAINTS_DESK_EMAIL="klachtendesk@voorbeeld.test")
class SpamDefenceTests(IntakeTestCase):
    def test_a_stamp_older_than_a_day_is_refused_and_a_fresh_one_served(self):
        response = self.submit(**{spam.STAMP_FIELD: self.stamp(seconds_ago=spam.STAMP_MAX_AGE_SECONDS + 60)})
        self.assertContains(response, "Het formulier was verlopen")
        self.assertContains(response, 'value="Sanne de Vries"')
        self.assertLess(spam.stamp_age(response.context["stamp"], submission_key=self.submission_key), 5)
        self.assertFalse(Complaint.objects.exists())

    def test_one_served_form_makes_one_complaint(self):
        first = self.submit()
        self.assertEqual(first.status_code, 303)
        stamp = self.stamp()  # the same served form, posted again with another submission key
        reused = self.submit(submission_key=str(uuid.uuid4()), **{spam.STAMP_FIELD: stamp})
        self.assertContains(reused, "Het formulier was verlopen")
        again = self.submit()  # the same form sent twice: the first complaint, not a second one
        self.assertEqual(again["Location"], first["Location"])
        self.assertEqual(Complaint.objects.count(), 1)

    def test_a_tripped_honeypot_names_the_phone_and_the_mailbox(self):
        response = self.submit(website="https://spam.example")
        self.assertContains(response, "Uw klacht is niet verstuurd")
        self.assertContains(response, "088 - 765 43 21")
        self.assertContains(response, "klachtendesk@voorbeeld.test")

    @override_settings(INTAKE_RATE_LIMIT=1)
    def test_the_limit_names_the_phone_and_the_mailbox_and_a_repeat_takes_nothing(self):
        self.assertEqual(self.submit(address="192.0.2.50").status_code, 303)
        self.assertEqual(self.submit(address="192.0.2.50").status_code, 303)  # the same form again
        refused = self.submit(address="192.0.2.50", submission_key=str(uuid.uuid4()))
        self.assertContains(refused, "al meerdere klachten verstuurd")
        self.assertContains(refused, "088 - 765 43 21")
        self.assertContains(refused, "klachtendesk@voorbeeld.test")
        self.assertEqual(SubmissionWindow.objects.get().count, 1)

    def test_a_refused_registration_gives_its_place_back(self):
        from unittest import mock

        from complaints.services import ComplaintError

        with mock.patch("intake.services.complaint_register", side_effect=ComplaintError("Kies een locatie.")):
            self.submit(address="192.0.2.51")
        self.assertEqual(SubmissionWindow.objects.get().count, 0)

    def test_the_table_keeps_no_address(self):
        self.submit(address="192.0.2.52")
        self.assertNotIn("192.0.2.52", SubmissionWindow.objects.get().key)


@skipIf(connection.vendor == "sqlite", "SQLite's in-memory test database serialises threads; PostgreSQL runs it")
class RateLimitRaceTests(TransactionTestCase):
    @override_settings(INTAKE_RATE_LIMIT=5)
    def test_twelve_parallel_posts_from_one_address_pass_a_limit_of_five_exactly_five_times(self):
        from config.testing import run_racing

        now = timezone.now()
        results = run_racing(lambda: spam.rate_limit_take(client_address="192.0.2.60", now=now), workers=12)
        self.assertEqual(sorted(results), [False] * 7 + [True] * 5)
        self.assertEqual(SubmissionWindow.objects.get().count, 5)


class RateWindowTests(IntakeTestCase):
    def test_a_new_hour_starts_a_new_count_and_old_windows_are_cleared(self):
        start = timezone.now()
        with override_settings(INTAKE_RATE_LIMIT=2):
            self.assertTrue(spam.rate_limit_take(client_address="a", now=start))
            self.assertTrue(spam.rate_limit_take(client_address="a", now=start))
            self.assertFalse(spam.rate_limit_take(client_address="a", now=start))
            later = start + timezone.timedelta(seconds=spam.RATE_WINDOW_SECONDS + 1)
            self.assertTrue(spam.rate_limit_take(client_address="a", now=later))
        self.assertEqual(SubmissionWindow.objects.get().count, 1)
        self.assertEqual(spam.rate_windows_clear(now=later + timezone.timedelta(hours=2)), 1)

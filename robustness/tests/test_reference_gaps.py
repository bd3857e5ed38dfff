"""Issue 11, point 6: a form posted several times at once (a double click, an
impatient parent, a retrying proxy) is answered with one complaint and uses one
reference number: the next complaint gets the next number, no gap."""

import uuid
from unittest import skipIf

from django.db import connection
from django.test import TransactionTestCase

from complaints.models import Complaint, ReferenceCounter
from config.testing import make_location, register, restore_migration_data, run_racing
from intake.tests.base import IntakeTestCase
from organisation.models import LegalEntity

WORKERS = 8


class RepeatedSubmissionTests(IntakeTestCase):
    def test_a_repeated_submission_returns_the_first_and_takes_no_number(self):
        key = uuid.uuid4()
        first = register(location=self.oceaan, submission_key=key)
        again = register(location=self.oceaan, submission_key=key)
        following = register(location=self.oceaan)
        self.assertEqual(again.pk, first.pk)
        self.assertEqual(following.sequence, first.sequence + 1)
        self.assertEqual(first.events.filter(kind="complaint.registered").count(), 1)


@skipIf(connection.vendor == "sqlite", "SQLite serialises all writers; the race is tested on PostgreSQL")
class RacingSubmissionTests(TransactionTestCase):
    def test_eight_parallel_posts_of_one_form_make_one_complaint_and_leave_no_gap(self):
        restore_migration_data()
        location = make_location("Partou KDV De Tulp", entity=LegalEntity.objects.create(name="Partou B.V."))
        key = uuid.uuid4()

        results = run_racing(lambda: register(location=location, submission_key=key).pk, workers=WORKERS)

        self.assertEqual(len(results), WORKERS)
        self.assertEqual(len(set(results)), 1)
        complaint = Complaint.objects.get()
        self.assertEqual(complaint.sequence, 1)
        self.assertEqual(complaint.events.filter(kind="complaint.registered").count(), 1)
        self.assertEqual(ReferenceCounter.objects.get(year=complaint.year).last, 1)
        following = register(location=location)
        self.assertEqual(following.sequence, 2)
        self.assertEqual(following.reference, f"K{complaint.year}-00002")

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from complaints.models import Channel, Complaint, Status
from config.testing import BaseTestCase, register
from organisation.models import Location


class ComplaintInvariantTests(BaseTestCase):
    def _row(self, **overrides) -> dict:
        now = timezone.now()
        values = {
            "reference": "K2026-09999",
            "year": 2026,
            "sequence": 9999,
            "received_at": now,
            "due_at": now + timedelta(weeks=6),
            "channel": Channel.WEB,
            "legal_entity": self.partou,
            "description": "x",
        }
        values.update(overrides)
        return values

    def assert_rejected(self, **overrides) -> None:
        with self.assertRaises(IntegrityError), transaction.atomic():
            Complaint.objects.create(**self._row(**overrides))

    def test_it_requires_a_date_of_receipt_unless_imported(self):
        self.assert_rejected(received_at=None, due_at=None)
        imported = Complaint.objects.create(
            **self._row(received_at=None, due_at=None, channel=Channel.IMPORT, appendix_position=1)
        )
        self.assertIsNone(imported.received_at)

    def test_it_allows_an_appendix_position_only_on_imports(self):
        self.assert_rejected(appendix_position=3)

    def test_it_keeps_the_deadline_with_the_date_of_receipt(self):
        self.assert_rejected(due_at=None)
        self.assert_rejected(received_at=None, due_at=timezone.now(), channel=Channel.IMPORT)

    def test_it_has_at_most_one_handling_unit(self):
        self.assert_rejected(handling_location=self.oceaan, handling_department=self.debiteuren)

    def test_it_closes_a_registered_complaint_only_with_a_verdict_and_date(self):
        self.assert_rejected(status=Status.CLOSED, closed_at=timezone.now(), verdict="")
        self.assert_rejected(status=Status.CLOSED, closed_at=None, verdict="ja")

    def test_it_allows_an_imported_closed_complaint_without_verdict_or_date(self):
        complaint = Complaint.objects.create(
            **self._row(
                received_at=None, due_at=None, channel=Channel.IMPORT, appendix_position=1, status=Status.CLOSED
            )
        )
        self.assertEqual(complaint.verdict, "")

    def test_it_refuses_a_closing_date_before_receipt(self):
        now = timezone.now()
        self.assert_rejected(status=Status.CLOSED, verdict="nee", closed_at=now - timedelta(days=1), received_at=now)

    def test_it_refuses_a_closing_date_on_an_open_complaint(self):
        self.assert_rejected(closed_at=timezone.now())

    def test_it_refuses_two_complaints_with_one_sequence_number(self):
        Complaint.objects.create(**self._row())
        self.assert_rejected(reference="K2026-X")

    def test_it_knows_when_it_is_overdue(self):
        old = register(location=self.oceaan, received_at=timezone.now() - timedelta(weeks=7))
        fresh = register(location=self.oceaan)
        self.assertTrue(old.is_overdue)
        self.assertFalse(fresh.is_overdue)


class LocationTests(BaseTestCase):
    def test_it_treats_spellings_that_differ_in_spaces_hyphens_and_case_as_one_place(self):
        Location.objects.create(name="Partou KDV Kanaalweg 176", legal_entity=self.partou)
        with self.assertRaises(IntegrityError), transaction.atomic():
            Location.objects.create(name="Partou KDV Ka-naalweg 176", legal_entity=self.partou)
        with self.assertRaises(IntegrityError), transaction.atomic():
            Location.objects.create(name="partou kdv kanaal weg 176", legal_entity=self.partou)

    def test_it_lists_its_care_types(self):
        self.oceaan.offers_bso = True
        self.assertEqual(self.oceaan.care_types, ["bso"])

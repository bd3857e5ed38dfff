from datetime import timedelta

from django.utils import timezone, translation

from complaints.models import VERDICT_SHORT_LABELS, VERDICT_UNKNOWN_LABEL, Verdict
from complaints.selectors import (
    complaint_list_overdue,
    complaint_visible_to,
    location_matches,
    location_query,
    location_search,
    overdue_q,
)
from complaints.services import complaint_withdraw
from config.testing import BaseTestCase, make_location, register
from staff.tests.helpers import forwarded


class OverdueTests(BaseTestCase):
    @property
    def triage(self) -> dict:
        return {"actor": self.coordinator, "category": self.communication}

    def test_it_lists_open_complaints_past_their_deadline(self):
        now = timezone.now()
        late = register(location=self.oceaan, received_at=now - timedelta(weeks=7))
        register(location=self.oceaan, received_at=now - timedelta(weeks=1))
        withdrawn = register(location=self.oceaan, received_at=now - timedelta(weeks=8))
        complaint_withdraw(complaint=withdrawn, reason="Telefonisch ingetrokken.", actor=self.coordinator)
        self.assertEqual(list(complaint_list_overdue(now=now)), [late])

    def test_it_counts_at_the_moment_it_is_given(self):
        received = timezone.now() - timedelta(weeks=1)
        complaint = register(location=self.oceaan, received_at=received)
        self.assertFalse(complaint_list_overdue(now=complaint.due_at).exists())
        self.assertTrue(complaint_list_overdue(now=complaint.due_at + timedelta(seconds=1)).exists())

    def test_it_narrows_a_scoped_queryset(self):
        now = timezone.now()
        # Forwarded: a manager sees only what the coordinator sent to their unit.
        forwarded(location=self.margriet, received_at=now - timedelta(weeks=7), **self.triage)
        mine = forwarded(location=self.oceaan, received_at=now - timedelta(weeks=7), **self.triage)
        register(location=self.oceaan, received_at=now - timedelta(weeks=7))  # still Nieuw
        scoped = complaint_visible_to(self.manager)
        self.assertEqual(list(complaint_list_overdue(now=now, complaints=scoped)), [mine])
        self.assertEqual(scoped.filter(overdue_q(now=now)).count(), 1)


class LocationSearchTests(BaseTestCase):
    def test_it_needs_every_word_in_the_name_or_the_place(self):
        self.oceaan.city = "Amsterdam"
        self.oceaan.save()
        self.assertEqual(list(location_search(query="oceaan amsterdam")), [self.oceaan])
        self.assertEqual(list(location_search(query="oceaan utrecht")), [])

    def test_it_ignores_case_spaces_and_hyphens(self):
        self.assertEqual(list(location_search(query="OCEAAN-16")), [self.oceaan])

    def test_it_keeps_the_chosen_location(self):
        found = location_search(query="margriet", include_id=self.oceaan.pk)
        self.assertEqual(set(found), {self.margriet, self.oceaan})

    def test_it_leaves_out_inactive_locations(self):
        self.margriet.is_active = False
        self.margriet.save()
        self.assertNotIn(self.margriet, location_search())

    def test_it_says_when_there_are_more_than_the_limit(self):
        for index in range(3):
            make_location(f"Zon {index}", entity=self.partou)
        matches = location_matches(query="zon", limit=2)
        self.assertEqual([location.name for location in matches.locations], ["Zon 0", "Zon 1"])
        self.assertTrue(matches.more)
        self.assertFalse(location_matches(query="zon", limit=3).more)
        self.assertEqual(len(location_matches(query="", limit=None).locations), 6)

    def test_it_cleans_the_typed_query(self):
        self.assertEqual(location_query("  oce\x00aan \n 16 "), "oceaan 16")
        self.assertEqual(len(location_query("x" * 500)), 100)


class VerdictLabelTests(BaseTestCase):
    def test_it_has_a_short_label_for_every_verdict(self):
        self.assertEqual(set(VERDICT_SHORT_LABELS), set(Verdict.values))
        self.assertEqual(VERDICT_SHORT_LABELS[Verdict.DEELS], "Deels")

    def test_screens_show_it_in_the_users_language(self):
        with translation.override("en"):
            self.assertEqual(str(VERDICT_SHORT_LABELS[Verdict.DEELS]), "Partly")
            self.assertEqual(str(VERDICT_UNKNOWN_LABEL), "Unknown")

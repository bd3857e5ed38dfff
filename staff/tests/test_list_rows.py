"""The complaint list's rows and the worklist's cards, computed once per page
(staff/rows.py, issue 17): they show what the complaint says, and a compact marker
of the complainant's language when it is not Dutch (issue 18 point 3)."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from complaints.models import Complaint
from complaints.selectors import complaint_list
from config.testing import BaseTestCase
from staff.rows import complaint_rows
from staff.tests.helpers import forwarded

MARKER = re.compile(r'<abbr class="badge [^"]*complaint-language" title="([^"]+)">([A-Z]+)</abbr>')


class LanguageMarkerTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.english = forwarded(location=cls.oceaan, actor=cls.coordinator, category=cls.communication, language="en")
        cls.dutch = forwarded(location=cls.oceaan, actor=cls.coordinator, category=cls.communication)
        # Both due within the week: on the worklist's card of that section.
        due = timezone.now() + timedelta(days=2)
        Complaint.objects.filter(pk__in=[cls.english.pk, cls.dutch.pk]).update(due_at=due)

    def markers(self, url: str, reference: str) -> list[tuple[str, str]]:
        """The language markers next to ``reference``'s link on the page."""
        self.client.force_login(self.coordinator)
        page = self.client.get(url).content.decode()
        link = f">{reference}</a>"
        self.assertIn(link, page)
        found = (MARKER.match(after.lstrip()) for after in page.split(link)[1:])
        return [match.groups() for match in found if match]

    def test_the_list_marks_an_english_complaint_and_not_a_dutch_one(self):
        url = reverse("staff:complaint_list")
        self.assertEqual(self.markers(url, self.english.reference), [("Taal indiener: Engels", "EN")])
        self.assertEqual(self.markers(url, self.dutch.reference), [])

    def test_the_worklist_marks_it_too(self):
        url = reverse("staff:worklist")
        markers = self.markers(url, self.english.reference)
        self.assertTrue(markers)
        self.assertEqual(set(markers), {("Taal indiener: Engels", "EN")})
        self.assertEqual(self.markers(url, self.dutch.reference), [])


class ComplaintRowTests(BaseTestCase):
    def test_a_row_says_what_the_complaint_says(self):
        complaint = forwarded(location=self.oceaan, actor=self.coordinator, category=self.communication)
        complaint.due_at = timezone.now() - timedelta(days=3)
        complaint.save(update_fields=["due_at"])
        complaint = complaint_list(user=self.coordinator).get(pk=complaint.pk)
        (row,) = complaint_rows([complaint])
        self.assertEqual(row.url, reverse("staff:complaint_detail", args=[complaint.reference]))
        self.assertEqual(row.status, complaint.get_status_display())
        self.assertEqual(row.handler, complaint.handler_display)
        self.assertEqual(row.category_year, complaint.category.version.year)
        term = complaint.term()
        self.assertTrue(row.overdue)
        self.assertEqual((row.term_state, row.term_label), (term.state, term.label))
        self.assertEqual(row.term_class, "badge text-bg-danger")
        self.assertEqual((row.language, row.language_name), ("", ""))

"""PostgreSQL's search matches ``coalesce(search_vector || notes_vector, search_vector)`` (migration
0022) where it matched ``search_vector || coalesce(notes_vector, '')`` (migration 0020): the same
complaints, in the same order, with the same cap, for every kind of query a user can type; and
the index still answers it (the match names the index's expression exactly)."""

from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints.models import Complaint
from complaints.search import complaint_search
from complaints.services import note_add
from config.testing import BaseTestCase, register

# What complaints.search did before migration 0022, as SQL: the newest MAX_RANKED matches ranked
# by ts_rank(search_vector) then newest first, and whether there were more.
BEFORE = """
    SELECT id FROM (
        SELECT id, ts_rank(search_vector, websearch_to_tsquery('dutch', %(text)s)) AS rank
        FROM complaints_complaint
        WHERE (search_vector || coalesce(notes_vector, ''::tsvector)) @@ websearch_to_tsquery('dutch', %(text)s)
        ORDER BY id DESC LIMIT %(limit)s
    ) newest ORDER BY rank DESC, id DESC"""

QUERIES = [
    "sluiting",
    "sluitingen",  # the dutch stemmer: finds "sluiting"
    "sluiting groep",
    "sluiting OR lunch",
    "sluiting -lunch",
    "-sluiting",
    "sluiting -overleg",  # "overleg" only in a note
    '"korte sluiting"',
    '"sluiting overleg"',  # "sluiting" the last word of the text, "overleg" the first of the note
    '"groep sluiting"',
    "warmhoudkast",  # in a note only
    "warmhoudkast soep",  # one word in the text, the other in a note
    "soep -warmhoudkast",
    "de het een",  # stop words only: no query
    "nergens",
    "",
]


class SearchEquivalenceTests(BaseTestCase):
    """PostgreSQL only (SQLite keeps its FTS5 path); the data is shared with the tests below."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        texts = [
            ("Sluiting van de groep, weer een sluiting.", []),
            ("Korte sluiting.", ["Overleg gehad met de ouders.", "Sluiting sluiting besproken."]),
            ("Koude lunch.", ["Niets met een sluiting te maken."]),
            ("De soep was koud.", ["Kok gesproken over de warmhoudkast."]),
            ("De soep was weer koud bij de lunch.", []),
            ("Onverwachte sluiting", ["overleg met de locatiemanager"]),
            ("Groep sluiting zonder bericht en lunch te laat.", []),
            ("Het hek stond open.", ["Warmhoudkast vervangen; sluiting van de keuken."]),
        ]
        for description, notes in texts:
            complaint = register(location=cls.oceaan, description=description)
            for note in notes:
                note_add(complaint=complaint, text=note, actor=cls.coordinator)

    def setUp(self) -> None:
        if connection.vendor != "postgresql" and self._testMethodName in self.POSTGRESQL_ONLY:
            self.skipTest("PostgreSQL's match expression; SQLite searches its FTS5 table as before")

    POSTGRESQL_ONLY = frozenset({"test_same_complaints_order_and_cap_as_before", "test_the_index_answers_the_match"})

    def before(self, text: str, limit: int) -> tuple[list[int], bool]:
        with connection.cursor() as cursor:
            cursor.execute(BEFORE, {"text": " ".join(text.split()), "limit": limit + 1})
            ids = [row[0] for row in cursor.fetchall()]
        if len(ids) <= limit:
            return ids, False
        # The newest ``limit`` of the ``limit + 1`` found, in their rank order.
        oldest = min(ids)
        return [pk for pk in ids if pk != oldest], True

    def test_same_complaints_order_and_cap_as_before(self):
        with connection.cursor() as cursor:  # complaints with notes and without (NULL notes_vector)
            cursor.execute("SELECT count(notes_vector), count(*) - count(notes_vector) FROM complaints_complaint")
            self.assertEqual(cursor.fetchone(), (5, 3))
        for limit in (1000, 3, 1):
            for text in QUERIES:
                with self.subTest(text=text, limit=limit), mock.patch("complaints.search.MAX_RANKED", limit):
                    results, capped = complaint_search(Complaint.objects.all(), text)
                    self.assertEqual((list(results.values_list("id", flat=True)), capped), self.before(text, limit))
        # The dataset tells the cases apart: words found through notes only, a negation that
        # drops a complaint because of its note, a phrase across text and note.
        self.assertEqual(len(self.before("warmhoudkast", 1000)[0]), 2)
        self.assertEqual(len(self.before("sluiting", 1000)[0]), 6)
        self.assertEqual(len(self.before("sluiting -overleg", 1000)[0]), 4)
        self.assertEqual(len(self.before('"sluiting overleg"', 1000)[0]), 2)
        self.assertTrue(self.before("sluiting", 3)[1])

    def test_the_index_answers_the_match(self):
        with CaptureQueriesContext(connection) as captured:
            complaint_search(Complaint.objects.all(), "warmhoudkast")
        newest = captured.captured_queries[0]["sql"]  # the newest matches, before they are ranked
        self.assertIn("coalesce(complaints_complaint.search_vector || complaints_complaint.notes_vector", newest)
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")  # not the primary key's walk
            cursor.execute(f"EXPLAIN {newest}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        self.assertIn("Bitmap Index Scan on complaint_search_idx", plan)
        with connection.cursor() as cursor:  # the vector stays in the row the walk reads (migration 0022)
            cursor.execute(
                "SELECT attstorage FROM pg_attribute WHERE attrelid = 'complaints_complaint'::regclass "
                "AND attname = 'search_vector'"
            )
            self.assertEqual(cursor.fetchone(), ("m",))

    def test_the_ranked_complaints_can_be_read_as_a_subquery_and_exported(self):
        # The ids are one array parameter on PostgreSQL (complaints.search._IdAmong): the column it
        # names must follow the table's alias when the search is a subquery of another query.
        results, _ = complaint_search(Complaint.objects.all(), "sluiting")
        expected = set(results.values_list("reference", flat=True))
        self.assertEqual(len(expected), 6)
        outer = Complaint.objects.filter(pk__in=results.values("pk")).values_list("reference", flat=True)
        self.assertEqual(set(outer), expected)
        self.assertEqual(results.order_by().values("pk")[:10001].count(), 6)  # the list's count
        self.assertEqual(results.filter(description__icontains="groep").count(), 2)
        self.client.force_login(self.coordinator)
        response = self.client.get(reverse("staff:complaint_export_csv"), {"zoek": "sluiting"})
        exported = "".join(part.decode() for part in response.streaming_content)
        self.assertEqual({ref for ref in expected if ref in exported}, expected)
        self.assertEqual(exported.count("\n"), 1 + len(expected))

    def test_nothing_found_reads_nothing_more(self):
        with self.assertNumQueries(1):  # the newest matches: none, so no list of ids to read
            results, capped = complaint_search(Complaint.objects.all(), "nergens")
            self.assertEqual((list(results), capped), ([], False))

    def test_the_list_shows_the_searchs_order_and_picks_its_page_before_joining(self):
        results, _ = complaint_search(Complaint.objects.all(), "sluiting")
        expected = list(results.values_list("reference", flat=True))
        self.client.force_login(self.coordinator)
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(reverse("staff:complaint_list"), {"zoek": "sluiting"})
        self.assertEqual([complaint.reference for complaint in response.context["page"].object_list], expected)
        if connection.vendor == "postgresql":
            # The rank names the subquery's own table: the page's ids are ranked without joins.
            self.assertTrue(any('ts_rank("U0".search_vector' in query["sql"] for query in captured.captured_queries))

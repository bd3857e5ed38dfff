"""The complaint's one search vector (migration 0017): its internal notes are part of it and
stay right when a note is added, changed, moved or deleted and when the complaint's text is
edited; the ranking is the figure it was before the notes were folded in; the search costs
two queries, with no UNION."""

from django.db import connection

from complaints.models import Complaint, InternalNote
from complaints.search import complaint_search, search_rank
from complaints.services import note_add
from config.testing import BaseTestCase, register


def found(text: str) -> list[str]:
    results, _ = complaint_search(Complaint.objects.all(), text)
    return list(results.values_list("reference", flat=True))


class SearchVectorTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.soup = register(location=cls.oceaan, description="De soep was koud bij de lunch.")
        cls.gate = register(location=cls.oceaan, description="Het hek van de speelplaats stond open.")

    def test_a_changed_note_is_found_by_its_new_text_only(self):
        note = note_add(complaint=self.soup, text="Kok gesproken over de warmhoudkast.", actor=self.coordinator)
        self.assertEqual(found("warmhoudkast"), [self.soup.reference])
        # Notes have no edit screen; the admin or a data fix could still change one.
        InternalNote.objects.filter(pk=note.pk).update(text="Thermometer aangeschaft.")
        self.assertEqual(found("warmhoudkast"), [])
        self.assertEqual(found("thermometer"), [self.soup.reference])

    def test_a_note_moved_or_deleted_leaves_no_trace_in_its_old_complaint(self):
        note = note_add(complaint=self.soup, text="Zie ook de melding over de slagboom.", actor=self.coordinator)
        InternalNote.objects.filter(pk=note.pk).update(complaint=self.gate)
        self.assertEqual(found("slagboom"), [self.gate.reference])
        InternalNote.objects.filter(pk=note.pk).delete()
        self.assertEqual(found("slagboom"), [])
        # The complaints' own words are still found.
        self.assertEqual(found("soep"), [self.soup.reference])
        self.assertEqual(found("speelplaats"), [self.gate.reference])

    def test_an_edited_description_is_found_by_its_new_words_with_its_notes(self):
        note_add(complaint=self.soup, text="Leverancier gebeld.", actor=self.coordinator)
        complaint = Complaint.objects.get(pk=self.soup.pk)
        complaint.description = "Het brood was oud."
        complaint.save()
        self.assertEqual(found("brood"), [self.soup.reference])
        self.assertEqual(found("soep"), [])
        self.assertEqual(found("leverancier"), [self.soup.reference])

    def test_notes_count_for_finding_not_for_ranking(self):
        if connection.vendor != "postgresql":
            self.skipTest("the ranking of PostgreSQL's vector; SQLite ranks with FTS5's bm25 as before")
        first = register(location=self.oceaan, description="Sluiting van de groep, weer een sluiting.")
        second = register(location=self.oceaan, description="Korte sluiting.")
        for _ in range(3):
            note_add(complaint=second, text="Sluiting sluiting sluiting besproken.", actor=self.coordinator)
        third = register(location=self.oceaan, description="Koude lunch.")
        note_add(complaint=third, text="Niets met een sluiting te maken.", actor=self.coordinator)
        for text in ("sluiting", "sluiting groep", '"korte sluiting"', "sluiting -lunch"):
            with self.subTest(text=text):
                results, _ = complaint_search(Complaint.objects.all(), text)
                ranks = dict(results.annotate(rank=search_rank(text)).values_list("id", "rank"))
                # The rank of the vector as it was before the notes were folded in (migration 0005).
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT id, ts_rank(setweight(to_tsvector('dutch', description), 'A') || "
                        "setweight(to_tsvector('dutch', solution), 'B'), websearch_to_tsquery('dutch', %s)) "
                        "FROM complaints_complaint WHERE id = ANY(%s)",
                        [text, list(ranks)],
                    )
                    before = dict(cursor.fetchall())
                self.assertTrue(ranks)
                self.assertEqual(ranks, before)
        # The complaint found through its note alone is found, and ranks below those found by their text.
        ranked = found("sluiting")
        self.assertEqual(set(ranked), {first.reference, second.reference, third.reference})
        self.assertEqual(ranked[-1], third.reference)

    def test_a_search_costs_two_queries(self):
        with self.assertNumQueries(2) as captured:  # the newest matching ids, then those ranked
            results, _ = complaint_search(Complaint.objects.all(), "speelplaats")
            self.assertEqual(list(results), [self.gate])
        if connection.vendor == "postgresql":
            self.assertNotIn("UNION", " ".join(query["sql"] for query in captured.captured_queries))

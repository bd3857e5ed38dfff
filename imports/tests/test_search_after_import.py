"""The bulk import writes the full-text index of its complaints without the per-row trigger on
SQLite (``complaints.search.search_index_deferred``): what it imports is found by the staff
search exactly as a complaint registered one by one, and the trigger is back afterwards,
also after a dry run or a refused file. On PostgreSQL the insert trigger of complaints
migration 0017 fills ``search_vector`` as the COPY writes each row: the same tests hold, no
vector is left empty, and notes added later are found."""

from django.db import connection

from accounts.models import Role
from complaints.models import Complaint
from complaints.search import complaint_search, search_index_deferred
from complaints.services import note_add
from config.testing import make_user, register
from imports.services import AnnualReportImportError
from imports.tests.test_strict_import import ImportTestCase, report, row
from organisation.models import Location


def insert_trigger_present() -> bool:
    if connection.vendor != "sqlite":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'complaint_fts_insert'")
        return cursor.fetchone()[0] == 1


def empty_vectors() -> int:
    """Complaints without a search vector (PostgreSQL); 0 on SQLite, whose FTS5 rows the tests
    above check through the search itself."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM complaints_complaint WHERE search_vector IS NULL")
        return cursor.fetchone()[0]


def found(text: str) -> list[str]:
    results, _ = complaint_search(Complaint.objects.all(), text)
    return sorted(results.values_list("reference", flat=True))


class SearchAfterImportTests(ImportTestCase):
    def test_imported_complaints_are_found_and_later_ones_too(self):
        rows = [
            row(description="<p>Ouder meldt dat de boterhammen beschimmeld waren.</p>", solution="Leverancier gebeld."),
            row(location="KDV Maan", description="<p>De groep ging een uur te laat open.</p>"),
        ]
        self.run_import(self.write(report(*rows)))

        self.assertEqual(found("beschimmeld"), ["K2025-00001"])
        self.assertEqual(found("leverancier"), ["K2025-00001"])
        self.assertEqual(found("laat open"), ["K2025-00002"])
        self.assertTrue(insert_trigger_present())
        # The trigger that was set aside for the import indexes the next complaint again.
        location = Location.objects.get(name="KDV Zon")
        registered = register(location=location, description="Het hek van de speelplaats stond open.")
        self.assertEqual(found("speelplaats"), [registered.reference])

    def test_a_dry_run_and_a_refused_file_leave_the_index_and_the_trigger_as_they_were(self):
        self.run_import(self.write(report(row(description="<p>Koude soep.</p>"))), dry_run=True)
        self.assertEqual(found("soep"), [])
        self.assertTrue(insert_trigger_present())

        with self.assertRaises(AnnualReportImportError):
            self.run_import(self.write(report(row(), row(label="Onbekend B.V."))))
        self.assertTrue(insert_trigger_present())
        self.assertFalse(Complaint.objects.exists())

    def test_complaints_registered_inside_the_deferred_block_are_indexed_at_its_end(self):
        self.run_import(self.write(report(row())))
        location = Location.objects.get(name="KDV Zon")
        with search_index_deferred():
            self.assertEqual(connection.vendor != "sqlite", insert_trigger_present())
            inside = register(location=location, description="De parkeerplaats was afgesloten.")
        self.assertTrue(insert_trigger_present())
        self.assertEqual(found("parkeerplaats"), [inside.reference])

    def test_every_imported_complaint_has_its_vector_and_so_has_a_later_one(self):
        self.run_import(
            self.write(report(*[row(description=f"<p>Melding {n} over de sluiting.</p>") for n in range(5)]))
        )
        self.assertEqual(Complaint.objects.count(), 5)
        self.assertEqual(empty_vectors(), 0)
        self.assertEqual(len(found("sluiting")), 5)
        registered = register(location=Location.objects.get(name="KDV Zon"), description="Een losse tegel.")
        self.assertEqual(empty_vectors(), 0)
        self.assertEqual(found("tegel"), [registered.reference])

    def test_a_note_added_after_the_import_is_found_and_its_complaint_only(self):
        self.run_import(self.write(report(row(description="<p>Koude soep.</p>"), row(description="<p>Te laat.</p>"))))
        coordinator = make_user("coordinator", Role.COORDINATOR)
        first = Complaint.objects.get(reference="K2025-00001")
        self.assertEqual(found("warmhoudkast"), [])
        note_add(complaint=first, text="Kok gesproken over de warmhoudkast.", actor=coordinator)
        note_add(complaint=first, text="Leverancier gebeld over de pannen.", actor=coordinator)
        self.assertEqual(found("warmhoudkast"), ["K2025-00001"])
        self.assertEqual(found("pannen"), ["K2025-00001"])
        # The complaint's own text is still found next to its notes.
        self.assertEqual(found("soep"), ["K2025-00001"])

    def test_a_complaint_changed_by_a_new_import_is_found_by_its_new_text_with_its_notes(self):
        self.run_import(self.write(report(row(description="<p>De boterhammen waren beschimmeld.</p>"))))
        coordinator = make_user("coordinator", Role.COORDINATOR)
        note_add(complaint=Complaint.objects.get(), text="Leverancier gewisseld.", actor=coordinator)
        self.run_import(self.write(report(row(description="<p>Het fruit was bedorven.</p>"))))
        self.assertEqual(found("bedorven"), ["K2025-00001"])
        self.assertEqual(found("beschimmeld"), [])
        self.assertEqual(found("leverancier"), ["K2025-00001"])
        self.assertEqual(empty_vectors(), 0)

"""The bulk import writes the full-text index of its complaints without the per-row trigger on
SQLite (``complaints.search.search_index_deferred``): what it imports is found by the staff
search exactly as a complaint registered one by one, and the trigger is back afterwards,
also after a dry run or a refused file. On PostgreSQL the same tests hold through the
generated column."""

from django.db import connection

from complaints.models import Complaint
from complaints.search import complaint_search, search_index_deferred
from config.testing import register
from imports.services import AnnualReportImportError
from imports.tests.test_strict_import import ImportTestCase, report, row
from organisation.models import Location


def insert_trigger_present() -> bool:
    if connection.vendor != "sqlite":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'complaint_fts_insert'")
        return cursor.fetchone()[0] == 1


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

"""PostgreSQL: the search index on ``coalesce(search_vector || notes_vector, search_vector)``.

The same vector as migration 0020's ``search_vector || coalesce(notes_vector, '')`` (a complaint
without notes has a NULL ``notes_vector``; ``search_vector || ''`` equals ``search_vector``), but
a complaint without notes is tested without building a concatenated vector. A search for a common
word walks the primary key backwards and tests every complaint it passes until it has the newest
1,001 matches (16,570 complaints for "sluiting" at a million): the concatenation was half of that
walk (about 26 ms against 13 ms). ``complaints.search`` names this expression exactly, so a rare
word is still found through the index.

``search_vector`` is also stored MAIN (kept in the row) instead of EXTENDED: a complaint row over
~2 KB had its largest value moved to the TOAST table, and that was often the vector (up to ~1.4 KB),
so the walk fetched it from there for about 8% of the complaints (7,316 buffer reads against 3,941
for 30,000 copied rows; 12.5 -> 10.4 ms). Now the long texts are compressed or moved there first;
for rows written from now on (existing rows keep their place until they are rewritten).

The table is analysed afterwards: the planner's estimate of how many complaints match a word
(which decides between walking the newest complaints and reading the index) comes from the
statistics of the index's expression. About 30 s at a million complaints (the table is locked
for writes meanwhile)."""

from django.db import migrations

NEW_INDEX = (
    "CREATE INDEX complaint_search_idx ON complaints_complaint "
    "USING gin ((coalesce(search_vector || notes_vector, search_vector)))"
)
OLD_INDEX = (
    "CREATE INDEX complaint_search_idx ON complaints_complaint "
    "USING gin ((search_vector || coalesce(notes_vector, ''::tsvector)))"
)


def _rebuild(index: str, storage: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"ALTER TABLE complaints_complaint ALTER COLUMN search_vector SET STORAGE {storage}")
        schema_editor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        schema_editor.execute("DROP INDEX IF EXISTS complaint_search_idx")
        schema_editor.execute(index)
        schema_editor.execute("ANALYZE complaints_complaint")

    return run


class Migration(migrations.Migration):
    dependencies = [("complaints", "0021_i18n_staff_english_index")]
    operations = [migrations.RunPython(_rebuild(NEW_INDEX, "MAIN"), _rebuild(OLD_INDEX, "EXTENDED"))]

"""PostgreSQL: the internal notes folded into the complaint's own search index.

Before, a search was ``id IN (complaints UNION notes)`` over two GIN indexes (the complaint's
generated ``search_vector`` and each note's own vector), which built the whole match set
(85,000 rows for a common word at a million complaints, 1.8 s) before the newest could be
picked. Now each complaint also holds ``notes_vector`` (all its notes, ``dutch``; NULL without
notes), kept by a trigger on every insert, change, move and delete of a note, and one GIN index
on ``search_vector || coalesce(notes_vector, '')`` answers; ``complaints.search`` matches that
expression and ranks by ``search_vector`` alone, exactly as before.

``search_vector`` stays a generated column: a new or edited complaint gets it as before, also in
the import's COPY. Making it an ordinary column filled by a trigger cost the 100,000-row import
about 4 s more server CPU (34 → 38 s), and leaving it empty during the load and filling it
with one UPDATE afterwards cost 13 s more (the UPDATE writes a second row version and an
entry in every one of the table's indexes). A RUM index (matches ordered by id inside the
index) was also measured and left out: 686 MB against 125 MB, slower for a common word (it
sorts all matches: 111 ms against 32 ms walking the primary key backwards) and five times the
import's server work.

SQLite keeps its FTS5 table (0005), now also rewritten when a note is changed or deleted."""

from django.db import migrations

SEARCH_INDEX = (
    "CREATE INDEX complaint_search_idx ON complaints_complaint "
    "USING gin ((search_vector || coalesce(notes_vector, ''::tsvector)))"
)

NOTE_TRIGGER_FUNCTION = """
CREATE OR REPLACE FUNCTION internalnote_search_vector_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE complaints_complaint c SET notes_vector = (
        SELECT to_tsvector('dutch'::regconfig, string_agg(n.text, ' ' ORDER BY n.id))
        FROM complaints_internalnote n WHERE n.complaint_id = c.id)
    WHERE c.id IN (CASE WHEN TG_OP <> 'DELETE' THEN NEW.complaint_id END,
                   CASE WHEN TG_OP <> 'INSERT' THEN OLD.complaint_id END);
    RETURN NULL;
END $$"""

POSTGRES_FORWARD = [
    "ALTER TABLE complaints_complaint ADD COLUMN notes_vector tsvector",
    """UPDATE complaints_complaint c SET notes_vector = notes.vector FROM (
        SELECT complaint_id, to_tsvector('dutch'::regconfig, string_agg(text, ' ' ORDER BY id)) AS vector
        FROM complaints_internalnote GROUP BY complaint_id) notes
       WHERE notes.complaint_id = c.id""",
    "DROP INDEX IF EXISTS complaint_search_idx",
    SEARCH_INDEX,
    NOTE_TRIGGER_FUNCTION,
    """CREATE TRIGGER internalnote_search_vector AFTER INSERT OR DELETE OR UPDATE OF text, complaint_id
        ON complaints_internalnote FOR EACH ROW EXECUTE FUNCTION internalnote_search_vector_refresh()""",
    # Also under session_replication_role = replica (the demo generator's COPY sets it).
    "ALTER TABLE complaints_internalnote ENABLE ALWAYS TRIGGER internalnote_search_vector",
    "DROP INDEX IF EXISTS internalnote_search_idx",
    "ALTER TABLE complaints_internalnote DROP COLUMN IF EXISTS search_vector",
]

POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS internalnote_search_vector ON complaints_internalnote",
    "DROP FUNCTION IF EXISTS internalnote_search_vector_refresh()",
    "DROP INDEX IF EXISTS complaint_search_idx",
    "ALTER TABLE complaints_complaint DROP COLUMN IF EXISTS notes_vector",
    "CREATE INDEX complaint_search_idx ON complaints_complaint USING gin (search_vector)",
    """ALTER TABLE complaints_internalnote ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('dutch', coalesce(text, ''))) STORED""",
    "CREATE INDEX internalnote_search_idx ON complaints_internalnote USING gin (search_vector)",
]

# SQLite: a note changed or deleted (no screen does either, the admin or a data fix could)
# rewrites its complaint's notes in the FTS5 table, as PostgreSQL's trigger does.
_SQLITE_NOTES = """UPDATE complaint_fts SET notes = coalesce(
        (SELECT group_concat(n.text, ' ') FROM complaints_internalnote n WHERE n.complaint_id = {ref}.complaint_id), '')
    WHERE rowid = {ref}.complaint_id;"""
SQLITE_FORWARD = [
    f"""CREATE TRIGGER complaint_fts_note_update AFTER UPDATE OF text, complaint_id ON complaints_internalnote BEGIN
        {_SQLITE_NOTES.format(ref="old")}
        {_SQLITE_NOTES.format(ref="new")}
    END""",
    f"""CREATE TRIGGER complaint_fts_note_delete AFTER DELETE ON complaints_internalnote BEGIN
        {_SQLITE_NOTES.format(ref="old")}
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS complaint_fts_note_delete",
    "DROP TRIGGER IF EXISTS complaint_fts_note_update",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("complaints", "0019_perf_pages_complainant_contact_indexes")]
    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]

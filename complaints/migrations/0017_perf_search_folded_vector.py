"""PostgreSQL: one search vector per complaint, its internal notes folded in.

Before, the description and solution were a generated ``tsvector`` column and each note had
its own; a search was ``id IN (complaints UNION notes)``, which built the whole match set
(85,000 rows for a common word at a million complaints) before the newest could be picked.
Now ``complaints_complaint.search_vector`` is an ordinary column holding description
(weight A), solution (B) and the notes (D), kept right by triggers on every write to the
complaint and its notes, so one index answers. The ranking reads weights A and B only
(``complaints.search``), as it read the old column. The bulk import computes it on insert, as
the generated column did: leaving it empty and filling it with one UPDATE after the load was
measured and cost more (an UPDATE of the indexed column writes a second row version and an
entry in each of the table's 21 indexes; server CPU for 100,000 rows 35 s → 48 s).

The GIN index on the column stays. A RUM index (ordering the matches by id inside the index)
was tried and left out: at a million complaints it was 686 MB against GIN's 125 MB, slower for
a common word (111 ms, sorting all 85,000 matches, against 32 ms walking the primary key
backwards) and it made the 100,000-row import's server work five times as large.
SQLite keeps its FTS5 table (0005), now also rewritten when a note is changed or deleted."""

from django.db import migrations

VECTOR_FUNCTION = """
CREATE OR REPLACE FUNCTION complaint_search_vector(complaint bigint, description text, solution text)
RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector('dutch'::regconfig, coalesce(description, '')), 'A')
        || setweight(to_tsvector('dutch'::regconfig, coalesce(solution, '')), 'B')
        || setweight(to_tsvector('dutch'::regconfig, coalesce(
               (SELECT string_agg(n.text, ' ' ORDER BY n.id) FROM complaints_internalnote n
                WHERE n.complaint_id = complaint), '')), 'D')
$$"""

# A new complaint has no notes yet: the generated column's expression, without the notes' lookup.
# An edit recomputes the vector only when a text changed.
COMPLAINT_TRIGGER_FUNCTION = """
CREATE OR REPLACE FUNCTION complaint_search_vector_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.search_vector := setweight(to_tsvector('dutch'::regconfig, coalesce(NEW.description, '')), 'A')
            || setweight(to_tsvector('dutch'::regconfig, coalesce(NEW.solution, '')), 'B');
    ELSIF NEW.description IS DISTINCT FROM OLD.description OR NEW.solution IS DISTINCT FROM OLD.solution
            OR NEW.search_vector IS NULL THEN
        NEW.search_vector := complaint_search_vector(NEW.id, NEW.description, NEW.solution);
    END IF;
    RETURN NEW;
END $$"""

NOTE_TRIGGER_FUNCTION = """
CREATE OR REPLACE FUNCTION internalnote_search_vector_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE complaints_complaint c SET search_vector = complaint_search_vector(c.id, c.description, c.solution)
    WHERE c.id IN (CASE WHEN TG_OP <> 'DELETE' THEN NEW.complaint_id END,
                   CASE WHEN TG_OP <> 'INSERT' THEN OLD.complaint_id END);
    RETURN NULL;
END $$"""

POSTGRES_FORWARD = [
    # Keeps every stored vector: the column becomes ordinary, nothing is recomputed.
    "ALTER TABLE complaints_complaint ALTER COLUMN search_vector DROP EXPRESSION",
    VECTOR_FUNCTION,
    COMPLAINT_TRIGGER_FUNCTION,
    NOTE_TRIGGER_FUNCTION,
    """CREATE TRIGGER complaint_search_vector BEFORE INSERT OR UPDATE OF description, solution, search_vector
        ON complaints_complaint FOR EACH ROW EXECUTE FUNCTION complaint_search_vector_fill()""",
    """CREATE TRIGGER internalnote_search_vector AFTER INSERT OR DELETE OR UPDATE OF text, complaint_id
        ON complaints_internalnote FOR EACH ROW EXECUTE FUNCTION internalnote_search_vector_refresh()""",
    # Also under session_replication_role = replica, which the demo data generator's COPY sets to
    # skip the foreign-key checks: the vector must be there as the generated column's was.
    "ALTER TABLE complaints_complaint ENABLE ALWAYS TRIGGER complaint_search_vector",
    "ALTER TABLE complaints_internalnote ENABLE ALWAYS TRIGGER internalnote_search_vector",
    # Only complaints with notes change.
    """UPDATE complaints_complaint c SET search_vector = complaint_search_vector(c.id, c.description, c.solution)
        WHERE EXISTS (SELECT 1 FROM complaints_internalnote n WHERE n.complaint_id = c.id)""",
    "DROP INDEX IF EXISTS internalnote_search_idx",
    "ALTER TABLE complaints_internalnote DROP COLUMN IF EXISTS search_vector",
]

POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS internalnote_search_vector ON complaints_internalnote",
    "DROP TRIGGER IF EXISTS complaint_search_vector ON complaints_complaint",
    "DROP FUNCTION IF EXISTS internalnote_search_vector_refresh()",
    "DROP FUNCTION IF EXISTS complaint_search_vector_fill()",
    "DROP FUNCTION IF EXISTS complaint_search_vector(bigint, text, text)",
    "DROP INDEX IF EXISTS complaint_search_idx",
    "ALTER TABLE complaints_complaint DROP COLUMN search_vector",
    """ALTER TABLE complaints_complaint ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('dutch', coalesce(description, '')), 'A') ||
        setweight(to_tsvector('dutch', coalesce(solution, '')), 'B')) STORED""",
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


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in POSTGRES_FORWARD:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement)
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in POSTGRES_BACKWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0017_improvement_changed_event")]
    operations = [migrations.RunPython(forward, backward)]

"""Full-text search over description, solution and internal notes.

PostgreSQL: generated tsvector columns with the ``dutch`` configuration
(stemming) and GIN indexes. SQLite: an FTS5 table kept in step by triggers
(no Dutch stemming; the search matches word prefixes instead). The columns are
not on the Django models: complaints/search.py is the only code that reads them."""

from django.db import migrations

POSTGRES_FORWARD = [
    """ALTER TABLE complaints_complaint ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('dutch', coalesce(description, '')), 'A') ||
        setweight(to_tsvector('dutch', coalesce(solution, '')), 'B')) STORED""",
    "CREATE INDEX complaint_search_idx ON complaints_complaint USING gin (search_vector)",
    """ALTER TABLE complaints_internalnote ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('dutch', coalesce(text, ''))) STORED""",
    "CREATE INDEX internalnote_search_idx ON complaints_internalnote USING gin (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS internalnote_search_idx",
    "ALTER TABLE complaints_internalnote DROP COLUMN IF EXISTS search_vector",
    "DROP INDEX IF EXISTS complaint_search_idx",
    "ALTER TABLE complaints_complaint DROP COLUMN IF EXISTS search_vector",
]
SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE complaint_fts USING fts5(
        description, solution, notes, tokenize = 'unicode61 remove_diacritics 2')""",
    """INSERT INTO complaint_fts (rowid, description, solution, notes)
        SELECT c.id, c.description, c.solution,
               coalesce((SELECT group_concat(n.text, ' ') FROM complaints_internalnote n WHERE n.complaint_id = c.id), '')
        FROM complaints_complaint c""",
    """CREATE TRIGGER complaint_fts_insert AFTER INSERT ON complaints_complaint BEGIN
        INSERT INTO complaint_fts (rowid, description, solution, notes) VALUES (new.id, new.description, new.solution, '');
    END""",
    """CREATE TRIGGER complaint_fts_update AFTER UPDATE OF description, solution ON complaints_complaint BEGIN
        UPDATE complaint_fts SET description = new.description, solution = new.solution WHERE rowid = new.id;
    END""",
    """CREATE TRIGGER complaint_fts_delete AFTER DELETE ON complaints_complaint BEGIN
        DELETE FROM complaint_fts WHERE rowid = old.id;
    END""",
    """CREATE TRIGGER complaint_fts_note AFTER INSERT ON complaints_internalnote BEGIN
        UPDATE complaint_fts SET notes = notes || ' ' || new.text WHERE rowid = new.complaint_id;
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS complaint_fts_note",
    "DROP TRIGGER IF EXISTS complaint_fts_delete",
    "DROP TRIGGER IF EXISTS complaint_fts_update",
    "DROP TRIGGER IF EXISTS complaint_fts_insert",
    "DROP TABLE IF EXISTS complaint_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor, [])
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("complaints", "0004_complaint_forwarded_at")]
    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]

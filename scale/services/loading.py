"""Where generated rows go. On PostgreSQL every chunk is streamed with COPY
(foreign-key triggers skipped, secondary indexes dropped for a big load and
built once at the end); elsewhere rows go through ``bulk_create`` (small counts
and tests). Afterwards the counters and sequences continue after the new rows."""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection, models
from django.db.models import Max

from complaints.models import Complainant, Complaint, ComplaintEvent, ContactMoment, ReferenceCounter
from notifications.models import OutboundEmail

# Loaded with COPY, parents before children.
LOADED = (Complaint, Complainant, ComplaintEvent, ContactMoment, OutboundEmail)


@dataclass
class Sink:
    """Where rows go: ``flush`` gets {model: [row dicts]} per chunk."""

    flush: Callable[[dict[type[models.Model], list[dict]]], None]


def sink_for_connection() -> Sink:
    return postgres_sink() if connection.vendor == "postgresql" else orm_sink()


def next_id(model: type[models.Model]) -> int:
    return (model.objects.aggregate(top=Max("id"))["top"] or 0) + 1


def counters_save(counters: dict[int, int]) -> None:
    for year, last in counters.items():
        if last:
            ReferenceCounter.objects.update_or_create(year=year, defaults={"last": last})


def sequences_reset() -> None:
    with connection.cursor() as cursor:
        for model in LOADED:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"GREATEST((SELECT COALESCE(MAX(id), 1) FROM {table}), "
                f"(SELECT last_value FROM {table}_id_seq)))"
            )


def analyze() -> None:
    # VACUUM also sets the visibility map (index-only scans); it cannot run in a transaction (tests).
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
    with connection.cursor() as cursor:
        for model in LOADED:
            cursor.execute(f"{command} {model._meta.db_table}")
        # And every other table (the organisation and staff made here, the seed import's): on a
        # server without autovacuum, as the bench's, they had no statistics at all, and a location
        # manager's list was planned for 90 locations and 252 users instead of 750 and 2,000.
        loaded = {model._meta.db_table for model in LOADED}
        for table in connection.introspection.table_names(cursor):
            if table not in loaded:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def orm_sink() -> Sink:
    def flush(tables: dict[type[models.Model], list[dict]]) -> None:
        for model, rows in tables.items():
            model.objects.bulk_create([model(**row) for row in rows], batch_size=500)

    return Sink(flush)


def postgres_sink() -> Sink:
    """COPY every chunk. Secondary indexes are dropped for a big load and built
    again once at the end (inside the same transaction), which is several times
    faster than maintaining them row by row."""
    plans = {}
    for model in LOADED:
        fields = list(model._meta.concrete_fields)
        json_columns = {f.attname for f in fields if isinstance(f, models.JSONField)}
        columns = [f.attname for f in fields]
        quoted = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        sql = f"COPY {model._meta.db_table} ({quoted}) FROM STDIN"
        plans[model] = (columns, json_columns, sql)

    def flush(tables: dict[type[models.Model], list[dict]]) -> None:
        raw = connection.connection  # the psycopg connection behind Django's
        with raw.cursor() as cursor:
            for model, rows in tables.items():
                columns, json_columns, sql = plans[model]
                with cursor.copy(sql) as copy:
                    for row in rows:
                        copy.write_row([json.dumps(row[c]) if c in json_columns else row[c] for c in columns])

    return Sink(flush)


def prepare_postgres(*, big: bool) -> list[str]:
    """Skip the per-row foreign-key triggers (every id is made here, parents are
    written first) when allowed, and drop secondary indexes for a big load."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if cursor.fetchone()[0]:
            cursor.execute("SET LOCAL session_replication_role = replica")
    if not big:
        return []
    return drop_secondary_indexes(LOADED)


def drop_secondary_indexes(models_: Iterable[type[models.Model]]) -> list[str]:
    """Drop indexes that back no constraint; return their definitions."""
    tables = [m._meta.db_table for m in models_]
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x
               JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
               WHERE t.relname = ANY(%s)
                 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)""",
            [tables],
        )
        found = cursor.fetchall()
        for name, _definition in found:
            cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in found]


def restore_indexes(definitions: list[str]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for definition in definitions:
            cursor.execute(definition)

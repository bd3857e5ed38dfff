"""Staff full-text search over a complaint's description, solution and
internal notes, on top of any (already scoped) complaint queryset.

PostgreSQL uses the ``dutch`` text search configuration, so "sluitingen"
finds "sluiting"; SQLite uses FTS5 and matches word prefixes. Matching words
come back highlighted; the highlighting is built from escaped text only."""

import re
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.db.models import BooleanField, F, FloatField, Q, QuerySet
from django.db.models.expressions import Expression, RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from complaints.models import Complaint

_START, _STOP = "\x01", "\x02"
MAX_QUERY_LENGTH = 200

# One index per complaint (migrations 0020 and 0022): its generated ``search_vector``
# (description A, solution B) and ``notes_vector`` (its internal notes, NULL without notes)
# concatenated; the match names the index's expression exactly, or the index is not used. A
# complaint without notes is tested on ``search_vector`` itself (``coalesce`` of the NULL
# concatenation): the same vector, without building a new one for each complaint the search
# for a common word walks past (half the walk's time). The rank reads ``search_vector`` alone,
# as before the notes were folded in: a note makes a complaint found, not ranked higher.
_PG_MATCH = (
    "coalesce(complaints_complaint.search_vector || complaints_complaint.notes_vector, "
    "complaints_complaint.search_vector) @@ websearch_to_tsquery('dutch', %s)"
)
# The rank's table is the complaint's own alias ({table}): the list reads a search page's ids in
# a subquery (staff.views.lists.page_complaints), where the complaint table is "U0".
_PG_RANK = "ts_rank({table}.search_vector, websearch_to_tsquery('dutch', %s))"
_SQLITE_MATCH = "complaints_complaint.id IN (SELECT rowid FROM complaint_fts WHERE complaint_fts MATCH %s)"
_SQLITE_RANK = (
    "(SELECT -bm25(complaint_fts, 4.0, 2.0, 1.0) FROM complaint_fts "
    "WHERE complaint_fts MATCH %s AND complaint_fts.rowid = {table}.id)"
)


def normalise_query(text: str) -> str:
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def _fts5_query(text: str) -> str:
    # Every word as a quoted prefix term: no FTS5 syntax from the user reaches MATCH.
    words = re.findall(r"\w+", text)
    return " ".join(f'"{word}"*' for word in words)


# Ranking reads every match's text: for a word found in a large share of a
# million complaints that takes seconds. Only the newest matches are ranked.
MAX_RANKED = 1000


def complaint_search(queryset: QuerySet[Complaint], text: str) -> tuple[QuerySet[Complaint], bool]:
    """Complaints of ``queryset`` matching ``text``, best match first, and
    whether there were more than ``MAX_RANKED`` matches (then only the newest
    ``MAX_RANKED`` are returned)."""
    text = normalise_query(text)
    if connection.vendor == "postgresql":
        match = RawSQL(_PG_MATCH, [text], output_field=BooleanField())
        rank = search_rank(text)
    else:
        fts = _fts5_query(text)
        if not fts:
            return queryset.none(), False
        match = RawSQL(_SQLITE_MATCH, [fts], output_field=BooleanField())
        rank = _OnComplaint(_SQLITE_RANK, [fts], output_field=FloatField())
    newest = list(queryset.filter(match).order_by("-id").values_list("id", flat=True)[: MAX_RANKED + 1])
    capped = len(newest) > MAX_RANKED
    ids = newest[:MAX_RANKED]
    if connection.vendor == "postgresql" and ids:
        # The array as its text: psycopg adapts a list of 1,000 ints in Python, ~1.5 ms per query.
        array = "{" + ",".join(map(str, ids)) + "}"
        among = _OnComplaint("{table}.id = ANY(%s::bigint[])", [array], output_field=BooleanField())
    else:
        among = Q(id__in=ids)
    # Ordered by the rank, not annotated with it: the list then picks a page's 50 ids among the
    # (at most 1,000) ranked ones before joining what its rows show (page_complaints); joined
    # first, PostgreSQL joined and sorted all 1,000 ("sluiting" at a million: 6.0-8.6 ms against 3.7-5.2).
    return queryset.filter(among).order_by(rank.desc(), "-id"), capped


def search_rank(text: str) -> "_OnComplaint":
    """The rank ``complaint_search`` orders by on PostgreSQL (to annotate where it is read)."""
    return _OnComplaint(_PG_RANK, [normalise_query(text)], output_field=FloatField())


class _OnComplaint(Expression):
    """SQL on the complaint's own columns, written with ``{table}`` for the complaint table's
    alias in the query it ends up in (RawSQL's fixed table name would name the outer query's
    table from inside a subquery).

    The ranked ids go to PostgreSQL as one array parameter, ``id = ANY(%s::bigint[])``: as ``id IN (%s,
    %s, …)`` Django prepared 1,000 parameters and psycopg split a query text of 1,000
    placeholders (too long to be cached) for every query reading them, ~5.7 ms of the web
    process's CPU per search page; PostgreSQL makes the IN list the same ``= ANY`` of a constant
    array, so the plan is the same."""

    def __init__(self, sql: str, params: list, output_field) -> None:
        super().__init__(output_field=output_field)
        self.sql, self.params, self.column = sql, params, F("id")

    def get_source_expressions(self) -> list:
        return [self.column]

    def set_source_expressions(self, expressions: list) -> None:
        (self.column,) = expressions

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        resolved = self.copy()
        resolved.column = self.column.resolve_expression(query, allow_joins, reuse, summarize, for_save)
        return resolved

    def as_sql(self, compiler, connection) -> tuple[str, tuple]:
        column, params = compiler.compile(self.column)  # "alias"."id"
        table = column.rsplit(".", 1)[0]
        return self.sql.format(table=table), (*params, *self.params)


def _marked(fragment: str) -> SafeString:
    return mark_safe(escape(fragment).replace(_START, "<mark>").replace(_STOP, "</mark>"))


def search_highlights(complaint_ids: list[int], text: str) -> dict[int, SafeString]:
    """A short fragment per complaint with the matching words in <mark>."""
    text = normalise_query(text)
    if not complaint_ids or not text:
        return {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            options = f"StartSel={_START}, StopSel={_STOP}, MaxFragments=2, MaxWords=18, MinWords=6"
            cursor.execute(
                "SELECT id, ts_headline('dutch', description || ' ' || solution, "
                "websearch_to_tsquery('dutch', %s), %s) FROM complaints_complaint WHERE id = ANY(%s)",
                [text, options, complaint_ids],
            )
        else:
            fts = _fts5_query(text)
            if not fts:
                return {}
            placeholders = ",".join("%s" for _ in complaint_ids)
            cursor.execute(
                f"SELECT rowid, snippet(complaint_fts, -1, char(1), char(2), '…', 16) FROM complaint_fts "
                f"WHERE complaint_fts MATCH %s AND rowid IN ({placeholders})",
                [fts, *complaint_ids],
            )
        return {row[0]: _marked(row[1]) for row in cursor.fetchall() if _START in (row[1] or "")}


_SQLITE_INSERT_TRIGGER = "complaint_fts_insert"


@contextmanager
def search_index_deferred() -> Iterator[None]:
    """For inserting many complaints at once (the annual report import): on SQLite the
    full-text rows of the complaints inserted inside the block are written by one
    INSERT … SELECT at its end instead of the per-row trigger, which costs about four
    times as much (11 s against 2.8 s for 20,000 complaints). The trigger is dropped and
    recreated (from its own stored definition) inside the caller's transaction, which
    holds SQLite's write lock: no other connection inserts or sees it missing, and a
    rollback restores it.

    PostgreSQL: nothing to do; the generated column computes each vector as the row goes in.
    Filling them with one UPDATE after the load was measured and cost more (complaints
    migration 0017)."""
    if connection.vendor != "sqlite":
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("search_index_deferred() must run inside a transaction")
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s", [_SQLITE_INSERT_TRIGGER])
        row = cursor.fetchone()
        if row is None:  # already deferred by an outer block
            yield
            return
        cursor.execute("SELECT coalesce(max(id), 0) FROM complaints_complaint")
        (last_id,) = cursor.fetchone()
        cursor.execute(f"DROP TRIGGER {_SQLITE_INSERT_TRIGGER}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            # The same rows the trigger writes: a new complaint has no internal notes yet.
            cursor.execute(
                "INSERT INTO complaint_fts (rowid, description, solution, notes) "
                "SELECT id, description, solution, '' FROM complaints_complaint WHERE id > %s",
                [last_id],
            )
            cursor.execute(row[0])

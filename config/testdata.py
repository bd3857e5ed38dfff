"""Expensive test data built once per test process.

A ``TestCase`` builds its data in ``setUpTestData`` and rolls it back after
the class, so every class that shares a base pays for the same import or the
same PDF letters again. ``build_once`` runs the build the first time, keeps
the rows it added, and gives later classes the same rows (same ids, same
timestamps) back by bulk insert, which takes a fraction of the time.

    @classmethod
    def setUpTestData(cls):
        build_once(cls, "seed-2025", lambda: _build(cls))
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection
from django.db.models import DateField, Model


def _models() -> list[type[Model]]:
    return [m for m in apps.get_models(include_auto_created=True) if m._meta.managed and not m._meta.proxy]


def _primary_keys() -> dict[type[Model], set[Any]]:
    return {model: set(model._base_manager.values_list("pk", flat=True)) for model in _models()}


@dataclass(frozen=True)
class _Row:
    model: type[Model]
    pk: Any


@dataclass
class _Snapshot:
    rows: dict[type[Model], list[dict[str, Any]]]
    attributes: dict[str, Any]  # a model instance is kept as a _Row and read again

    @classmethod
    def take(cls, test_class: type, *, before: dict[type[Model], set[Any]], names: set[str]) -> "_Snapshot":
        rows = {}
        for model, known in before.items():
            columns = [field.attname for field in model._meta.concrete_fields]
            added = list(model._base_manager.exclude(pk__in=known).order_by("pk").values(*columns))
            if added:
                rows[model] = added
        attributes = {
            name: _Row(type(value), value.pk) if isinstance(value, Model) else value
            for name, value in test_class.__dict__.items()
            if name not in names
        }
        return cls(rows=rows, attributes=attributes)

    def restore(self, test_class: type) -> bool:
        """Insert the rows again; False (and nothing written) when one of their
        ids is taken, e.g. after a TransactionTestCase rebuilt the migration data."""
        for model, rows in self.rows.items():
            if model._base_manager.filter(pk__in=[row[model._meta.pk.attname] for row in rows]).exists():
                return False
        for model, rows in self.rows.items():
            # auto_now and auto_now_add would stamp the rows with today: keep the stored moments.
            stamped = [
                f for f in model._meta.concrete_fields if isinstance(f, DateField) and (f.auto_now or f.auto_now_add)
            ]
            flags = [(f, f.auto_now, f.auto_now_add) for f in stamped]
            for f in stamped:
                f.auto_now = f.auto_now_add = False
            try:
                model._base_manager.bulk_create([model(**row) for row in rows])
            finally:
                for f, auto_now, auto_now_add in flags:
                    f.auto_now, f.auto_now_add = auto_now, auto_now_add
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(self.rows)):
                cursor.execute(sql)
        for name, value in self.attributes.items():
            if isinstance(value, _Row):
                value = value.model._base_manager.get(pk=value.pk)
            setattr(test_class, name, value)
        return True


_snapshots: dict[str, _Snapshot] = {}


def build_once(test_class: type, key: str, build: Callable[[], None]) -> None:
    """Inside ``setUpTestData``: run ``build`` (which writes rows and sets
    attributes on ``test_class``) the first time per process and database;
    later, insert the same rows and set the same attributes instead."""
    key = f"{connection.vendor}:{key}"
    snapshot = _snapshots.get(key)
    if snapshot is not None and snapshot.restore(test_class):
        return
    before = _primary_keys()
    names = set(test_class.__dict__)
    build()
    _snapshots[key] = _Snapshot.take(test_class, before=before, names=names)

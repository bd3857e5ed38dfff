"""Send report reads to a PostgreSQL replica when one is configured.

A router sees the model, not who is asking, and the reports read the same
models as the work screens. So reporting code marks its reads explicitly:

    with reading_from_replica():
        figures = figures_for_year(year=2025)

Inside that block reads go to the "replica" database (when DATABASES has one);
writes always go to "default", and so does everything outside the block, so a
screen never shows data older than what the user just saved."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_reporting: ContextVar[bool] = ContextVar("klachtwijs_reporting_read", default=False)


@contextmanager
def reading_from_replica() -> Iterator[None]:
    token = _reporting.set(True)
    try:
        yield
    finally:
        _reporting.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str | None:
        if _reporting.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return None

    def db_for_write(self, model, **hints) -> str | None:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # Both aliases are the same data (a streaming replica).
        return True

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints) -> bool | None:
        return db != REPLICA

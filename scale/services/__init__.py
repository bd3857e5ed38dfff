"""Generate a realistic organisation and years of complaints for load tests.

The shape comes from the seed: the category, verdict, care-type and label mix
of the imported 2025 annual report (hard-coded shares of that report when it
is not imported), and texts recombined from its sentences. Everything is drawn
from one ``random.Random(seed)``, so the same seed and end date give the same
data. On PostgreSQL rows are streamed with COPY in chunks; elsewhere they go
through ``bulk_create`` (small counts and tests).

The steps, one module each: ``shapes`` (shares and word lists), ``mix`` (the
seed year's mix), ``organisation`` (places, people, taxonomies), ``stories``
(one complaint's life and its rows), ``loading`` (COPY or ``bulk_create``) and
``generate`` (the run)."""

from .generate import Result, generate_demo_data
from .loading import drop_secondary_indexes, restore_indexes
from .organisation import GENERATED_PASSWORD, USERNAME_PREFIX
from .shapes import SEED_CATEGORIES

__all__ = [
    "GENERATED_PASSWORD",
    "SEED_CATEGORIES",
    "USERNAME_PREFIX",
    "Result",
    "drop_secondary_indexes",
    "generate_demo_data",
    "restore_indexes",
]

"""Benchmark of the public form's location search (issue 12 point 7).

Makes a PostgreSQL database of its own (dropped afterwards), migrates it, fills it
with 1,000 and then 30,000 register locations (names, streets, postcodes and towns
of the kind the LRK holds) and times ``GET /locaties/?q=…`` with htmx's header through
the whole Django stack (middleware included, in process, no network), production
settings (DEBUG off). Writes the section "## Location search" of docs/benchmarks.md.
Targets: under 20 ms at 1,000 locations and under 50 ms at 30,000 (p95).

    .venv/bin/python scripts/bench_location_search.py [--output docs/benchmarks.md]
"""

import argparse
import os
import platform
import random
import re
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from config.benchmarks import benchmarks_section_write  # noqa: E402

PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
SIZES = (1_000, 30_000)
TARGETS_MS = {1_000: 20, 30_000: 50}
RUNS = 60
QUERIES = [
    ("part of a name", "zonnebloem"),
    ("town", "utrecht"),
    ("postcode digits", "1012"),
    ("two words", "bso amsterdam"),
    ("accents ignored", "mozaiek"),
    ("one typo (fuzzy fallback)", "utrehct"),
    ("nothing found", "qqqxyz"),
]
TOWNS = [
    "Amsterdam",
    "Rotterdam",
    "Den Haag",
    "Utrecht",
    "Eindhoven",
    "Groningen",
    "Tilburg",
    "Almere",
    "Breda",
    "Nijmegen",
    "Apeldoorn",
    "Haarlem",
    "Arnhem",
    "Enschede",
    "Amersfoort",
    "Zaanstad",
    "Den Bosch",
    "Zwolle",
    "Leiden",
    "Maastricht",
    "Dordrecht",
    "Zoetermeer",
    "Ede",
    "Delft",
    "Alkmaar",
    "Venlo",
    "Deventer",
    "Hilversum",
    "Heerlen",
    "Leeuwarden",
    "Zeist",
    "Houten",
    "Nieuwegein",
    "Purmerend",
    "Gouda",
    "Veenendaal",
    "Assen",
]
WORDS = [
    "Zonnebloem",
    "Mozaïek",
    "Kameleon",
    "Regenboog",
    "Boomhut",
    "Vlieger",
    "Klimop",
    "Duinpan",
    "Kikker",
    "Egeltje",
    "Dolfijn",
    "Pinguïn",
    "Speelhuis",
    "Tinnen Soldaatje",
    "Ukkie",
    "Madelief",
    "Vlinder",
    "Berenhol",
    "Kabouter",
    "Sterrenkijker",
    "Oceaan",
    "Kastanje",
    "Eikenhof",
    "Wilg",
    "Uiltje",
    "Robbedoes",
    "Schatkist",
]
KINDS = ["KDV", "BSO", "Peuteropvang", "Kinderdagverblijf"]
STREETS = [
    "Kerkstraat",
    "Dorpsstraat",
    "Schoolstraat",
    "Molenweg",
    "Stationsweg",
    "Parklaan",
    "Julianalaan",
    "Prinsengracht",
    "Oudegracht",
    "Kanaalweg",
    "Beukenlaan",
    "Meernhof",
    "Vondelstraat",
]


def log(message: str) -> None:
    print(f"[location search bench] {message}", flush=True)


def admin_execute(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def locations(count: int, *, start: int, entities: list[int], rng: random.Random):
    from organisation.keys import match_key, search_text
    from organisation.models import Location

    for number in range(start, start + count):
        town = rng.choice(TOWNS)
        name = f"{rng.choice(['Partou', 'Smallsteps', ''])} {rng.choice(KINDS)} {rng.choice(WORDS)} {number}".strip()
        street = f"{rng.choice(STREETS)} {rng.randint(1, 250)}"
        postcode = f"{rng.randint(1000, 9999)} {rng.choice('ABCDEGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEGHJKLMNPRSTVWXZ')}"
        yield Location(
            name=name,
            match_key=match_key(name),
            search_text=search_text(name, town, street, postcode),
            legal_entity_id=rng.choice(entities),
            city=town,
            street=street,
            postcode=postcode,
            lrk_number=f"{100000000 + number}",
            registration_status="Ingeschreven",
            is_demo=True,
        )


def measure(client, query: str) -> tuple[float, float, float, int]:
    """(first, p50, p95) in milliseconds and the number of options of one query."""
    timings = []
    options = 0
    for run in range(RUNS + 1):
        started = time.perf_counter()
        response = client.get("/locaties/", {"q": query}, HTTP_HX_REQUEST="true")
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, response.status_code
        if run == 0:
            first = elapsed
            options = len(re.findall(rb'<option value="\d', response.content))
        else:
            timings.append(elapsed)
    timings.sort()
    return first, statistics.median(timings), timings[int(len(timings) * 0.95) - 1], options


def run(database: str) -> list[tuple[int, str, str, float, float, float, int]]:
    os.environ["DATABASE_URL"] = f"{PG_SERVER}/{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.setdefault("SECRET_KEY", "location-search-bench-only-" + "x" * 30)
    os.environ["DEBUG"] = "0"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from organisation.models import LegalEntity, Location
    from organisation.search import vocabulary_forget

    log("migrating")
    call_command("migrate", "--noinput", verbosity=0)
    entities = [LegalEntity.objects.create(name=name).pk for name in ("Partou B.V.", "Smallsteps B.V.")]
    rng = random.Random(12)
    client = Client()
    rows = []
    made = 0
    for size in SIZES:
        Location.objects.bulk_create(locations(size - made, start=made, entities=entities, rng=rng), batch_size=2000)
        made = size
        vocabulary_forget()  # bulk_create skips Location.save, which does this
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE organisation_location")
        log(f"{Location.objects.count():,} locations")
        for label, query in QUERIES:
            first, p50, p95, options = measure(client, query)
            rows.append((size, label, query, first, p50, p95, options))
            log(
                f"{size:>6,} {query!r:<18} first {first:6.1f} ms  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  {options} shown"
            )
    from django.db import connections

    connections.close_all()
    return rows


def markdown(rows) -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    lines = [
        "## Location search",
        "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores, {memory:.0f} GiB, "
        f"{platform.system()} {platform.release()}, load average {os.getloadavg()[0]:.1f} at the end.",
        "- What: `GET /locaties/?q=…` with `HX-Request` (the public form's search as htmx asks it), through the "
        "whole Django stack in process (no network), production settings, PostgreSQL with the `pg_trgm` GIN index "
        "on `organisation_location.search_text`; generated register locations (`scripts/bench_location_search.py`). "
        f"{RUNS} runs per query after a first one; the first also builds the per-process word list of the "
        "typo-tolerant fallback.",
        "",
        "| locations | query | first | p50 | p95 | shown (max 30) | target p95 | met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for size, label, query, first, p50, p95, options in rows:
        target = TARGETS_MS[size]
        lines.append(
            f"| {size:,} | {label} (`{query}`) | {first:.1f} ms | {p50:.1f} ms | {p95:.1f} ms | {options} | "
            f"< {target} ms | {'yes' if p95 < target else 'no'} |"
        )
    return "\n".join(lines) + "\n"


def write_section(output: Path, section: str) -> None:
    """Replace the "## Location search" section of ``output`` (or append it); the rest is left alone."""
    benchmarks_section_write(output, section)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()
    database = f"klachtwijs_bench_locations_{os.getpid()}"
    admin_execute(f'CREATE DATABASE "{database}"')
    try:
        rows = run(database)
    finally:
        admin_execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        log(f"dropped {database}")
    section = markdown(rows)
    write_section(args.output, section)
    print(section)
    missed = [row for row in rows if row[5] >= TARGETS_MS[row[0]]]
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

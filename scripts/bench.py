"""Measure the foundation's figures and write docs/benchmarks.md.

Runs on a fresh SQLite file and, when reachable, a fresh PostgreSQL database:
the seed import, one year's figures, and the staff pages (requests through the
full middleware stack in this process, DEBUG off), with the SQL query count per
request. This is the small benchmark of issue 2; the load test at one million
complaints is issue 6."""

import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = ROOT / "data" / "seed" / "klachtenjaarverslag-2025.txt"
PG_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/klachtwijs_bench")
REPEAT = int(os.environ.get("BENCH_REPEAT", "50"))


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{mem_kb / 1024 / 1024:.0f} GiB"
    except OSError:
        memory = "unknown memory"
    return f"{platform.node()}: {cpu}, {os.cpu_count()} cores, {memory}, {platform.system()} {platform.release()}"


def child(database_url: str) -> str:
    """Run one measurement in a child process, so each gets its own settings."""
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "0", "SECRET_KEY": "bench-only-secret-key"}
    done = subprocess.run(
        [sys.executable, __file__, "--child"], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"benchmark on {database_url.split('@')[-1]} failed")
    return done.stdout


def measure() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from demo.services import demo_setup
    from imports.services import annual_report_import
    from reporting.selectors import figures_for_year

    call_command("migrate", verbosity=0)
    rows = []

    started = time.perf_counter()
    annual_report_import(path=SEED, year=2025)
    rows.append(("import of the seed report (513 complaints)", f"{time.perf_counter() - started:.2f} s", "1 run", ""))
    started = time.perf_counter()
    annual_report_import(path=SEED, year=2025)
    rows.append(("second import (nothing changes)", f"{time.perf_counter() - started:.2f} s", "1 run", ""))
    demo_setup()

    timings = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        figures_for_year(year=2025)
        timings.append(time.perf_counter() - started)
    rows.append(("figures of 2025 (`report_figures`)", *summary(timings), ""))

    client = Client()
    client.force_login(User.objects.get(username="coordinator"))
    pages = [
        ("complaint list, coordinator, first page", "/staff/klachten/"),
        ("complaint list filtered (2025, verdict ja)", "/staff/klachten/?year=2025&verdict=ja"),
        ("complaint detail with history", "/staff/klachten/K2025-00003/"),
    ]
    for name, url in pages:
        timings = []
        for _ in range(REPEAT):
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        rows.append((name, *summary(timings), str(len(queries))))
    for row in rows:
        print("|".join(row))


def summary(timings: list[float]) -> tuple[str, str]:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"p50 {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms", f"{len(ordered)} runs"


def pg_reachable() -> bool:
    import psycopg

    try:
        psycopg.connect(host="127.0.0.1", user="postgres", dbname="postgres", connect_timeout=3).close()
        return True
    except psycopg.Error:
        return False


def main() -> None:
    if "--child" in sys.argv:
        measure()
        return
    var = ROOT / "var"
    var.mkdir(exist_ok=True)
    sqlite_file = var / "bench.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
    results = [("SQLite", child(f"sqlite:///{sqlite_file}"))]
    if pg_reachable():
        import psycopg

        with psycopg.connect(host="127.0.0.1", user="postgres", dbname="postgres", autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS klachtwijs_bench")
            conn.execute("CREATE DATABASE klachtwijs_bench")
        results.append(("PostgreSQL", child(PG_URL)))
    else:
        print("PostgreSQL not reachable on 127.0.0.1:5432: measured SQLite only", file=sys.stderr)

    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`scripts/bench.py`); do not edit by hand.",
        "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {machine()}",
        f"- Python {platform.python_version()}, DEBUG off; pages requested in-process through the full "
        "middleware stack (Django test client), one at a time.",
        "",
    ]
    for database, output in results:
        lines += [f"## {database}", "", "| what | time | runs | SQL queries per request |", "|---|---|---|---|"]
        lines += [f"| {' | '.join(row.split('|'))} |" for row in output.strip().splitlines()]
        lines.append("")
    (ROOT / "docs" / "benchmarks.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

"""The staff pages of the load test (issue 17 point 1) measured in process: queries,
bytes and the web process's own CPU time per request (median of ``--runs``), through
the whole Django stack (middleware included) with the test client. CPU time, not wall
time, so that it means something on a busy machine (the least of the runs is the one
least disturbed by other work); SQL time is the wall time spent
in the database calls (it includes waiting for a core).

Run it on a database made by ``scripts/bench.py`` (or ``generate_demo_data``), with the
settings the bench uses::

    DJANGO_SETTINGS_MODULE=scale.bench_settings DEBUG=0 \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/klachtwijs_bench \\
    .venv/bin/python scripts/profile_staff_pages.py [--runs 10] [--profile "worklist"]

``--profile TEXT`` prints the cProfile of the first page whose name contains TEXT; ``--only
TEXT`` measures only the pages whose name contains it; ``--save DIR`` writes each page's
HTML there, rendered at ``--at`` (compare two runs with ``diff -r``). The pages and users are the load test's
(``scale/personas.py``).
"""

import argparse
import cProfile
import os
import pstats
import re
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--profile", default="")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--lines", type=int, default=40)
    parser.add_argument("--save", default="", help="write each page's HTML (CSRF tokens blanked) to this folder")
    parser.add_argument("--at", default="", help="when the saved pages are rendered (ISO: 2026-12-01T06:00Z)")
    parser.add_argument("--only", default="", help="measure only the pages whose name contains this")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scale.bench_settings")

    import django
    import time_machine

    django.setup()
    from django.db import connection

    from accounts.testing import VerifiedClient
    from complaints.models import Complaint
    from scale.personas import bench_personas, staff_pages

    pages = staff_pages(bench_personas())
    if args.only:
        pages = [page for page in pages if args.only in page[0]]
    sql_seconds = [0.0]
    statements = [0]

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        statements[0] += 1
        try:
            return execute(sql, params, many, context)
        finally:
            sql_seconds[0] += time.perf_counter() - started

    print(f"load {os.getloadavg()[0]:.1f}; {Complaint.objects.count():,} complaints")
    print("| page | queries | bytes | CPU ms (median) | CPU ms (least) | SQL ms (median) |")
    print("|---|---|---|---|---|---|")
    for name, url, user in pages:
        client = VerifiedClient()
        client.force_login(user)
        for _ in range(2):
            client.get(url)  # warm caches the way a running worker has them
        # Counted by a wrapper: the request_started signal empties connection.queries.
        with connection.execute_wrapper(timed):
            statements[0] = 0
            response = client.get(url)
            queries = statements[0]
        assert response.status_code == 200, (url, response.status_code)
        if args.save:
            with time_machine.travel(datetime.fromisoformat(args.at) if args.at else datetime.now(UTC), tick=False):
                saved = client.get(url)
            # The CSRF token differs per response: blanked, two saved runs compare with diff.
            html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken" value=""',
                          saved.content.decode())  # fmt: skip
            Path(args.save).mkdir(parents=True, exist_ok=True)
            (Path(args.save) / (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") + ".html")).write_text(html)
        cpu, sql = [], []
        with connection.execute_wrapper(timed):
            for _ in range(args.runs):
                sql_seconds[0] = 0.0
                started = time.process_time()
                client.get(url)
                cpu.append(time.process_time() - started)
                sql.append(sql_seconds[0])
        print(
            f"| {name} | {queries} | {len(response.content):,} | "
            f"{statistics.median(cpu) * 1000:.1f} | {min(cpu) * 1000:.1f} | {statistics.median(sql) * 1000:.1f} |"
        )
        if args.profile and args.profile in name:
            profiler = cProfile.Profile(time.process_time)  # CPU, as the table
            profiler.enable()
            for _ in range(args.runs):
                client.get(url)
            profiler.disable()
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.lines)


if __name__ == "__main__":
    main()

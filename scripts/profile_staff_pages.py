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

``--profile TEXT`` prints the cProfile of the first page whose name contains TEXT.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--profile", default="")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--lines", type=int, default=40)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scale.bench_settings")

    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count

    from accounts.models import Role, User
    from accounts.testing import VerifiedClient
    from complaints.models import Complaint

    coordinator = User.objects.filter(username__startswith="gen-", role=Role.COORDINATOR).order_by("id").first()
    manager = (
        User.objects.filter(username__startswith="gen-", role=Role.LOCATION_MANAGER)
        .annotate(n=Count("locations"))
        .filter(n=2)
        .order_by("id")
        .first()
    )
    detail = (
        Complaint.objects.filter(status="closed", is_demo=True, year=datetime.now().year - 1)
        .order_by("id")
        .values_list("reference", flat=True)
        .first()
    )
    pages = [
        ("coordinator worklist", "/staff/werkvoorraad/", coordinator),
        ("coordinator list, first page", "/staff/klachten/", coordinator),
        ("coordinator list, overdue", "/staff/klachten/?due=overdue", coordinator),
        ("coordinator list, due within 7 days", "/staff/klachten/?due=week", coordinator),
        ("location manager's list", "/staff/klachten/", manager),
        ("complaint detail with history", f"/staff/klachten/{detail}/", coordinator),
    ]
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

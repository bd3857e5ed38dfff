"""The load test of issue 6: write docs/benchmarks.md.

1. A PostgreSQL database (``klachtwijs_bench``) with the seed report and
   BENCH_COMPLAINTS generated complaints (default 1,000,000); reused when it
   already holds that many, so reruns skip the load.
2. The production server: gunicorn, one worker per core, DEBUG off, with
   ``scale.bench_settings`` (adds a bare view and lifts the form's rate limit).
3. ``scripts/loadgen.py`` in its own process on loopback per scenario, then
   in-process: SQL queries per page, one year's figures and the peak memory of a
   100,000-row XLSX export. The PDF annual report has its own benchmark
   (``scripts/bench_annual_report.py``).

4. The import benchmark of issue 11 (``imports/benchmark.py``): a 100,000-row
   appendix 1 imported on SQLite and on PostgreSQL; it replaces the "## Import"
   section only. ``--import-only`` (``make bench-import``) runs this step alone.

Options: --complaints N, --duration S, --concurrency C, --database NAME,
--output PATH, --smoke, --import-only, --import-rows N.

``--smoke`` (``make bench-smoke``, a step of ``make test``) runs it all at a
tiny size so the bench cannot rot: 10,000 complaints, two seconds per scenario,
the report in a temporary file and checked; the database carries a
name unique to the checkout and process and is dropped afterwards, and the
cache stays in that database (not the shared Redis), so two checkouts can run
it at once. The real run uses Redis as production does (docs/deployment.md):
for the cache and for the worker's queue, under a queue name of its own that
is emptied afterwards. Uploads (and the smoke run's queue) go to a temporary
folder, never to the checkout's var/."""

import argparse
import hashlib
import json
import os
import platform
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = ROOT / "data" / "seed" / "klachtenjaarverslag-2025.txt"
PG = {"host": os.environ.get("BENCH_PGHOST", "127.0.0.1"), "user": os.environ.get("BENCH_PGUSER", "postgres")}
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
TARGETS = {
    "post_share": 0.40,
    "staff_p95_ms": 100,
    "staff_p50_ms": 15,
    "search_p95_ms": 150,
    "search_common_p50_ms": 40,
    "search_rare_p50_ms": 20,
    "form_get_rps": 1000,
    "form_post_rps": 250,
    "worker_mb": 250,
    "figures_s": 1.0,
    "export_mb": 300,
}
SMOKE = {"complaints": 10_000, "duration": 2.0, "concurrency": 4, "export_rows": 2000}
# What a smoke run's report must hold.
SMOKE_EXPECTED = (
    "bare view",
    "public form POST",
    "coordinator worklist",
    "location manager's list",
    "complaint detail with history",
    "full-text search",
    "new complaints for",
    "## Targets",
)


# Reading of the figures, kept here so a rerun keeps it next to the new numbers.
ANALYSIS = """
## Reading the figures

Measured at one million complaints (ten years, 4.7 million history events, 2.9 million e-mails, 0.8 million
contact moments). The load is closed-loop: 16 clients without think time on 2 cores that also run
PostgreSQL, Redis and the client, so a page's p95 is roughly its CPU cost times 16 / 2 plus queueing.
The "1 client" column is the page's own time. Query timings below are single runs of `EXPLAIN ANALYZE`
on the bench database.

**Public form (targets: GET ≥ 1,000 and POST ≥ 250 requests/s).** The GET renders no location options
(they come from the search, at most 30) and its empty page is rendered once per language and process, cut
at its marks once and served with the request's CSRF token, submission key and stamp: no query, about the
bare view's cost plus 0.15 ms in process. A valid POST is 14 statements on PostgreSQL (BEGIN, COMMIT and
the unlock counted): the location with its legal entity, the hourly limit (one upsert), the advisory lock on
the submission key, the earlier-submission check under it (the id only), the reference number (one upsert,
its own short transaction), then one transaction with the complaint (its Dutch `tsvector` computed), the
complainant, the history event and two outbox rows, and the unlock. Since session 13 the two e-mails are
rendered by the worker from values frozen in the outbox row at registration (`notifications.rendering`),
and the bench's worker queue is Redis as in production (it was a SQLite file synced to disk on every
enqueue): 94 → 137 requests/s. What is left is ~6.5–8.5 ms of web CPU and ~3 ms of PostgreSQL CPU per
POST; 250 requests/s on 2 cores leaves about 8 ms of CPU per request for every process together (web,
PostgreSQL, Redis and the load client). What would close it: both outbox rows in one INSERT and one queue
task per transaction, the coordinators' addresses cached, and more cores (the load client on another machine).

**Staff pages (targets: one client p50 ≤ 15 ms, p95 < 100 ms with 16).** On 2 cores that also run
PostgreSQL, Redis and the client, a closed loop of 16 clients queues: p95 is roughly a page's own time ×
16 / 2, so 100 ms needs a page cost near 12 ms. Filter options come from the scoped reference tables; the
location and handler filters are search fields above 50 options; list counts stop at 10,000; a list page
picks its 50 ids before joining, reads them as values and builds its rows and its filter's fields in Python;
the worklist builds its cards and groups in Python and counts its handler and region groups from a covering
index; the detail asks in one query which of its lists have rows; the user and the second-factor device are
one query. In process every list page and the worklist now cost 12–16 ms of CPU, the detail 11–13 ms; the
one-client p50 adds gunicorn, the HTTP round trip and the SQL (6–15 ms). What each page still spends its
time on, and what would close the gap, is in "Staff pages, profiled in process" below: `base.html` and the
menu (~17 % of every page), Django compiling each page's 7–13 queries (~0.5–1 ms each), the filter panel
(~2 ms), and the search's walk for a common word.

**Growth from 100,000 to 1,000,000 (the "Growth" table).** The worklist was the page whose cost grew with the
data: its counts and its handler and region groups read every open complaint (11,919 at 1,000,000). A partial
covering index on the open complaints (`complaint_open_cover_idx`, complaints 0023, pinned by a PostgreSQL
test) and groups counted from it before their names are joined made them index-only and ~2.5 ms each; one
client p50 20 ms at 100,000 and 26 ms at 1,000,000 (was 48 → 74 ms). Index-only scans need the visibility map
kept by (auto)vacuum, which production has on. The other differences between the two sizes: the overdue list
(21 → 32 ms) and the location manager's list (24 → 31 ms) read ten times as many overdue or in-scope rows to
pick their page; the rare word's search (26 → 38 ms) reads ten times as many matches from the GIN index
(2,932 at 1,000,000) before ranking the newest 1,000. The bare view served 1,130 requests/s in the 100,000
run and 1,108 in the 1,000,000 one.

**Public form GET (≥ 1,000 requests/s).** 997 requests/s, 3 short, where the bare view (the same middleware
with no work) serves 1,108 on this machine: the form is at 90 % of the bare view. In process the GET costs
0.15 ms more than the bare view, most of it Django's CSRF token for a visitor without the cookie (every
request of the load client: the cookie is `Secure` and the bench speaks plain HTTP); the rest is the 10 KB
page, sent and parsed by the load client (asyncio and httpx in Python) on the same two cores. What would
close it: the load client on another machine (the bare view served 1,935 on the machine of an earlier run),
a shorter middleware stack for the anonymous form, or more cores.

**Full-text search (target p95 < 150 ms; one client ≤ 40 ms common word, ≤ 20 ms rare word).** The notes'
words sit in the complaint's own row (`notes_vector`) and one GIN index covers
`coalesce(search_vector || notes_vector, search_vector)` (migration 0022; a complaint without notes is tested
without building a concatenated vector). For a common word (`sluiting`, 85,000 matches, 8 % of all
complaints) PostgreSQL walks the primary key backwards and tests about 16,500 rows until it has the newest
1,001 (13–18 ms at load 2–4, was 24–32 ms with the concatenation); a rare word (`elleboog`, 2,932 matches)
is read from the GIN index (3–4 ms). Those 1,000 are ranked by `ts_rank`, the page's 50 ids picked among
them before the joins (4–6 ms), the 50 highlighted (`ts_headline`, 3–5 ms); the rest is the list page's own
cost. A RUM index, which hands out matches already ordered by id, was slower for the common word (111 ms:
it sorts all 85,000 matches), 686 MB against GIN's 128 MB, and made the import's server work five times as
large; it is not used. What would close the gap: a narrow side table of (complaint id, vector) for the walk
(about 650 MB at this size), or a default period with "search all years" one click away, and the list
page's own cost (above; session 13 took 5–6 ms of CPU off it: 66 → 47 ms and 45 → 38 ms one-client p50).

**Figures of one year (target < 1 s).** Met: 0.4 to 0.5 s for a year of 114,000 complaints; six aggregate
queries over the year. A covering index `(year, verdict, category_id, legal_entity_id, location_id)` would
make it index-only, but it is not needed for the target; on a replica it does not touch the primary.

**XLSX export of 100,000 rows (target < 300 MB).** Met: about 95 MB peak RSS (the Python process with Django
loaded is ~60 MB of it), with openpyxl's write-only workbook and a server-side cursor
(`iterator(chunk_size=2000)`); memory does not grow with the row count.

**Loading.** `generate_demo_data --complaints 1000000` writes 9.4 million rows in 4–6 minutes: COPY per
chunk of 20,000 complaints in one transaction, secondary indexes dropped before and built once after
(30 s), foreign-key triggers skipped (`session_replication_role = replica`, as superuser only; the ids are
made by the generator and the tests check the references), then `VACUUM ANALYZE`.

**Noise.** The machine is shared with other engineers' test runs; a run that overlaps one shows lower
figures for the bare view and the public form (1,470 instead of 1,740 requests/s in one such run).

**Database settings.** The bench ran on the shared development server (`shared_buffers` 128 MB,
`work_mem` 4 MB, JIT on). Production settings for this size: see `docs/deployment.md`.
"""


def log(message: str) -> None:
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def machine() -> str:
    cpu, memory = "unknown CPU", "unknown memory"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = f"{int(Path('/proc/meminfo').read_text().split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {memory}, {platform.system()} {platform.release()}"


def run_id() -> str:
    """Unique to the checkout and the process, like the test databases (config/test_settings.py)."""
    return (
        os.environ.get("KLACHTWIJS_TEST_RUN_ID")
        or f"{hashlib.sha256(str(ROOT).encode()).hexdigest()[:8]}_{os.getpid()}"
    )


def postgres_reachable() -> bool:
    import psycopg

    try:
        psycopg.connect(dbname="postgres", connect_timeout=3, **PG).close()
        return True
    except psycopg.Error:
        return False


def drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True, **PG) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env(database: str, *, redis: bool, scratch: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "scale.bench_settings",
        "DATABASE_URL": f"postgres://{PG['user']}@{PG['host']}:5432/{database}",
        "DATABASE_CONN_MAX_AGE": "60",
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY", "bench-only-secret-key-" + "x" * 30),
        "LOG_LEVEL": "WARNING",
        "HUEY_IMMEDIATE": "0",
        # The queue the server fills and any uploads: this run's own, never the checkout's var/.
        "HUEY_SQLITE_PATH": str(scratch / "huey.sqlite3"),
        "MEDIA_ROOT": str(scratch / "media"),
    }
    env["CACHE_REDIS_URL"] = REDIS_URL if redis else ""
    if redis:
        # The queue as production keeps it (Redis): the SQLite file queue syncs to disk on every
        # task the form's POST enqueues, one process at a time, a cost production does not have.
        env["HUEY_REDIS_URL"] = REDIS_URL
        env["HUEY_NAME"] = f"klachtwijs-bench-{run_id()}"
    return env


def queue_flush(env: dict[str, str]) -> None:
    """Empty the bench's own Redis queue (no worker runs during the bench: the tasks the
    server enqueued stay there otherwise)."""
    if env.get("HUEY_REDIS_URL"):
        from huey import RedisHuey

        RedisHuey(env["HUEY_NAME"], url=env["HUEY_REDIS_URL"]).flush()


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare_database(name: str, complaints: int, env: dict[str, str], *, reuse: bool = True) -> str:
    """Reuse the database when it already holds the data (and ``reuse``), else build it."""
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True, **PG) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    if exists and reuse:
        try:
            with psycopg.connect(dbname=name, **PG) as conn:
                held = conn.execute("SELECT count(*) FROM complaints_complaint WHERE is_demo").fetchone()[0]
                staff = conn.execute("SELECT count(*) FROM accounts_user WHERE username LIKE 'gen-%%'").fetchone()[0]
        except psycopg.Error:
            held = staff = 0
        # The POST scenario adds complaints on every run; allow for them.
        if staff and complaints <= held <= complaints * 1.05 + 50_000:
            manage(env, "migrate", "--noinput", "-v0")
            # Statistics as a running server keeps them (autovacuum may be off here): a database
            # generated before the generator analysed every table had none for most of them.
            with psycopg.connect(dbname=name, autocommit=True, **PG) as conn:
                conn.execute("ANALYZE")
            return f"reused ({held:,} generated complaints already there)"
    with psycopg.connect(dbname="postgres", autocommit=True, **PG) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    started = time.perf_counter()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "createcachetable")
    subprocess.run(
        [sys.executable, "manage.py", "import_annual_report", str(SEED), "--year", "2025"],
        cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    manage(env, "generate_demo_data", "--complaints", str(complaints), "--seed", "6")
    return f"built fresh in {time.perf_counter() - started:.0f} s (migrate, seed import, generate_demo_data)"


def start_server(env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"), "config.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--worker-class", "gthread",
            "--threads", "4", "--keep-alive", "30", "--backlog", "256", "--log-level", "warning",
        ],
        cwd=ROOT, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not start")


def worker_rss_mb(server_pid: int) -> list[float]:
    """Resident memory of each gunicorn worker (the server's children), in MB."""
    sizes = []
    try:
        children = Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text().split()
    except OSError:
        return sizes
    for pid in children:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        except OSError:
            continue
    return sizes


def load(url: str, *, duration: float, concurrency: int, cookie: str = "", form: dict | None = None) -> dict:
    command = [
        sys.executable, str(ROOT / "scripts" / "loadgen.py"), url, "--duration", str(duration),
        "--concurrency", str(concurrency), "--max-requests", str(int(duration * 5000)),
    ]  # fmt: skip
    if cookie:
        command += ["--cookie", cookie]
    from intake import spam  # Django is set up by then (run)

    with tempfile.NamedTemporaryFile("w", suffix=".json") as stamps:
        if form is not None:
            # Each served form makes one complaint: its stamp is signed for its submission key.
            keys = [str(uuid.uuid4()) for _ in range(int(duration * 5000))]
            json.dump([[key, spam.stamp_make(submission_key=key, at=time.time() - 60)] for key in keys], stamps)
            stamps.flush()
            command += ["--form", json.dumps(form), "--stamps", stamps.name]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def run(args, *, scratch: Path) -> str:
    # The smoke run keeps its cache in its own database: the shared Redis is for the real bench.
    redis = redis_reachable() and not args.smoke
    env = bench_env(args.database, redis=redis, scratch=scratch)
    try:
        return _run(args, env=env, redis=redis)
    finally:
        queue_flush(env)


def _run(args, *, env: dict[str, str], redis: bool) -> str:
    log(f"database {args.database}, {args.complaints:,} complaints")
    database_note = prepare_database(args.database, args.complaints, env, reuse=not args.smoke)
    log(database_note)
    os.environ.update(env)

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.testing import VerifiedClient as Client  # force_login passes the second factor too
    from annualreport.figures import figures_for_year
    from complaints.models import Complaint
    from intake import spam
    from organisation.models import Location
    from scale.personas import bench_personas, session_cookie, staff_pages

    personas = bench_personas()
    coordinator, manager = personas.coordinator, personas.manager
    total = Complaint.objects.count()
    year = datetime.now().year - 1

    csrf = secrets.token_hex(16)  # 32 characters: Django accepts the unmasked secret as form token
    location = Location.objects.filter(is_active=True).order_by("id").first()
    form = {
        "csrfmiddlewaretoken": csrf,
        "complainant_kind": "parent",
        "name": "Bench Ouder",
        "email": "bench@voorbeeld.test",
        "phone": "",
        "location": str(location.id),
        "care_type": "",
        "description": "De groep was vorige week twee keer gesloten zonder dat ouders op tijd zijn geïnformeerd.",
        "desired_outcome": "Op tijd bericht.",
        "consent": "on",
        spam.HONEYPOT_FIELD: "",
    }
    pages = staff_pages(personas)

    # SQL queries per request, measured once per page in this process.
    queries: dict[str, int] = {}
    for name, url, user in pages:
        client = Client()
        client.force_login(user)
        client.get(url)  # warm caches the way a running worker has them
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        queries[name] = len(captured)
    with CaptureQueriesContext(connection) as captured:
        Client().get("/")
    queries["public form GET"] = len(captured)
    post_client = Client()
    post_client.cookies["csrftoken"] = csrf
    with CaptureQueriesContext(connection) as captured:
        key = str(uuid.uuid4())
        stamp = spam.stamp_make(submission_key=key, at=time.time() - 60)
        response = post_client.post("/", {**form, "submission_key": key, spam.STAMP_FIELD: stamp})
    assert response.status_code == 303, response.status_code
    queries["public form POST"] = len(captured)
    connection.close()

    workers = os.cpu_count() or 1
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(env, port, workers)
    results: list[tuple[str, dict, str]] = []
    try:
        load(base + "/bench/bare/", duration=1, concurrency=4)  # warm every worker
        cookies = {coordinator.pk: session_cookie(coordinator), manager.pk: session_cookie(manager)}
        scenarios = [("bare view (same middleware, no work)", "/bench/bare/", None, None)]
        scenarios.append(("public form GET", "/", None, None))
        for name, url, user in pages:
            scenarios.append((name, url, user, None))
        for name, url, user, _ in scenarios:
            log(f"load: {name}")
            cookie = cookies[user.pk] if user else ""
            outcome = load(base + url, duration=args.duration, concurrency=args.concurrency, cookie=cookie)
            # Service time without queueing: one client at a time.
            outcome["alone"] = load(base + url, duration=min(5, args.duration / 2), concurrency=1, cookie=cookie)
            results.append((name, outcome, str(queries.get(name, ""))))
        log("load: public form POST")
        before = Complaint.objects.count()
        outcome = load(base + "/", duration=args.duration, concurrency=args.concurrency,
                       cookie=f"csrftoken={csrf}", form=form)  # fmt: skip
        outcome["alone"] = load(base + "/", duration=min(5, args.duration / 2), concurrency=1,
                                cookie=f"csrftoken={csrf}", form=form)  # fmt: skip
        stored = Complaint.objects.count() - before
        connection.close()
        accepted = outcome["statuses"].get("303", 0) + outcome["alone"]["statuses"].get("303", 0)
        assert stored == accepted, f"{stored} complaints stored for {accepted} accepted submissions"
        results.append(("public form POST (stored, history, outbox)", outcome, str(queries["public form POST"])))
        workers_mb = worker_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)

    # One year's figures, in-process.
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        figures = figures_for_year(year=year)
        timings.append(time.perf_counter() - started)
    figures_line = (year, figures.total, statistics.median(timings), max(timings))

    export_rows = min(args.export_rows, total)
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(
            [sys.executable, "-m", "scale.exports", str(Path(folder) / "export.xlsx"), str(export_rows)],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
    written, export_seconds, export_mb = done.stdout.split()

    # A scenario that answered HTTP errors measured nothing: say so and fail the run. Client
    # timeouts are slowness, not breakage: they stay in the table and in the percentiles.
    expected = {"200", "303"}
    failures = [
        f"{name}: {outcome['statuses']}"
        for name, outcome, _ in results
        if {status for status in outcome["statuses"] if status.isdigit()} - expected
    ]
    return report(
        args=args,
        failures=failures,
        database_note=database_note,
        total=total,
        workers=workers,
        redis=redis,
        results=results,
        stored=stored,
        figures_line=figures_line,
        export=(int(written), float(export_seconds), float(export_mb)),
        workers_mb=workers_mb,
    )


def report(
    *,
    args,
    failures,
    database_note,
    total,
    workers,
    redis,
    results,
    stored,
    figures_line,
    export,
    workers_mb=(),
) -> str:
    by_name = {name: outcome for name, outcome, _ in results}
    bare = by_name["bare view (same middleware, no work)"]["rps"]
    post = by_name["public form POST (stored, history, outbox)"]["rps"]
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`scripts/bench.py`); do not edit the figures by hand.",
        "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {machine()}; PostgreSQL, Redis, server and load client all on this one machine.",
        f"- Data: {total:,} complaints in PostgreSQL database `{args.database}` ({database_note}); "
        "generated by `manage.py generate_demo_data` on top of the imported 2025 report.",
        f"- Server: gunicorn, {workers} workers (one per core) × 4 threads, DEBUG off, "
        f"cache and queue {'Redis' if redis else 'database and SQLite file'}, settings `scale.bench_settings`.",
        f"- Load: `scripts/loadgen.py` (asyncio + httpx, own process, loopback), {args.concurrency} concurrent "
        f"clients for {args.duration:g} s per scenario, keep-alive; latency is per request as the client sees it.",
        "",
        "| scenario | requests/s | p50 | p95 | p99 | requests | statuses | 1 client: p50 / p95 "
        "| SQL queries per request |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, outcome, sql in results:
        statuses = ", ".join(f"{k}: {v}" for k, v in outcome["statuses"].items())
        alone = outcome.get("alone")
        single = f"{alone['p50_ms']:.0f} / {alone['p95_ms']:.0f} ms" if alone else ""
        lines.append(
            f"| {name} | {outcome['rps']:.0f} | {outcome['p50_ms']:.0f} ms | {outcome['p95_ms']:.0f} ms | "
            f"{outcome['p99_ms']:.0f} ms | {outcome['requests']:,} | {statuses} | {single} | {sql} |"
        )
    year, year_total, median, worst = figures_line
    written, export_seconds, export_mb = export
    lines += [
        "",
        f"- Public form POST: {stored:,} new complaints for {stored:,} accepted submissions (303), checked.",
        f"- Figures of {year} (`figures_for_year`, {year_total:,} complaints): median {median * 1000:.0f} ms, "
        f"slowest {worst * 1000:.0f} ms of 5 runs.",
        f"- XLSX export of {written:,} complaint rows (openpyxl write-only, server-side cursor, `scale/exports.py`): "
        f"{export_seconds:.1f} s, peak RSS {export_mb:.0f} MB.",
        "",
        "## Targets",
        "",
        f"Issue 17 (and issue 6 before it): p95 with {args.concurrency} clients, p50 with one client alone; "
        "the margin is how far inside (−) or outside (+) the target the figure is.",
        "",
        "| target | measured | met (margin) |",
        "|---|---|---|",
    ]

    def row(target: str, measured: float, limit: float, unit: str, *, at_least: bool = False, upto=False) -> str:
        met = measured >= limit if at_least else measured <= limit if upto else measured < limit
        margin = measured - limit
        shown = f"{measured:,.0f} {unit}".strip()
        return f"| {target} | {shown} | {'yes' if met else 'no'} ({margin:+,.0f} {unit}) |".replace("  ", " ")

    get = by_name["public form GET"]
    lines.append(row("public form GET ≥ 1,000 requests/s", get["rps"], TARGETS["form_get_rps"], "req/s", at_least=True))
    lines.append(row("public form POST ≥ 250 requests/s", post, TARGETS["form_post_rps"], "req/s", at_least=True))
    lines.append(
        f"| POST ≥ 40% of the bare view's requests/s (issue 6) | {post:.0f} / {bare:.0f} = {post / bare:.0%} | "
        f"{'yes' if post >= TARGETS['post_share'] * bare else 'no'} |"
    )
    for name, outcome, _ in results:
        if name.startswith(("bare", "public")):
            continue
        alone = outcome.get("alone")
        if "search" in name:
            single = TARGETS["search_common_p50_ms"] if "common" in name else TARGETS["search_rare_p50_ms"]
            p95_limit = TARGETS["search_p95_ms"]
        else:
            single, p95_limit = TARGETS["staff_p50_ms"], TARGETS["staff_p95_ms"]
        if alone:
            lines.append(row(f"{name}: 1 client p50 ≤ {single} ms", alone["p50_ms"], single, "ms", upto=True))
        lines.append(row(f"{name}: p95 < {p95_limit} ms", outcome["p95_ms"], p95_limit, "ms"))
    if workers_mb:
        lines.append(
            row(
                f"web worker memory after the run < {TARGETS['worker_mb']} MB (largest of {len(workers_mb)})",
                max(workers_mb),
                TARGETS["worker_mb"],
                "MB",
            )
        )
    lines.append(
        f"| one year's figures < 1 s | {worst * 1000:.0f} ms | {'yes' if worst < TARGETS['figures_s'] else 'no'} |"
    )
    lines.append(
        f"| XLSX export of 100,000 rows < 300 MB | {export_mb:.0f} MB ({written:,} rows) | "
        f"{'yes' if export_mb < TARGETS['export_mb'] else 'no'} |"
    )
    lines.append("")
    if failures:
        lines += ["## Errors", "", "These scenarios answered errors; their figures are not valid:", ""]
        lines += [f"- {failure}" for failure in failures]
        lines.append("")
    return "\n".join(lines)


# Sections written by other commands (the import bench, `make evaluate`): a rerun of the
# load test keeps them.
# Sections written by other scripts or by hand: a load-test run keeps them as they are
# (`make bench` then rewrites the location-search and annual-report ones).
KEPT_SECTIONS = (
    "## Import",
    "## Triage",
    "## Location search",
    "## Annual report PDF",
    "## Staff pages, profiled in process",
)


def kept_sections(path: Path) -> str:
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8")
    kept = []
    for heading in KEPT_SECTIONS:
        start = text.find(f"\n{heading}\n")
        if start >= 0:
            end = text.find("\n## ", start + 1)
            kept.append(text[start + 1 : end if end >= 0 else len(text)].rstrip("\n"))
    return "".join(f"\n{section}\n" for section in kept)


def growth_section(store: Path, text: str) -> str:
    """Each scenario at every size measured so far (issue 17 point 4: 100,000 and
    1,000,000), so a page whose cost grows with the data shows. This run's figures are
    read back from its own table and kept in ``store`` (JSON, by number of complaints)."""
    sizes = json.loads(store.read_text(encoding="utf-8")) if store.exists() else {}
    total = text.split("- Data: ", 1)[1].split(" complaints", 1)[0].replace(",", "")
    rows = {}
    for line in text.split("## Targets", 1)[0].splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 9 and cells[0] not in ("scenario", "---"):
            rows[cells[0]] = {"rps": cells[1], "p95": cells[3], "alone": cells[7], "queries": cells[8]}
    sizes[str(int(total) // 100_000 * 100_000 or int(total))] = {"measured": total, "rows": rows}
    store.write_text(json.dumps(sizes, indent=1, sort_keys=True), encoding="utf-8")
    ordered = sorted(sizes, key=int)
    lines = [
        "",
        "## Growth",
        "",
        "Each scenario at every size measured (`docs/benchmarks-sizes.json`, kept between runs): requests/s and "
        "p95 with 16 clients, p50 / p95 of one client, SQL queries per request.",
        "",
        "| scenario | " + " | ".join(f"{int(size):,} complaints" for size in ordered) + " |",
        "|---|" + "---|" * len(ordered),
    ]
    names = list(dict.fromkeys(name for size in ordered for name in sizes[size]["rows"]))
    for name in names:
        cells = []
        for size in ordered:
            row = sizes[size]["rows"].get(name)
            cells.append(
                f"{row['rps']} req/s, p95 {row['p95']}; 1 client {row['alone']}; {row['queries'] or '–'} q"
                if row
                else "–"
            )
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def import_bench(output: Path, rows: int) -> int:
    """The 100,000-row import (issue 11) on SQLite and PostgreSQL, into the "## Import" section."""
    from imports.benchmark import main as import_main

    log(f"import benchmark: {rows:,} rows on SQLite and PostgreSQL")
    server = f"postgres://{PG['user']}@{PG['host']}:5432"
    return import_main(["--rows", str(rows), "--postgres-server", server, "--write", str(output)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="tiny run in a database of its own, dropped after")
    parser.add_argument("--complaints", type=int, default=None)
    parser.add_argument("--duration", type=float, default=None)
    parser.add_argument("--concurrency", type=int, default=None)
    parser.add_argument("--database", default=None)
    parser.add_argument("--export-rows", type=int, default=None)
    parser.add_argument("--output", type=Path, default=None)
    parser.add_argument("--import-only", action="store_true", help="only the import benchmark (issue 11)")
    parser.add_argument("--import-rows", type=int, default=int(os.environ.get("BENCH_IMPORT_ROWS", "100000")))
    args = parser.parse_args()
    if args.import_only:
        if not postgres_reachable():
            raise SystemExit(f"PostgreSQL not reachable at {PG['host']}:5432 (user {PG['user']}): the bench needs it")
        status = import_bench(args.output or ROOT / "docs" / "benchmarks.md", args.import_rows)
        raise SystemExit("the import missed its targets" if status else 0)
    # Given on the command line first, then the smoke sizes or the environment's.
    defaults = {
        "complaints": int(os.environ.get("BENCH_COMPLAINTS", "1000000")),
        "duration": float(os.environ.get("BENCH_DURATION", "20")),
        "concurrency": int(os.environ.get("BENCH_CONCURRENCY", "16")),
        "export_rows": 100_000,
    }
    for name, default in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, SMOKE[name] if args.smoke else default)
    if args.database is None:
        args.database = (
            f"klachtwijs_bench_smoke_{run_id()}" if args.smoke else os.environ.get("BENCH_DATABASE", "klachtwijs_bench")
        )
    if not postgres_reachable():
        raise SystemExit(f"PostgreSQL not reachable at {PG['host']}:5432 (user {PG['user']}): the bench needs it")

    # run() puts the bench server's settings in os.environ (scratch folders removed below); the
    # import benchmark after it starts its own processes from the environment as it was.
    environment = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="klachtwijs-bench-") as folder:
        scratch = Path(folder)
        output = args.output or (scratch / "benchmarks.md" if args.smoke else ROOT / "docs" / "benchmarks.md")
        try:
            # The reading of the figures belongs to the real run only.
            text = run(args, scratch=scratch) + ("" if args.smoke else ANALYSIS)
        finally:
            if args.smoke:
                if "django.db" in sys.modules:
                    from django.db import connections

                    connections.close_all()
                drop_database(args.database)
                log(f"dropped the smoke database {args.database}")
        if not args.smoke:
            text += growth_section(ROOT / "docs" / "benchmarks-sizes.json", text)
            text += kept_sections(output)
        output.write_text(text, encoding="utf-8")
    print(text)
    os.environ.clear()
    os.environ.update(environment)
    if not args.smoke and not os.environ.get("BENCH_SKIP_IMPORT"):
        import_bench(output, args.import_rows)  # its targets are reported in its section
    if "\n## Errors\n" in text:
        raise SystemExit("some scenarios answered errors: see the Errors section")
    missing = [expected for expected in SMOKE_EXPECTED if expected not in text]
    if missing:
        raise SystemExit(f"the report lacks: {', '.join(missing)}")


if __name__ == "__main__":
    main()

"""The load test end to end at a tiny size, so `make bench` cannot rot: a
10,000-complaint database, two seconds per scenario, the report written to a
temporary file (never docs/benchmarks.md)."""

import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]


def postgres_reachable() -> bool:
    try:
        psycopg.connect(host="127.0.0.1", user="postgres", dbname="postgres", connect_timeout=3).close()
        return True
    except psycopg.Error:
        return False


def required() -> bool:
    flag = os.environ.get("KLACHTWIJS_REQUIRE_POSTGRES") or os.environ.get("CI") or ""
    return flag.lower() not in ("", "0", "false")


class BenchSmokeTests(unittest.TestCase):
    def setUp(self) -> None:
        if not postgres_reachable():
            if required():
                self.fail("PostgreSQL is required here (CI / KLACHTWIJS_REQUIRE_POSTGRES) but not reachable")
            self.skipTest("PostgreSQL not reachable on 127.0.0.1:5432")

    def test_it_runs_the_bench_end_to_end(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            output = Path(folder) / "benchmarks.md"
            done = subprocess.run(
                [
                    sys.executable, str(ROOT / "scripts" / "bench.py"), "--complaints", "10000", "--duration", "2",
                    "--concurrency", "4", "--database", "klachtwijs_bench_smoke", "--export-rows", "2000",
                    "--output", str(output),
                ],
                cwd=ROOT, capture_output=True, text=True, timeout=240, check=False,
            )  # fmt: skip
            self.assertEqual(done.returncode, 0, done.stderr[-3000:])
            text = output.read_text(encoding="utf-8")
        for scenario in (
            "bare view",
            "public form POST",
            "coordinator worklist",
            "location manager's list",
            "complaint detail with history",
            "full-text search",
        ):
            self.assertIn(scenario, text)
        self.assertIn("new complaints for", text)
        self.assertIn("## Targets", text)

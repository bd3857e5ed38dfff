#!/usr/bin/env bash
# The load test (issue 6): see scripts/bench.py. BENCH_COMPLAINTS sets the size
# (default 1,000,000); the database klachtwijs_bench is reused when it holds it.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
exec $PY scripts/bench.py "$@"

#!/usr/bin/env bash
# `make test`, five steps: the unit suite on SQLite (the embedded default), the
# unit suite on PostgreSQL (both in parallel processes, pytest-xdist), the tests that
# start real servers (marked `live`, conftest.py) on SQLite and those of them whose
# database matters on PostgreSQL, then the bench smoke run (scripts/bench.py --smoke).
# Without a reachable PostgreSQL the PostgreSQL steps and the bench are skipped with a
# message, unless CI or KLACHTWIJS_REQUIRE_POSTGRES is set: then they fail. A pytest
# run in which no test ran (exit 5) fails too. Arguments go to pytest (all tests, both
# databases, no parallel processes) and skip the bench step. Every database and file
# carries a name unique to the checkout and process, so two checkouts can run this at
# the same time.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PG_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/klachtwijs}"
require_pg="${KLACHTWIJS_REQUIRE_POSTGRES:-${CI:-}}"
# pytest-django prefers this variable to pyproject.toml: never let a demo or bench setting leak in.
unset DJANGO_SETTINGS_MODULE

suite() {
  local label="$1" status=0
  shift
  local started=$SECONDS
  "$@" || status=$?
  echo "== $label: $((SECONDS - started)) s"
  if ((status == 5)); then
    echo "FAILED: no test ran in the $label" >&2
  fi
  return "$status"
}

# Parallel processes for the unit tests: one per core, at most four (KLACHTWIJS_TEST_WORKERS).
# --dist loadscope keeps a test class in one process, so its setUpTestData runs once.
workers="${KLACHTWIJS_TEST_WORKERS:-$(nproc)}"
((workers > 4)) && workers=4
if (($#)); then
  unit=("$@")
  live=()
else
  # The one test that needs schemathesis and hypothesis is live (api/tests/test_fuzz.py): the unit
  # processes neither collect it nor load those plugins, 5 s of CPU saved in each of them.
  unit=(-m "not live" -n "$workers" --dist loadscope -p no:schemathesis -p no:hypothesispytest
    --ignore=api/tests/test_fuzz.py)
  live=(-m live)
fi

echo "== unit suite on SQLite"
suite "unit suite on SQLite" env -u DATABASE_URL $PY -m pytest "${unit[@]}"
if ((${#live[@]})); then
  echo "== live-server tests on SQLite"
  suite "live-server tests on SQLite" env -u DATABASE_URL $PY -m pytest "${live[@]}"
fi

echo "== unit suite on PostgreSQL ($PG_URL)"
if ! $PY - "$PG_URL" <<'PYEOF'
import sys, psycopg
from urllib.parse import urlsplit
url = urlsplit(sys.argv[1])
# Connect to the maintenance database: the test database is created by Django.
try:
    psycopg.connect(host=url.hostname, port=url.port or 5432, user=url.username, password=url.password,
                    dbname="postgres", connect_timeout=3).close()
except Exception as exc:
    print(f"PostgreSQL not reachable: {exc}".strip(), file=sys.stderr)
    sys.exit(1)
PYEOF
then
  if [[ -n "$require_pg" && "$require_pg" != "0" && "$require_pg" != "false" ]]; then
    echo "FAILED: PostgreSQL is required here (CI / KLACHTWIJS_REQUIRE_POSTGRES) but not reachable at $PG_URL" >&2
    exit 1
  fi
  echo "SKIPPED: the PostgreSQL run of the suite and the bench smoke run; start PostgreSQL or set TEST_POSTGRES_URL."
  exit 0
fi
suite "unit suite on PostgreSQL" env DATABASE_URL="$PG_URL" $PY -m pytest "${unit[@]}"
if ((${#live[@]})); then
  echo "== live-server tests on PostgreSQL (those whose database matters)"
  suite "live-server tests on PostgreSQL" env DATABASE_URL="$PG_URL" $PY -m pytest -m "live and not any_database"
fi

if (($#)); then
  echo "SKIPPED: the bench smoke run (tests were selected: $*)"
  exit 0
fi
echo "== bench smoke run (scripts/bench.py --smoke)"
# The bench reaches PostgreSQL as the suite did (host and user of TEST_POSTGRES_URL).
read -r BENCH_PGHOST BENCH_PGUSER < <($PY -c '
import sys; from urllib.parse import urlsplit; url = urlsplit(sys.argv[1])
print(url.hostname or "127.0.0.1", url.username or "postgres")' "$PG_URL")
export BENCH_PGHOST BENCH_PGUSER
started=$SECONDS
./scripts/bench.sh --smoke
echo "== bench smoke run: $((SECONDS - started)) s"

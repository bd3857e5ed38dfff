#!/usr/bin/env bash
# The whole suite on SQLite (the embedded default), then again on PostgreSQL.
# Without a reachable PostgreSQL the second run is skipped with a message,
# unless CI or KLACHTWIJS_REQUIRE_POSTGRES is set: then it fails.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PG_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/klachtwijs}"
require_pg="${KLACHTWIJS_REQUIRE_POSTGRES:-${CI:-}}"

echo "== test suite on SQLite"
env -u DATABASE_URL $PY -m pytest "$@"

echo "== test suite on PostgreSQL ($PG_URL)"
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
  echo "SKIPPED: the PostgreSQL run of the suite; start PostgreSQL or set TEST_POSTGRES_URL to run it."
  exit 0
fi
DATABASE_URL="$PG_URL" $PY -m pytest "$@"

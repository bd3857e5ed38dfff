# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
# pyenv picks the version in .python-version; otherwise any python3.13 on PATH.
PYTHON ?= $(shell pyenv which python 2>/dev/null || command -v python3.13 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
SEED ?= data/seed/klachtenjaarverslag-2025.txt
HOST ?= 127.0.0.1:8000
# The demo runs on the settings with the tooling apps (demo data, generator): config/dev_settings.py,
# with DEBUG on (production leaves it off: docs/deployment.md) and demo users allowed to skip the
# second factor (only ever with DEBUG on).
DEV := DJANGO_SETTINGS_MODULE=config.dev_settings DEBUG=$${DEBUG:-1} KLACHTWIJS_DEMO_SKIP_2FA=$${KLACHTWIJS_DEMO_SKIP_2FA:-1}

.PHONY: run test bench bench-import bench-locations bench-annual-report bench-smoke setup install migrate seed lint lock clean evaluate messages

$(VENV)/.installed: requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 13), f"Python 3.13 needed, found {sys.version.split()[0]} ($(PYTHON))"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

# deduce (triage, issue 16) builds its lookup structures on first use, for minutes, into its
# package directory: once per virtualenv, through manage.py (its cache check reads file times in
# Django's time zone), so neither the worker nor a test waits for it.
$(VENV)/.deduce-cache: $(VENV)/.installed
	$(DEV) $(PY) manage.py triage_prepare
	touch $@

# The system packages, then the message catalogues compiled (locale/*/LC_MESSAGES/*.mo; the
# committed ones are recompiled only when their .po is newer).
install: $(VENV)/.installed $(VENV)/.deduce-cache
	@./scripts/ensure-system-deps.sh
	@$(DEV) $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules --ignore=.git -v0

# The English catalogue in line with the code (config/translations.py): new messages come in
# without English; write it in locale/en/LC_MESSAGES/django.po, then run this again to compile.
messages: install
	$(DEV) $(PY) manage.py shell -v0 -c "from config.translations import update_catalogue; update_catalogue()"
	$(DEV) $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules --ignore=.git -v0

migrate: install
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py createcachetable

seed: migrate
	$(DEV) $(PY) manage.py import_annual_report $(SEED) --year 2025
	$(DEV) $(PY) manage.py setup_demo
	$(DEV) $(PY) manage.py match_locations
	$(DEV) $(PY) manage.py train_category_model --if-changed

setup: seed

run: setup
	$(DEV) HOST=$(HOST) ./scripts/run.sh

# The unit suite on SQLite, then on PostgreSQL, then the bench smoke run (scripts/test.sh).
test: install
	./scripts/test.sh

# Triage figures (issue 16) on triage/evaluation/, into docs/benchmarks.md "## Triage".
evaluate: setup
	$(DEV) $(PY) manage.py evaluate_triage

# Complaints in the load test's database (klachtwijs_bench, reused when it already holds them).
BENCH_COMPLAINTS ?= 1000000
# First at 100,000 complaints (its own database) for the growth table, then at BENCH_COMPLAINTS.
bench: install
	BENCH_COMPLAINTS=100000 BENCH_DATABASE=klachtwijs_bench_100k BENCH_SKIP_IMPORT=1 ./scripts/bench.sh
	BENCH_COMPLAINTS=$(BENCH_COMPLAINTS) ./scripts/bench.sh
	$(MAKE) bench-locations
	$(MAKE) bench-annual-report

# The public form's location search at 1,000 and 30,000 locations, in a PostgreSQL database of its
# own (dropped afterwards), into docs/benchmarks.md "## Location search" (issue 12).
bench-locations: install
	$(PY) scripts/bench_location_search.py

# The annual report PDF of the seed year and of a year of 114,000 complaints, in a PostgreSQL database of
# its own (dropped afterwards), into docs/benchmarks.md "## Annual report PDF" (issue 15 point 5).
bench-annual-report: install
	$(PY) scripts/bench_annual_report.py

# Only the 100,000-row import (issue 11) on SQLite and PostgreSQL, into docs/benchmarks.md "## Import"
# (`make bench` runs it too, after the load test).
bench-import: install
	./scripts/bench.sh --import-only

# The load test end to end at a tiny size (a few minutes), in a database of its own that is dropped
# afterwards; part of `make test`.
bench-smoke: install
	./scripts/bench.sh --smoke

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Regenerate the pinned versions after changing pyproject.toml.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -e '.[dev]'
	.venv-lock/bin/pip freeze --exclude-editable | grep -v '^-e' > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) db.sqlite3 var

# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
# pyenv picks the version in .python-version; otherwise any python3.13 on PATH.
PYTHON ?= $(shell pyenv which python 2>/dev/null || command -v python3.13 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
SEED ?= data/seed/klachtenjaarverslag-2025.txt
HOST ?= 127.0.0.1:8000

.PHONY: run test bench setup install migrate seed lint lock clean evaluate

$(VENV)/.installed: requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 13), f"Python 3.13 needed, found {sys.version.split()[0]} ($(PYTHON))"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

install: $(VENV)/.installed
	@./scripts/ensure-system-deps.sh

# The demo runs with DEBUG on (production leaves it off: docs/deployment.md).
DEMO := DEBUG=$${DEBUG:-1}

migrate: install
	$(DEMO) $(PY) manage.py migrate --noinput
	$(DEMO) $(PY) manage.py createcachetable

seed: migrate
	$(DEMO) $(PY) manage.py import_annual_report $(SEED) --year 2025
	$(DEMO) $(PY) manage.py setup_demo
	$(DEMO) $(PY) manage.py train_category_model
	$(DEMO) $(PY) manage.py triage_prepare

setup: seed

run: setup
	$(DEMO) HOST=$(HOST) ./scripts/run.sh

test: install
	./scripts/test.sh

# Triage figures (issue 16) on triage/evaluation/, into docs/benchmarks.md "## Triage".
evaluate: setup
	$(DEMO) $(PY) manage.py evaluate_triage

# Complaints in the load test's database (klachtwijs_bench, reused when it already holds them).
BENCH_COMPLAINTS ?= 1000000
bench: install
	BENCH_COMPLAINTS=$(BENCH_COMPLAINTS) ./scripts/bench.sh

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

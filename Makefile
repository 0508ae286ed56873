# Alliance Hub: `make run` serves the demo on 127.0.0.1:8000 with a background worker,
# `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)

.PHONY: run install test test-fast lint audit migrate demo bench scale-test screenshots clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo

# The web server, with a worker and the periodic scheduler next to it (stopped with it).
ADDR ?= 127.0.0.1:8000
WORKER ?= $(PY) manage.py db_worker --no-reload
run: demo
	@trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(WORKER) & worker=$$!; \
	$(PY) manage.py run_periodic --loop & scheduler=$$!; \
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver $(ADDR)

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(PY) manage.py makemigrations --check --dry-run

# Known vulnerabilities in the installed dependencies (PyPI's advisory data; needs the
# network): fails on any; says loudly when the advisory data cannot be reached.
audit: install
	$(PY) .ci/audit.py

# The whole suite, browser journeys included (SQLite unless DATABASE_URL is set),
# spread over the machine's cores (TEST_WORKERS=0 runs it in one process); an idle
# worker takes queued tests from a busy one (worksteal), so long tests do not leave one
# core waiting at the end.
TEST_WORKERS ?= auto
TEST_DIST ?= $(if $(filter 0,$(TEST_WORKERS)),no,worksteal)
# On SQLite the test database is a file, so the worker processes that tests start
# (a worker killed mid-job) share it.
SQLITE_TEST_NAME ?= $(CURDIR)/test-artifacts/test-db.sqlite3
export SQLITE_TEST_NAME
test: install
	@$(PY) tests/e2e/browser_check.py || true
	@mkdir -p test-artifacts
	$(PY) -m pytest -n $(TEST_WORKERS) --dist $(TEST_DIST)

# Everything but the browser journeys.
test-fast: install
	@mkdir -p test-artifacts
	$(PY) -m pytest -n $(TEST_WORKERS) --dist $(TEST_DIST) -m "not e2e"

bench: install
	$(PY) bench/run.py

# Two gunicorn nodes, two RQ workers, PostgreSQL, Redis and S3 (moto) under a bounded
# load, one worker killed mid-job (docs/deploy.md). Needs PostgreSQL and redis-server.
scale-test: install
	$(PY) bench/scale_test.py

# The README's screenshots, from a fresh demo in a temporary directory (docs/screenshots.py;
# needs Chromium).
screenshots: install
	$(PY) docs/screenshots.py

clean:
	rm -rf $(VENV) staticfiles test-artifacts

# Alliance Hub: `make run` serves the demo on 127.0.0.1:8000, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)

.PHONY: run install test test-fast lint audit migrate demo bench clean

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

run: demo
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(PY) manage.py makemigrations --check --dry-run

# Known vulnerabilities in the installed dependencies (PyPI's advisory data; needs the
# network). Fails on any, and on any package it could not check (--strict). The project
# itself (editable) is not on PyPI: skipped.
audit: install
	$(BIN)/pip-audit --strict --skip-editable --progress-spinner off

# The whole suite, browser journeys included (SQLite unless DATABASE_URL is set),
# spread over the machine's cores (TEST_WORKERS=0 runs it in one process).
TEST_WORKERS ?= auto
test: install
	@$(PY) tests/e2e/browser_check.py || true
	$(PY) -m pytest -n $(TEST_WORKERS)

# Everything but the browser journeys.
test-fast: install
	$(PY) -m pytest -n $(TEST_WORKERS) -m "not e2e"

bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) staticfiles test-artifacts

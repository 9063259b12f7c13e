# Reintegra — the only commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
SCALE ?= national

.DEFAULT_GOAL := help
.PHONY: help install install-dev messages run test test-fast check lint format typecheck bench clean

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/.runtime: requirements/lock.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/lock.txt
	touch $@

$(BIN)/.dev: requirements/lock-dev.txt $(BIN)/.runtime
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/lock-dev.txt
	touch $@

install: $(BIN)/.runtime messages ## install the runtime into .venv

install-dev: $(BIN)/.dev messages ## install runtime and test tools into .venv

messages: $(BIN)/.runtime ## compile the translations (no system gettext needed)
	$(PY) scripts/compile_messages.py

run: install ## serve the demo on SQLite with fictional data at http://127.0.0.1:8000
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Reintegra demo: http://$(HOST):$(PORT)/  (demo logins are in README.md)"
	$(PY) manage.py runserver --noreload $(HOST):$(PORT)

test: install-dev ## run every test, browser tests included (DATABASE_URL selects PostgreSQL)
	./scripts/ensure_chromium.sh
	$(BIN)/pytest

test-fast: install-dev ## every test except the browser journeys
	$(BIN)/pytest -m "not browser"

check: install-dev ## lint, format check, type check, layer contract, migrations check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy reintegra config
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

format: install-dev ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install-dev ## time the key operations at SCALE=national (or regional); writes bench/results.json
	$(PY) -m bench.run --scale $(SCALE)

clean: ## remove the virtualenv and local data
	rm -rf $(VENV) var

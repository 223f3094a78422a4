# The two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install setup serve lint messages clean

# Reinstall only when pyproject.toml changed since the last install.
$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

# Migrate and load the units and demo data, each step only if it has something to do (stamps kept in
# the database, see democracy/management/commands/prepare.py); `make setup FORCE=1` runs every loader again.
setup: install
	$(PY) manage.py prepare $(if $(FORCE),--force)

# The portal on http://$(HOST):$(PORT) with a Celery worker and beat; one Ctrl-C stops all three.
run: setup serve

serve: install
	@echo "Cổng dân chủ cơ sở: http://$(HOST):$(PORT)/  (Ctrl-C dừng cả web, worker và beat)"
	@HOST=$(HOST) PORT=$(PORT) PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(PY) -m democracy.devserver Procfile.dev

# Fast suite: SQLite, eager Celery. The slow, PostgreSQL, Redis-worker and browser tests run in .ci/run.
test: install
	$(VENV)/bin/pytest -m "not slow and not postgres and not redis and not browser" -q

# Lint: ruff's rules, ruff's formatting (`ruff format .` fixes it), and no model change without its migration.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

# Refresh the English catalogue after changing Vietnamese strings (needs gettext).
messages: install
	$(PY) manage.py makemessages -l en --ignore '.venv/*' --ignore 'tests/*' --ignore 'bench/*'
	$(PY) manage.py compilemessages -l en --ignore '.venv/*'

clean:
	rm -rf $(VENV) var staticfiles

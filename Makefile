# The README's commands. `make run` sets up and serves the archive; `make test` runs every check.
# Without DATABASE_URL both use the embedded PostgreSQL kept under var/postgres/ (started and
# stopped for them); set DATABASE_URL to use another server.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
UV_VERSION := 0.13.9

.PHONY: run serve setup dev db test test-fast lint format clean load lock pgstop worker

run: db  ## set up everything, load the seeds, serve at http://127.0.0.1:8000
	$(MAKE) serve

# Runtime dependencies only, from the lock (hashes checked); the project itself without deps.
setup: $(VENV)/.runtime .env

$(VENV)/.runtime: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

# Development and test tools on top (Playwright, locust, Datasette, schemathesis, ruff...).
dev: $(VENV)/.dev .env

$(VENV)/.dev: requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.runtime

# Local settings, written once: manage.py and archive.wsgi read .env (the environment wins).
.env:
	@key="$$(cat .secret_key 2>/dev/null || $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')"; \
	printf '%s\n' \
	  '# Written by `make run` for this checkout; read by manage.py and archive.wsgi.' \
	  "SECRET_KEY=$$key" \
	  'ALLOWED_HOSTS=127.0.0.1,localhost' \
	  'SECURE_COOKIES=0' \
	  '# No DATABASE_URL: the embedded PostgreSQL under var/postgres/ (python manage.py pgserver url).' \
	  '# DATABASE_URL=postgres://postgres@127.0.0.1:5432/cyberarchive' > $@
	@echo "wrote .env"

db: setup  ## create and migrate the database, load entities and seeds
	$(BIN)/pybabel compile --domain django --directory archive/locale --statistics
	$(BIN)/python manage.py createdb
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_entities
	$(BIN)/python manage.py ingest seeds/

serve: setup
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BIN)/python manage.py serve --bind $(HOST):$(PORT) --workers 2

worker: setup  ## run collecting jobs (captures, the periodic crawl) until stopped
	$(BIN)/python manage.py worker --concurrency 2

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint  ## lint, migrations in sync, the whole test suite on real PostgreSQL
	$(BIN)/pybabel compile --domain django --directory archive/locale --statistics
	DJANGO_SETTINGS_MODULE=archive.settings_test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

test-fast: lint  ## lint and every test but the slow tiers (browser, ops, load, bench)
	$(BIN)/pybabel compile --domain django --directory archive/locale --statistics
	$(BIN)/pytest -m "not slow"

pgstop:  ## stop the embedded PostgreSQL if something left it running
	$(BIN)/python manage.py pgserver stop

load: dev  ## 30 s of steady load on gunicorn (a free port of 127.0.0.1) against DATABASE_URL; percentiles
	DJANGO_SETTINGS_MODULE=archive.settings_test $(BIN)/python -m tests.load.run --seconds 30 --users 20

# After changing dependencies in pyproject.toml: re-resolve both locks (uv, hashes for every
# platform's wheels; the runtime lock is constrained to the dev lock's versions), and uv.lock
# for uv users (tests/site/test_locks.py checks it pins what requirements-dev.txt pins).
lock: dev
	$(BIN)/pip install --quiet uv==$(UV_VERSION)
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
	  --generate-hashes --no-header --annotation-style line -o requirements-dev.txt
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 \
	  --generate-hashes --no-header --annotation-style line -c requirements-dev.txt -o requirements.txt
	$(BIN)/uv lock --python 3.11

format: dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	-test -x $(BIN)/python && $(BIN)/python manage.py pgserver stop
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# The README's commands. `make run` sets up and serves the archive; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/cyberarchive

.PHONY: run serve setup install db test test-fast lint format clean load worker

run: db  ## set up everything, load the seeds, serve at http://127.0.0.1:8000
	$(MAKE) serve

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

.secret_key:
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

# Local serving runs the production settings with a key generated once for this checkout.
LOCAL_ENV = SECRET_KEY="$$(cat .secret_key)" ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" SECURE_COOKIES=0

db: setup .secret_key  ## create and migrate the database, load entities and seeds
	$(LOCAL_ENV) $(BIN)/python manage.py createdb
	$(LOCAL_ENV) $(BIN)/python manage.py migrate --no-input
	$(LOCAL_ENV) $(BIN)/python manage.py load_entities
	$(LOCAL_ENV) $(BIN)/python manage.py ingest seeds/

serve: setup .secret_key
	$(LOCAL_ENV) $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(LOCAL_ENV) $(BIN)/gunicorn archive.wsgi:application --bind $(HOST):$(PORT) --workers 2 --access-logfile -

worker: setup .secret_key  ## run collecting jobs (captures, the periodic crawl) until stopped
	$(LOCAL_ENV) $(BIN)/python manage.py worker --concurrency 2

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint  ## lint, migrations in sync, the whole test suite on real PostgreSQL
	DJANGO_SETTINGS_MODULE=archive.settings_test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

test-fast: lint  ## lint and every test but the slow tiers (browser, ops, load, bench)
	$(BIN)/pytest -m "not slow"

load: setup  ## 30 s of steady load on gunicorn (a free port of 127.0.0.1) against DATABASE_URL; percentiles
	DJANGO_SETTINGS_MODULE=archive.settings_test $(BIN)/python -m tests.load.run --seconds 30 --users 20

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

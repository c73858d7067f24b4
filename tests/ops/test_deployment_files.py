"""docker-compose.yml and the Dockerfile, checked by reading (Docker does not run in CI)."""

import yaml

from tests.conftest import ROOT


def test_compose_has_health_checks_volume_and_non_root_web():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    db, web = compose["services"]["db"], compose["services"]["web"]
    assert "pgdata:/var/lib/postgresql/data" in db["volumes"] and "pgdata" in compose["volumes"]
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert web["healthcheck"]["test"] == ["CMD", "python", "-m", "archive.site.healthcheck"]
    assert web["user"] != "root" and not web["user"].startswith("0")
    for step in ("migrate --no-input", "load_entities", "ingest seeds/", "exec gunicorn"):
        assert step in web["command"]
    # PostgreSQL is tuned past its 128 MB default page cache, from .env
    assert db["command"][:2] == ["postgres", "-c"]
    assert "shared_buffers=${PG_SHARED_BUFFERS:-1GB}" in db["command"]


def test_dockerfile_is_multi_stage_slim_and_non_root():
    text = (ROOT / "Dockerfile").read_text()
    assert text.count("FROM python:3.11-slim") == 2 and "COPY --from=build" in text
    assert "\nUSER archive\n" in text and "HEALTHCHECK" in text
    assert "postgresql-client" in text  # pg_dump / pg_restore for backups


def test_env_example_names_every_setting_compose_requires():
    names = {
        line.split("=", 1)[0]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    }
    assert {"SECRET_KEY", "POSTGRES_PASSWORD", "ALLOWED_HOSTS", "PG_SHARED_BUFFERS"} <= names

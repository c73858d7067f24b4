"""The docker-compose `scale` profile (a replica and PgBouncer), checked by reading: Docker
does not run in CI. The same arrangement runs for real in tests/ops/test_replicas.py."""

import yaml

from tests.conftest import ROOT


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_replica_and_pooler_only_in_the_scale_profile():
    services = compose()["services"]
    assert services["db-replica"]["profiles"] == ["scale"]
    assert services["pgbouncer"]["profiles"] == ["scale"]
    assert "profiles" not in services["db"] and "profiles" not in services["web"]


def test_replica_is_a_streaming_base_backup_of_db():
    replica = compose()["services"]["db-replica"]
    script = replica["command"][0]
    assert "pg_basebackup -h db" in script and " -R " in script and "-X stream" in script
    assert "hot_standby_feedback=on" in script and "exec postgres" in script
    assert replica["user"] == "postgres" and replica["depends_on"]["db"]["condition"] == (
        "service_healthy"
    )
    assert "pgdata-replica:/var/lib/postgresql/data" in replica["volumes"]
    assert "pgdata-replica" in compose()["volumes"]
    # The primary lets it stream: pg_hba gets a replication line on a new data folder.
    db = compose()["services"]["db"]
    hba = [v for v in db["volumes"] if "docker-entrypoint-initdb.d" in v]
    assert hba and (ROOT / "deploy/replication-hba.sh").read_text().count("host replication") == 1


def test_pooler_is_transaction_mode_and_web_can_be_pointed_at_both():
    services = compose()["services"]
    bouncer = services["pgbouncer"]["environment"]
    assert (
        bouncer["POOL_MODE"] == "transaction" and "@db:5432/cyberarchive" in bouncer["DATABASE_URL"]
    )
    web = services["web"]["environment"]
    assert web["DATABASE_URL"].startswith("${DATABASE_URL:-postgres://")
    assert web["DATABASE_REPLICA_URLS"] == "${DATABASE_REPLICA_URLS:-}"
    # jit=off on the servers: PgBouncer (before 1.23) refuses the startup option that sets it.
    assert "jit=off" in services["db"]["command"]
    example = (ROOT / ".env.example").read_text()
    assert "@pgbouncer:5432/cyberarchive?pgbouncer=1" in example
    assert "DATABASE_REPLICA_URLS=postgres://postgres:change-me@db-replica:5432/" in example

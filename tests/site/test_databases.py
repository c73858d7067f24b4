"""DATABASES from the environment (replicas, pooler flags), WAL positions and lag, and the
router's choices; the real replica and PgBouncer are in tests/ops/test_replicas.py."""

import pytest
from django.db import connections
from django.test import RequestFactory

from archive.models import ApiKey, ApiRateBucket, Article, Organisation
from archive.site import replicas, routers
from archive.site.databases import databases_from_env
from archive.site.replicas import lag_seconds, lsn_format, lsn_parse, primary_lsn_note


@pytest.fixture
def env(monkeypatch):
    for name in ("DATABASE_REPLICA_URLS", "DATABASE_POOLER", "CONN_MAX_AGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgres://app:pw@db:5432/archive")
    return monkeypatch


def test_primary_alone_keeps_jit_off_and_server_side_cursors(env):
    databases = databases_from_env()
    assert list(databases) == ["default"]
    default = databases["default"]
    assert default["OPTIONS"] == {"options": "-c jit=off"}
    assert "DISABLE_SERVER_SIDE_CURSORS" not in default


def test_replicas_become_aliases_mirrored_in_tests(env):
    env.setenv("DATABASE_REPLICA_URLS", "postgres://r@r1:5432/archive, postgres://r@r2/archive")
    env.setenv("REPLICA_CONNECT_TIMEOUT", "3")
    databases = databases_from_env()
    assert list(databases) == ["default", "replica_1", "replica_2"]
    assert databases["replica_2"]["HOST"] == "r2"
    assert databases["replica_1"]["OPTIONS"]["connect_timeout"] == "3"
    assert databases["replica_1"]["TEST"] == {"MIRROR": "default"}


def test_pooler_flag_per_url_or_for_all(env):
    env.setenv("DATABASE_URL", "postgres://app@bouncer:6432/archive?pgbouncer=1")
    env.setenv("DATABASE_REPLICA_URLS", "postgres://app@r1/archive")
    databases = databases_from_env()
    pooled, direct = databases["default"], databases["replica_1"]
    assert pooled["DISABLE_SERVER_SIDE_CURSORS"] is True
    # The flag is ours, not libpq's; no prepared statements, no `options` startup parameter.
    assert pooled["OPTIONS"] == {"prepare_threshold": None}
    assert "DISABLE_SERVER_SIDE_CURSORS" not in direct
    env.setenv("DATABASE_POOLER", "1")
    assert all(db.get("DISABLE_SERVER_SIDE_CURSORS") for db in databases_from_env().values())
    env.setenv("DATABASE_URL", "postgres://app@bouncer/archive?pgbouncer=maybe")
    with pytest.raises(Exception, match="not 1 or 0"):
        databases_from_env()


def test_lsn_round_trip():
    assert lsn_parse("16/B374D848") == (0x16 << 32) | 0xB374D848
    assert lsn_format(lsn_parse("16/B374D848")) == "16/B374D848"
    for bad in ("", "16", "x/1", "123456789/0"):
        with pytest.raises(ValueError):
            lsn_parse(bad)


def test_lag_is_the_age_of_the_oldest_sample_the_replica_lacks():
    replicas.reset()
    try:
        primary_lsn_note(100, at=10.0)
        primary_lsn_note(100, at=11.0)  # no new WAL: the earlier time stands
        primary_lsn_note(200, at=12.0)
        primary_lsn_note(300, at=15.0)
        assert lag_seconds(300, now=20.0) == 0.0  # has everything
        assert lag_seconds(250, now=20.0) == 5.0  # lacks what existed at 15
        assert lag_seconds(150, now=20.0) == 8.0  # lacks what existed at 12
        assert lag_seconds(50, now=20.0) == 10.0
    finally:
        replicas.reset()


@pytest.fixture
def replica_read(settings):
    """The router installed, and this context reading from `replica_1` (a name only: no
    query is sent through it here)."""
    settings.DATABASE_ROUTERS = ["archive.site.routers.ReplicaRouter"]
    token = routers._read_alias.set("replica_1")
    yield routers.ReplicaRouter()
    routers._read_alias.reset(token)


def test_router_reads_records_on_the_replica_and_writes_on_the_primary(replica_read):
    router = replica_read
    assert router.db_for_read(Article) == "replica_1"
    assert router.db_for_read(Organisation) == "replica_1"
    assert router.db_for_write(Article) == "default"
    for model in (ApiKey, ApiRateBucket):  # revocation and counters must be current
        assert router.db_for_read(model) == "default"
    from django.contrib.sessions.models import Session

    assert router.db_for_read(Session) == "default"
    assert router.allow_migrate("default", "archive") and not router.allow_migrate("replica_1", "x")


def test_a_transaction_keeps_its_reads_on_the_primary(replica_read, monkeypatch):
    # What atomic() sets on the primary's connection: a read inside it must see its writes.
    monkeypatch.setattr(connections["default"], "in_atomic_block", True)
    assert replica_read.db_for_read(Article) == "default"
    monkeypatch.setattr(connections["default"], "in_atomic_block", False)
    assert replica_read.db_for_read(Article) == "replica_1"


def test_outside_a_read_request_everything_is_primary(settings):
    assert routers.read_alias() == "default"
    assert routers.ReplicaRouter().db_for_read(Article) == "default"


@pytest.mark.parametrize(
    ("method", "path", "replica"),
    [
        ("GET", "/search/?q=x", True),
        ("HEAD", "/api/v1/articles", True),
        ("POST", "/api/v1/articles", False),
        ("GET", "/admin/archive/article/", False),
        ("GET", "/readyz", False),
    ],
)
def test_which_requests_may_read_a_replica(monkeypatch, method, path, replica):
    monkeypatch.setattr(routers, "replicas_usable", lambda min_lsn=None: ["replica_1"])
    request = RequestFactory().generic(method, path)
    assert (routers.replica_for(request) == "replica_1") is replica


def test_a_writer_names_its_position_by_header_or_cookie():
    factory = RequestFactory()
    assert routers.min_lsn_of(factory.get("/")) is None
    by_header = factory.get("/", HTTP_X_ARCHIVE_LSN="1/20")
    assert routers.min_lsn_of(by_header) == (1 << 32) | 0x20
    by_cookie = factory.get("/")
    by_cookie.COOKIES["archive_lsn"] = f"{(1 << 32) | 0x20:x}"
    assert routers.min_lsn_of(by_cookie) == (1 << 32) | 0x20
    junk = factory.get("/", HTTP_X_ARCHIVE_LSN="nonsense")
    assert routers.min_lsn_of(junk) is None

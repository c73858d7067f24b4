"""Read replicas and PgBouncer with real processes: a primary, a streaming replica made by
pg_basebackup -R, PgBouncer in transaction mode in front of both, and gunicorn with the router.

Each test runs twice: the site connected to the servers directly, and through PgBouncer.
Reads are shown to come from the replica by pausing its replay: an article written on the
primary is then missing from the pages of a client that did not write it, and present for the
client that did (read-your-writes), until the replica's lag passes REPLICA_MAX_LAG and every
read goes to the primary.
"""

import json
import shutil
import threading
import time
import uuid

import pytest

from archive.site.replicas import lsn_parse
from tests.ops.cluster import wait_until
from tests.ops.replication import PgBouncer, Server, Site, manage, replica_caught_up

# Seconds (REPLICA_MAX_LAG of the site under test): long enough that the write and the reads
# after it fit in it on a loaded machine, where an API write took over 3 s.
MAX_LAG = 8.0
READS = [
    "/",
    "/search/?q=an+ninh",
    "/organisations/",
    "/api/v1/articles",
    "/api/v1/search?q=an+ninh",
    "/api/v1/organisations",
]


@pytest.fixture(scope="module")
def servers():
    """Primary with the seeds, its replica, PgBouncer over both, and an API key."""
    made = []
    try:
        primary = Server("primary")
        made.append(primary)
        primary.init()
        manage(primary.url(), "migrate", "--no-input")
        manage(primary.url(), "load_entities")
        manage(primary.url(), "ingest", "seeds/")
        token = manage(primary.url(), "apikey", "create", "ops").stdout.strip()
        replica = Server("replica")
        made.append(replica)
        replica.replicate(primary)
        bouncer = None
        if shutil.which("pgbouncer"):
            bouncer = PgBouncer(primary, replica)
            made.append(bouncer)
            bouncer.start()
        assert replica_caught_up(primary, replica)
        yield primary, replica, bouncer, token
    finally:
        for server in reversed(made):
            server.destroy()


@pytest.fixture(scope="module", params=["direct", "pgbouncer"])
def site(request, servers):
    primary, replica, bouncer, _token = servers
    if request.param == "direct":
        urls = primary.url(), [replica.url()]
    elif bouncer is None:
        pytest.skip("pgbouncer is not installed here (apt-get install pgbouncer; .ci/run does)")
    else:
        urls = bouncer.url(), [bouncer.url("cyberarchive_replica")]
    server = Site(
        urls[0],
        urls[1],
        REPLICA_MAX_LAG=str(MAX_LAG),
        REPLICA_CHECK_SECONDS="0.2",
        REPLICA_CONNECT_TIMEOUT="1",
    )
    yield server
    server.stop()


def ready(site: Site) -> dict:
    status, _, body = site.get("/readyz")
    assert status == 200, body
    return json.loads(body)


def replica_state(site: Site) -> str:
    return ready(site)["replicas"]["replica_1"]["state"]


def submit(site: Site, token: str, title: str) -> tuple[int, dict, dict]:
    body = json.dumps({"title": title, "body": f"{title}. Hợp tác phòng chống tội phạm mạng."})
    status, headers, text = site.request(
        "POST",
        "/api/v1/articles",
        body=body.encode(),
        headers={"Content-Type": "application/json", "X-API-Key": token},
    )
    return status, headers, json.loads(text)


def test_readyz_reports_the_replica_and_its_lag(site):
    report = ready(site)
    assert report["status"] == "ok" and report["database"] == "ok"
    replica = report["replicas"]["replica_1"]
    assert replica["state"] == "ok"
    assert 0 <= replica["lag_seconds"] <= MAX_LAG and "/" in replica["replay_lsn"]


def test_reads_come_from_the_replica_and_writers_read_their_writes(site, servers):
    primary, replica, _, token = servers
    assert replica_caught_up(primary, replica)
    replica.sql("SELECT pg_wal_replay_pause()")
    try:
        title = f"Replica test {uuid.uuid4().hex[:8]}"
        status, headers, data = submit(site, token, title)
        assert status == 201, data
        slug = data["article"]["slug"]
        lsn = headers["X-Archive-LSN"]
        cookie = headers["Set-Cookie"].split(";")[0]
        assert cookie == f"archive_lsn={lsn_parse(lsn):x}", headers["Set-Cookie"]

        # Another client: served by the replica, which has not replayed the write.
        assert site.get(f"/articles/{slug}/")[0] == 404
        assert site.get(f"/api/v1/articles/{slug}")[0] == 404
        # The writer: its cookie (browsers) or header (API clients) sends it to the primary.
        page = site.get(f"/articles/{slug}/", Cookie=cookie)
        assert page[0] == 200 and title in page[2], (page[0], cookie, ready(site))
        assert site.get(f"/api/v1/articles/{slug}", **{"X-Archive-LSN": lsn})[0] == 200

        # Replay stays paused: past REPLICA_MAX_LAG the replica is skipped for everyone.
        # Each gunicorn worker caches replica states for REPLICA_CHECK_SECONDS: wait for the
        # report (one worker), then for the page (any worker) to leave the lagging replica.
        # Each worker measures lag from its own samples of the primary's position, so the
        # report checked is the one that said "lagging", not the next (maybe another worker's).
        report = {}

        def lagging() -> bool:
            report.update(ready(site)["replicas"]["replica_1"])
            return report["state"] == "lagging"

        assert wait_until(lagging, 4 * MAX_LAG + 10)
        assert report["lag_seconds"] > MAX_LAG, report
        assert wait_until(lambda: site.get(f"/articles/{slug}/")[0] == 200, 10)
    finally:
        replica.sql("SELECT pg_wal_replay_resume()")
    assert wait_until(lambda: replica_state(site) == "ok", 30)
    assert site.get(f"/articles/{slug}/")[0] == 200  # replayed on the replica too


def test_a_replica_stopped_under_load_costs_no_error(site, servers):
    _, replica, _, _ = servers
    seen: list[tuple[str, int]] = []
    stop = threading.Event()

    def traffic():
        while not stop.is_set():
            for path in READS:
                seen.append((path, site.get(path)[0]))

    workers = [threading.Thread(target=traffic, daemon=True) for _ in range(3)]
    for worker in workers:
        worker.start()
    try:
        time.sleep(1.0)
        replica.stop("immediate")  # mid-load, queries in flight
        assert wait_until(lambda: replica_state(site) == "down", 15)
        during = len(seen)
        time.sleep(1.5)
        assert len(seen) > during  # the site kept answering from the primary
        replica.start()
        assert wait_until(lambda: replica_state(site) == "ok", 30), ready(site)
        time.sleep(0.5)
    finally:
        stop.set()
        for worker in workers:
            worker.join(timeout=30)
    failures = [(path, status) for path, status in seen if status != 200]
    assert not failures, (failures[:20], site.errors())
    assert len(seen) > 3 * len(READS)


def test_export_ingest_and_search_unchanged(site, tmp_path):
    """What a pooler in transaction mode breaks if the app keeps session state: the NDJSON
    export's server-side cursor, prepared statements (a query run more than 5 times on one
    connection), and the bulk ingest's COPY and transactions."""
    status, _, export = site.get("/api/v1/export.ndjson")
    assert status == 200
    lines = [json.loads(line) for line in export.splitlines() if line.strip()]
    # The export is self-contained (issue 22): countries, sources... before the articles.
    articles = [line for line in lines if line["format"] == "cyberarchive.article/1"]
    assert len(articles) >= 2 and all("slug" in line for line in articles)
    for _ in range(12):
        assert site.get("/api/v1/search?q=hop+tac")[0] == 200
    capture = tmp_path / "roundtrip.ndjson"
    capture.write_text(export)
    result = manage(site.url, "ingest", str(capture))  # through PgBouncer in that mode
    assert f"{len(lines)} unchanged" in result.stdout + result.stderr, result.stdout

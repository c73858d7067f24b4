"""A mirror rebuilds from the export (issue 22): `GET /api/v1/export.ndjson` of an archive
holding every kind of record, `manage.py ingest` of it into a second, empty, migrated database
(a real process), then every table compared row by row, ids replaced by the keys that name
records across archives. Ingested again, and into the archive it came from, it changes nothing.
"""

import hashlib
import json
import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from django.apps import apps
from django.db import connection, models

from archive.backup import connect
from archive.ingest.similar import bands_replace
from archive.models import (
    Article,
    ArticleCountry,
    Capture,
    Country,
    Event,
    EventParticipant,
    EventReport,
    Organisation,
    Person,
    Role,
    SlugRedirect,
    Source,
    Story,
)
from archive.site.env import url_from_database
from tests.conftest import ROOT

# Not archive content: keys are secrets, writes their audit, buckets the rate limiter's.
NOT_EXPORTED = {"apikey", "apiwrite", "apiratebucket"}
# The field naming a record across archives, per model; rows of other models (roles, links)
# are compared by their content, foreign keys replaced by these.
NATURAL = {
    "country": "code",
    "source": "slug",
    "organisation": "slug",
    "person": "slug",
    "event": "slug",
    "story": "key",
    "article": "slug",
    "capture": "sha256",  # a revisit names the capture holding its bytes
}


def tables() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_app_config("archive").get_models(include_auto_created=True)
        if model._meta.model_name not in NOT_EXPORTED
    ]


def table_sql(model) -> str:
    """Every row of `model`'s table as text, ids replaced by natural keys, in a stable order."""
    table = model._meta.db_table
    columns, joins = [], []
    for number, field in enumerate(model._meta.concrete_fields):
        if field.primary_key and field.name not in NATURAL.values():
            continue  # a surrogate id: differs between archives
        if field.is_relation:
            target = field.related_model
            key = NATURAL[target._meta.model_name]
            alias = f"r{number}"
            joins.append(
                f"LEFT JOIN {target._meta.db_table} {alias} ON {alias}.{target._meta.pk.column} "
                f"= t.{field.column}"
            )
            columns.append(f"{alias}.{key}::text")
        else:
            columns.append(f"t.{field.column}::text")
    select = ", ".join(columns)
    return f"SELECT {select} FROM {table} t {' '.join(joins)} ORDER BY {select}"


def snapshot(cursor) -> dict[str, list[tuple]]:
    rows = {}
    for model in tables():
        cursor.execute(table_sql(model))
        rows[model._meta.db_table] = [tuple(row) for row in cursor.fetchall()]
    return rows


@pytest.fixture
def every_kind_of_record(db, seed_000, seed_002):
    """The seed archive plus what it lacks: a story, roles, an organisation chain with a
    successor, an event with every link, curated country names, an unreviewed person, an
    article without source or URL, and one with an unusual mention."""
    vn, gb = Country.objects.get(code="VN"), Country.objects.get(code="GB")
    Country.objects.filter(code="GB").update(aliases=["Vương quốc Anh", "Xứ sở sương mù"])
    source = Source.objects.create(
        name="Nguồn Thử", slug="nguon-thu", domain="thu.example", country=vn, aliases=["NT"]
    )
    top = Organisation.objects.create(name="Bộ Thử", slug="bo-thu", country=vn, kind="ministry")
    middle = Organisation.objects.create(name="Tổng cục Thử", slug="tc-thu", parent=top)
    new = Organisation.objects.create(name="Cục Mới", slug="a-cuc-moi", parent=middle)
    Organisation.objects.create(
        name="Cục Cũ", slug="z-cuc-cu", parent=middle, successor=new, dissolved_year=2018
    )
    person = Person.objects.create(name="Nguyễn Văn Thử", slug="nguyen-van-thu", reviewed=False)
    Role.objects.create(person=person, title="Cục trưởng", organisation=new, start_year=2019)
    Role.objects.create(person=person, title="Phó Cục trưởng", rank="Đại tá", start_month=5)
    event = Event.objects.create(
        title="Hội nghị Thử",
        slug="hoi-nghi-thu",
        kind="conference",
        start_month=10,
        start_day=29,
        country=vn,
        city="Hà Nội",
        border_gate="Móng Cái",
        people_count=12,
        arrests=3,
        crime="lừa đảo trực tuyến",
    )
    event.organisers.set([top])
    event.participant_organisations.set([middle, new])
    event.participant_people.set([person])
    event.participant_countries.set([vn, gb])
    EventParticipant.objects.create(event=event, role="host", organisation=top)
    EventParticipant.objects.create(event=event, role="signatory", country=gb)
    EventParticipant.objects.create(event=event, role="visitor", person=person)
    EventReport.objects.create(event=event, article=seed_002, evidence="Hội nghị Thử diễn ra.")
    SlugRedirect.objects.create(kind="organisation", old_slug="cuc-cu-2", new_slug="a-cuc-moi")
    story = Story.objects.create(title=seed_000.title)
    Article.objects.filter(pk__in=[seed_000.pk, seed_002.pk]).update(story=story)
    raw = b"raw \x00\xff bytes"
    lone = Article.objects.create(
        title="Bài không nguồn",
        slug="bai-khong-nguon",
        body="Nội dung của một bài báo không rõ nguồn, mã zyxwquirk.",
        raw=raw,
        raw_sha256=hashlib.sha256(raw).hexdigest(),
        source=source,
        published_at=datetime(2025, 4, 1, 3, 0, tzinfo=UTC),
    )
    bands_replace([lone])  # as every ingest path stores them
    ArticleCountry.objects.create(article=seed_000, country=gb, count=7)
    # Captures of no article (issue 17 keeps them): an image kept, its revisit, a failed fetch.
    image = b"\x89PNG not an article"
    kept = Capture.objects.create(
        url="https://thu.example/anh.png",
        how="crawl",
        status="archived",
        http_status=200,
        headers=[["Content-Type", "image/png"]],
        content_type="image/png",
        raw=image,
        size=len(image),
        sha256=hashlib.sha256(image).hexdigest(),
    )
    Capture.objects.create(
        url=kept.url, how="crawl", status="revisit", sha256=kept.sha256, revisit_of=kept
    )
    Capture.objects.create(
        url="https://thu.example/mat", how="crawl", status="failed", error="connection refused"
    )
    return event


def export(client, **params) -> bytes:
    response = client.get("/api/v1/export.ndjson", params)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def manage(*args, url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "archive.settings_test"}
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result


@pytest.fixture
def mirror(db):
    """A second database on the test server, migrated and empty; dropped after."""
    source = connection.settings_dict
    target = {**source, "NAME": source["NAME"] + "_mirror"}
    admin = {**source, "NAME": "postgres"}
    with connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{target["NAME"]}" (FORCE)')
        conn.execute(f'CREATE DATABASE "{target["NAME"]}"')
    url = url_from_database(source, target["NAME"])  # a TCP host or the embedded server's socket
    try:
        manage("migrate", "--verbosity", "0", url=url)
        yield target, url
    finally:
        with connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{target["NAME"]}" (FORCE)')


def summary(result) -> str:
    return result.stdout.strip().splitlines()[0]


@pytest.mark.slow
def test_an_empty_archive_rebuilt_from_the_export_is_the_same(
    client, every_kind_of_record, mirror, tmp_path
):
    target, url = mirror
    body = export(client)
    formats = [json.loads(line)["format"] for line in body.decode().splitlines()]
    assert formats == sorted(formats, key=IMPORT_ORDER.index)  # records before what names them
    path = tmp_path / "archive.ndjson"
    path.write_bytes(body)

    first = manage("ingest", str(path), "--no-progress", url=url)
    assert " 0 failed" in summary(first)
    with connection.cursor() as cursor:
        original = snapshot(cursor)
    with connect(target) as conn, conn.cursor() as cursor:
        rebuilt = snapshot(cursor)
    assert set(rebuilt) == set(original)
    for table, rows in original.items():
        assert rebuilt[table] == rows, table
    # Every table was compared, and each held something.
    assert all(original[model._meta.db_table] for model in tables()), [
        t for t, rows in original.items() if not rows
    ]
    with connect(target) as conn:
        hashes = conn.execute(
            "SELECT slug, encode(sha256(raw), 'hex') = raw_sha256 FROM archive_article"
        )
        assert all(ok for _, ok in hashes.fetchall())

    # The mirror exports the same bytes, and ingesting its export again changes nothing.
    mirrored = tmp_path / "mirror.ndjson"
    manage("export", str(mirrored), url=url)
    assert mirrored.read_bytes() == body

    # Again into the mirror: nothing changes.
    again = manage("ingest", str(path), "--no-progress", url=url)
    assert summary(again).startswith("0 added, 0 updated,"), summary(again)
    with connect(target) as conn, conn.cursor() as cursor:
        assert snapshot(cursor) == original


@pytest.mark.slow
def test_the_export_into_the_archive_it_came_from_changes_nothing(
    client, every_kind_of_record, tmp_path
):
    from django.core.management import call_command

    body = export(client)
    path = tmp_path / "archive.ndjson"
    path.write_bytes(body)
    with connection.cursor() as cursor:
        before = snapshot(cursor)
    call_command("ingest", str(path), "--no-progress", verbosity=0)
    with connection.cursor() as cursor:
        assert snapshot(cursor) == before
    assert export(client) == body


IMPORT_ORDER = [
    f"cyberarchive.{name}/1"
    for name in (
        *("country", "source", "organisation", "person", "event", "story"),
        *("slug_redirect", "article", "capture"),
    )
]


def test_organisations_come_after_their_parents_and_successors(client, every_kind_of_record):
    lines = [json.loads(line) for line in export(client).decode().splitlines()]
    slugs = [r["slug"] for r in lines if r["format"] == "cyberarchive.organisation/1"]
    assert len(slugs) == len(set(slugs)) == Organisation.objects.count()
    for record in lines:
        if record["format"] == "cyberarchive.organisation/1":
            for other in (record["parent"], record["successor"]):
                if other:
                    assert slugs.index(other) < slugs.index(record["slug"])
    person = next(r for r in lines if r.get("slug") == "nguyen-van-thu")
    assert [role["title"] for role in person["roles"]] == ["Phó Cục trưởng", "Cục trưởng"]
    assert person["roles"][1]["organisation"] == "a-cuc-moi"


def test_filters_select_articles_for_a_partial_mirror(client, every_kind_of_record, seed_002):
    def articles(**params):
        lines = [json.loads(line) for line in export(client, **params).decode().splitlines()]
        stories = [r for r in lines if r["format"] == "cyberarchive.story/1"]
        return sorted(r["slug"] for r in lines if r["format"] == "cyberarchive.article/1"), stories

    everything, stories = articles()
    assert len(everything) == 3 and len(stories) == 1
    assert articles(q="zyxwquirk")[0] == ["bai-khong-nguon"]
    assert articles(q="zyxwquirk")[1] == []  # its story-less article brings no story
    assert articles(person="luong-tam-quang")[0] == [seed_002.slug]
    assert articles(source="nguon-thu")[0] == ["bai-khong-nguon"]
    Article.objects.filter(slug="bai-khong-nguon").update(
        updated_at=datetime(2030, 1, 1, tzinfo=UTC)
    )
    assert articles(updated_since="2029-12-31T00:00:00Z")[0] == ["bai-khong-nguon"]
    # The other records come whole: a partial mirror imports.
    partial = export(client, person="luong-tam-quang").decode()
    assert '"cyberarchive.organisation/1"' in partial and '"cyberarchive.country/1"' in partial
    response = client.get("/api/v1/export.ndjson", {"updated_since": "yesterday"})
    assert response.status_code == 422

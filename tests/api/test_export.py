"""GET /api/v1/export.ndjson and its round trip through `manage.py ingest`."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import Article


def export(client) -> bytes:
    response = client.get("/api/v1/export.ndjson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-ndjson"
    assert response.streaming
    return b"".join(response.streaming_content)


def article_lines(body: bytes) -> list[str]:
    """The export's article records (the records they name come first, issue 22)."""
    return [
        line
        for line in body.decode().splitlines()
        if json.loads(line)["format"] == "cyberarchive.article/1"
    ]


def test_export_has_every_article_with_entities(client, seed_002):
    lines = article_lines(export(client))
    assert len(lines) == Article.objects.count() == 2
    record = next(json.loads(line) for line in lines if json.loads(line)["slug"] == seed_002.slug)
    assert record["raw_sha256"] == seed_002.raw_sha256
    assert record["people"] == [
        {
            "slug": "luong-tam-quang",
            "count": record["people"][0]["count"],
            "role": record["people"][0]["role"],
        }
    ]
    assert {c["code"] for c in record["countries"]} == {"GB", "VN"}
    assert record["source"] == "dang-cong-san"


def test_round_trip_export_import_export_is_identical(client, db, tmp_path):
    first = export(client)
    path = tmp_path / "archive.ndjson"
    path.write_bytes(first)
    Article.objects.all().delete()
    assert article_lines(client.get("/api/v1/export.ndjson").getvalue()) == []
    call_command("ingest", str(path), verbosity=0)
    assert Article.objects.count() == 2
    assert export(client) == first
    call_command("ingest", str(path), verbosity=0)  # idempotent: nothing changes
    assert export(client) == first


def test_bad_lines_are_reported_with_path_and_line(client, db, tmp_path, capsys):
    good = article_lines(export(client))[0]
    record = json.loads(good)
    wrong_hash = json.dumps({**record, "raw_sha256": "0" * 64})
    unknown = json.dumps({**record, "organisations": [{"slug": "no-such-org", "count": 1}]})
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([good, "{not json", wrong_hash, unknown, ""]) + "\n")
    with pytest.raises(CommandError, match="3 of"):
        call_command("ingest", str(path), verbosity=0)
    err = capsys.readouterr().err
    assert f"{path}:2: not JSON" in err
    assert f"{path}:3: raw_sha256 does not match" in err
    assert f"{path}:4: organisations: unknown slug 'no-such-org'" in err

"""NDJSON `versions`: an empty list is an article held without any capture, and stays so; a
line without the key (an export from before captures) gives the article its current capture."""

import base64
import hashlib
import json

import pytest

from archive.ingest.formats.ndjson import FORMAT, article_record, import_line
from archive.models import Capture

pytestmark = pytest.mark.django_db


def line(slug: str, **extra) -> str:
    raw = f"raw bytes of {slug}".encode()
    record = {
        "format": FORMAT,
        "slug": slug,
        "title": f"Bài {slug}",
        "body": "Nội dung.",
        "raw_base64": base64.b64encode(raw).decode("ascii"),
        "raw_sha256": hashlib.sha256(raw).hexdigest(),
        **extra,
    }
    return json.dumps(record, ensure_ascii=False)


def test_an_empty_versions_list_makes_no_capture_up():
    status, article = import_line(line("khong-ban-luu", versions=[]))
    assert status == "added"
    assert not Capture.objects.filter(article=article).exists()
    exported = article_record(article)  # as the export writes it back
    assert exported["versions"] == []
    assert import_line(json.dumps(exported, ensure_ascii=False))[0] == "unchanged"
    assert not Capture.objects.filter(article=article).exists()


def test_a_line_from_before_versions_gets_its_current_capture():
    status, article = import_line(line("ban-cu"))
    assert status == "added"
    [capture] = Capture.objects.filter(article=article)
    assert (capture.sha256, capture.status, capture.how) == (article.raw_sha256, "article", "file")
    assert bytes(capture.raw) == bytes(article.raw)
    import_line(line("ban-cu"))
    assert Capture.objects.filter(article=article).count() == 1

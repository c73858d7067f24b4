"""Small factories for API tests."""

import hashlib
import itertools

from archive.models import Article

_numbers = itertools.count(1)


def make_article(**fields) -> Article:
    number = next(_numbers)
    raw = fields.pop("raw", f"capture {number} {fields.get('title', '')}".encode())
    defaults = {
        "title": f"Bài số {number}",
        "slug": f"bai-so-{number}-{hashlib.sha256(raw).hexdigest()[:6]}",
        "body": "Nội dung.",
        "raw": raw,
        "raw_sha256": hashlib.sha256(raw).hexdigest(),
    }
    return Article.objects.create(**{**defaults, **fields})


def send(client, method: str, path: str, payload, auth: dict) -> tuple[int, dict]:
    """A JSON write (post, patch, ...) with the key headers: (status, body)."""
    response = getattr(client, method)(path, payload, content_type="application/json", **auth)
    return response.status_code, response.json()

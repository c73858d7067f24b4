"""API keys: created once (the key is shown once), stored as SHA-256, revocable."""

import hashlib
import secrets

from django.utils import timezone

from archive.models import ApiKey, ApiWrite, Country

KEY_PREFIX = "cca_"


class ApiKeyError(ValueError):
    pass


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def apikey_create(*, name: str) -> tuple[ApiKey, str]:
    """A new key named `name`; returns the record and the key itself (never stored)."""
    name = name.strip()
    if not name:
        raise ApiKeyError("a key needs a name")
    if ApiKey.objects.filter(name=name).exists():
        raise ApiKeyError(f"a key named {name!r} already exists")
    token = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey.objects.create(name=name, prefix=token[:8], key_sha256=_digest(token))
    return key, token


def apikey_revoke(*, name: str) -> ApiKey:
    key = ApiKey.objects.filter(name=name).first()
    if key is None:
        raise ApiKeyError(f"no key named {name!r}")
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
    return key


def apikey_authenticate(token: str | None) -> ApiKey | None:
    """The live key `token` stands for, or None (unknown, revoked or empty)."""
    if not token or len(token) > 200:
        return None
    key = ApiKey.objects.filter(key_sha256=_digest(token), revoked_at__isnull=True).first()
    if key is not None:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    return key


def token_from_request(request) -> str | None:
    """The key sent as `Authorization: Bearer ...` or `X-API-Key: ...`."""
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("X-API-Key", "").strip() or None


def api_write_record(*, key: ApiKey, action: str, kind: str, record) -> ApiWrite:
    """The audit row of one write; a country is recorded by its ISO code (no numeric id)."""
    if isinstance(record, Country):
        record_id, slug = None, record.code
    else:
        record_id, slug = record.pk, record.slug
    return ApiWrite.objects.create(
        key=key, action=action, kind=kind, record_id=record_id, slug=slug
    )

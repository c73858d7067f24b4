"""API rate limits shared by every worker: one row per bucket in PostgreSQL, counted atomically.

A bucket is an API key or a client address. Its first request opens a window as long as the
rate's period; every request adds one to the window's count in a single
`INSERT ... ON CONFLICT DO UPDATE` statement, so gunicorn workers (or hosts) sharing the
database never lose a count to a race; once the window has passed, the next request opens a new
one. Rows of windows closed for a day are deleted now and then.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from archive.models import ApiRateBucket

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
CLEANUP_CHANCE = 0.001  # about one request in a thousand deletes stale rows

# The table of ApiRateBucket (archive_apiratebucket), named literally: no SQL is built at run time.
_HIT = """
INSERT INTO archive_apiratebucket AS b (bucket, window_start, hits) VALUES (%(bucket)s, now(), 1)
ON CONFLICT (bucket) DO UPDATE SET
    window_start = CASE WHEN b.window_start <= now() - %(period)s THEN now()
                        ELSE b.window_start END,
    hits = CASE WHEN b.window_start <= now() - %(period)s THEN 1
                ELSE LEAST(b.hits, %(limit)s) + 1 END
RETURNING hits, EXTRACT(EPOCH FROM b.window_start + %(period)s - now())
"""


@dataclass(frozen=True)
class Rate:
    limit: int
    seconds: int


def rate_parse(rate: str) -> Rate:
    """'60/min' -> Rate(60, 60); the period's first letter counts (s, m, h, d)."""
    count, _, period = rate.partition("/")
    return Rate(int(count), PERIODS[period.strip()[:1]])


@dataclass(frozen=True)
class Hit:
    allowed: bool
    hits: int  # requests counted in this window, this one included (at most limit + 1)
    retry_after: float  # seconds until the window closes


def rate_hit(*, bucket: str, rate: Rate) -> Hit:
    """Count one request in `bucket`; allowed while the window holds at most `rate.limit`."""
    period = timedelta(seconds=rate.seconds)
    with connection.cursor() as cursor:
        cursor.execute(_HIT, {"bucket": bucket[:200], "period": period, "limit": rate.limit})
        hits, remaining = cursor.fetchone()
    if random.random() < CLEANUP_CHANCE:  # noqa: S311 - not for security
        stale = timezone.now() - period - timedelta(days=1)
        ApiRateBucket.objects.filter(window_start__lt=stale).delete()
    return Hit(hits <= rate.limit, hits, max(float(remaining), 0.0))

"""Fixtures of the search tests."""

import pytest
from django.db import transaction

from tests.search.corpus import CAPTURES


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The captures above, ingested once per module in a transaction rolled back at the end."""
    from archive.ingest.service import Ingester

    with django_db_blocker.unblock(), transaction.atomic():
        ingester = Ingester()
        articles = {
            key: ingester.ingest_text(raw=text.encode(), name=f"test/{key}.txt").article
            for key, text in CAPTURES.items()
        }
        yield articles
        transaction.set_rollback(True)

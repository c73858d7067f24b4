import pytest

from tests.charts import fixture


@pytest.fixture
def chart_world(db):
    """The known fixture (tests/charts/fixture.py), inside the test's transaction."""
    from django.core.cache import cache

    cache.clear()
    return fixture.build()

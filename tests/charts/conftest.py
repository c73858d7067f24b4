import pytest

from tests.charts import fixture


def pytest_configure(config):
    # Registered here until the layout's markers land in pyproject.toml.
    for marker in ("slow: starts servers or browsers", "browser: drives Chromium"):
        config.addinivalue_line("markers", marker)


@pytest.fixture
def chart_world(db):
    """The known fixture (tests/charts/fixture.py), inside the test's transaction."""
    from django.core.cache import cache

    cache.clear()
    return fixture.build()

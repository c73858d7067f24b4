import pytest

from archive.api.keys import apikey_create


@pytest.fixture
def auth(db):
    """Headers carrying a fresh write key."""
    return {"HTTP_X_API_KEY": apikey_create(name="partner")[1]}

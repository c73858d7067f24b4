import pytest
from django.test import Client


@pytest.fixture
def client():
    """Pages in English: the assertions read the English strings (Vietnamese is the default)."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")

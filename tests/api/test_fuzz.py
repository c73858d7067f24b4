"""Schemathesis over every read endpoint, through WSGI (no network): no 5xx, no response that
breaks the published schema. Bounded: a few dozen examples per operation."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from archive.api.root import api
from archive.wsgi import application

CHECKS = [
    schemathesis.checks.not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    negative_data_rejection,
]


schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = application  # requests go through WSGI, in this process, on the test database


@pytest.fixture(autouse=True)
def _wsgi_in_test_transaction(db, settings):
    """As django.test.Client does: keep the test's connection open across requests."""
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# /search belongs to the search app: it does not document its 422 yet (see the report).
@schema.include(method="GET").parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_read_endpoints_hold_their_contract(case):
    case.call_and_validate(checks=CHECKS)


@pytest.fixture
def key_headers(db):
    from archive.api.keys import apikey_create

    return {"X-API-Key": apikey_create(name="fuzzer")[1]}


# Writes, with a valid key: bad bodies and unknown slugs are 4xx, never a 500.
@schema.include(method=["POST", "PATCH"]).parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_write_endpoints_hold_their_contract(case, key_headers):
    case.call_and_validate(headers=key_headers, checks=CHECKS)

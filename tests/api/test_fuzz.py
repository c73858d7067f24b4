"""Schemathesis over every read endpoint, through WSGI (no network): no 5xx, no response that
breaks the published schema. Bounded: a few dozen examples per operation."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
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
# The key sent is the fixture's: generated Authorization headers would replace it, and the
# writes would all be 401s.
schema.config.generation.update(with_security_parameters=False)


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


# Valid writes only, with a key (issue 22): bodies the schema allows create or update records,
# and every answer, 201 included, must match the schema. Records named by slug that do not
# exist are the documented 404 (PATCH) or 422 `unknown_reference`; nothing else may fail.
positive = schemathesis.openapi.from_dict(api.get_openapi_schema())
positive.app = application
positive.config.generation.update(modes=[GenerationMode.POSITIVE], with_security_parameters=False)


@pytest.mark.slow
@positive.include(method=["POST", "PATCH"]).parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_valid_writes_succeed_and_match_the_schema(case, key_headers):
    response = case.call_and_validate(headers=key_headers, checks=CHECKS)
    allowed = {200, 201, 404, 409, 422} if case.method == "PATCH" else {200, 201, 409, 422}
    assert response.status_code in allowed, (response.status_code, response.text[:300])
    if response.status_code == 422:
        assert response.json()["code"] in {
            "unknown_reference",
            "not_an_iso_country",
            "invalid_parameter",
            "bad_capture",
        }

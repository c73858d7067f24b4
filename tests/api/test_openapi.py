"""The schema is the contract: every operation and field is described, with examples."""

import pytest


@pytest.fixture
def openapi(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_docs_page(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200 and b"openapi.json" in response.content


def test_every_operation_has_summary_and_description(openapi):
    paths = openapi["paths"]
    expected = {
        "/api/v1/articles",
        "/api/v1/articles/{slug}",
        "/api/v1/organisations",
        "/api/v1/organisations/{slug}",
        "/api/v1/people",
        "/api/v1/people/{slug}",
        "/api/v1/events",
        "/api/v1/events/{slug}",
        "/api/v1/countries",
        "/api/v1/countries/{code}",
        "/api/v1/sources",
        "/api/v1/sources/{slug}",
        "/api/v1/export.ndjson",
        "/api/v1/search",
    }
    assert expected <= set(paths)
    mine = {path: ops for path, ops in paths.items() if path != "/api/v1/search"}
    for path, operations in mine.items():
        for method, operation in operations.items():
            assert operation.get("summary"), f"{method} {path}"
            assert operation.get("description"), f"{method} {path}"
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                described = parameter.get("description") or schema.get("description")
                assert described, f"{method} {path} {parameter['name']}"


def test_every_output_field_has_a_description(openapi):
    schemas = openapi["components"]["schemas"]
    suffixes = ("Out", "Detail", "Ref", "Item", "In", "Patch", "Fields")
    ours = [name for name in schemas if name.endswith(suffixes)]
    assert "ArticleOut" in ours and "OrganisationDetail" in ours
    assert {"EventIn", "EventPatch", "CountryIn", "ArticlePatch", "OrganisationPatch"} <= set(ours)
    for name in ours:
        if name in {"SearchItem"}:  # the search app's
            continue
        for field, spec in schemas[name].get("properties", {}).items():
            assert spec.get("description"), f"{name}.{field}"


WRITES = [
    ("post", "/api/v1/articles"),
    ("patch", "/api/v1/articles/{slug}"),
    ("post", "/api/v1/organisations"),
    ("patch", "/api/v1/organisations/{slug}"),
    ("post", "/api/v1/people"),
    ("patch", "/api/v1/people/{slug}"),
    ("post", "/api/v1/events"),
    ("patch", "/api/v1/events/{slug}"),
    ("post", "/api/v1/countries"),
    ("patch", "/api/v1/countries/{code}"),
]


@pytest.mark.parametrize(("method", "path"), WRITES)
def test_write_operations_declare_key_security_and_errors(openapi, method, path):
    operation = openapi["paths"][path][method]
    assert operation["security"] and openapi["components"]["securitySchemes"]
    assert {"401", "422", "429"} <= set(operation["responses"])
    assert operation["summary"] and operation["description"]


def test_every_write_field_has_an_example(openapi):
    schemas = openapi["components"]["schemas"]
    for name in ["ArticlePatch", "EventIn", "EventPatch", "CountryFields", "CountryIn"]:
        for field, spec in schemas[name]["properties"].items():
            assert spec.get("examples") is not None, f"{name}.{field}"


def _no_duplicate_keys(pairs):
    keys = [key for key, _ in pairs]
    duplicated = sorted({key for key in keys if keys.count(key) > 1})
    assert not duplicated, f"duplicated mapping keys: {duplicated}"
    return dict(pairs)


def test_the_schema_is_valid_openapi_without_duplicate_keys(client, db):
    """Strict: openapi-spec-validator on the document as served, parsed so that a key given
    twice (two "200" under one operation, which Swagger UI refuses to render) fails."""
    import json

    from openapi_spec_validator import validate

    response = client.get("/api/v1/openapi.json")
    document = json.loads(response.content, object_pairs_hook=_no_duplicate_keys)
    validate(document)

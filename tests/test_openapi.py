"""The OpenAPI 3.1 document covers every route, status and error body, from the same models."""

from __future__ import annotations

import jsonschema

from app import app
from chalicelib.api.openapi import document


def test_every_route_is_documented():
    paths = document()["paths"]
    served = {(path, method.lower()) for path, methods in app.routes.items() for method in methods}
    documented = {(path, method) for path, operations in paths.items() for method in operations}
    assert served - {("/v1/openapi.json", "get")} == documented
    unauthenticated = {path for path, ops in paths.items() for op in ops.values() if op.get("security") == []}
    assert unauthenticated == {"/v1/health"}


def test_every_error_response_is_a_problem():
    for path, operations in document()["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    schema = response["content"]["application/problem+json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/Problem"}, (path, method, status)
            assert "500" in operation["responses"], (path, method)
            if operation.get("security") != []:  # every route but the health check needs a token
                assert "401" in operation["responses"], (path, method)


def test_every_reference_resolves_and_request_bodies_validate_samples(client):
    from tests.conftest import load_event

    doc = document()
    registry_schema = {"$defs": doc["components"]["schemas"]}
    text = str(doc)
    for name in doc["components"]["schemas"]:
        assert f"#/components/schemas/{name}" in text or name == "Problem"
    body = doc["paths"]["/v1/cases"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    schema = {**registry_schema, **doc["components"]["schemas"][body["$ref"].rsplit("/", 1)[1]]}
    schema = _rebase(schema)
    jsonschema.validate(load_event("api/open-case.json"), schema)


def test_served_document_matches(api):
    response = api.call("GET", "/v1/openapi.json", None)
    assert response.status_code == 200
    assert response.data["openapi"] == "3.1.0"
    assert "/v1/referrals/{referral_id}/accept" in response.data["paths"]


def _rebase(schema):
    """Points `#/components/schemas/X` at `#/$defs/X` so jsonschema can resolve it standalone."""
    import json

    return json.loads(json.dumps(schema).replace("#/components/schemas/", "#/$defs/"))


def test_health_says_the_api_is_up_and_its_version_and_nothing_else(api, dynamo_calls):
    import tomllib
    from pathlib import Path

    dynamo_calls.reset()
    response = api.call("GET", "/v1/health", None)
    assert response.status_code == 200
    version = tomllib.loads(Path("pyproject.toml").read_text())["project"]["version"]
    assert response.data == {"status": "ok", "version": version}
    assert dynamo_calls.operations == []


def test_the_document_says_which_routes_a_quota_can_refuse():
    from chalicelib.api.openapi import document

    paths = document()["paths"]
    refusing = {
        (method.upper(), path)
        for path, operations in paths.items()
        for method, op in operations.items()
        if "429" in op["responses"]
    }
    assert refusing == {
        ("POST", "/v1/cases/{case_id}/identifiers"),
        ("POST", "/v1/deconfliction/checks"),
        ("POST", "/v1/operations"),
        ("PATCH", "/v1/operations/{operation_id}"),
    }

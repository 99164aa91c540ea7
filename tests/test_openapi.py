"""The OpenAPI 3.1 document covers every route, status and error body, from the same models."""

from __future__ import annotations

import inspect
import os

import jsonschema

from app import app
from chalicelib.api.openapi import document
from chalicelib.api.routes import reference
from tests.conftest import every_operation, load_event


def test_every_route_is_documented():
    paths = document()["paths"]
    served = {(path, method.lower()) for path, methods in app.routes.items() for method in methods}
    documented = {(path, method) for path, operations in paths.items() for method in operations}
    # Not operations of the API: the document itself, and the reference that shows it.
    assert served - {("/v1/openapi.json", "get")} - {(path, "get") for path in reference.PATHS} == documented
    unauthenticated = {path for path, ops in paths.items() for op in ops.values() if op.get("security") == []}
    assert unauthenticated == {"/v1/health"}


def test_a_summary_is_its_views_docstring_and_stays_out_of_the_packaged_api_definition():
    # `chalice package` writes a route function's docstring into the API Gateway definition.
    declared = {(op.path, op.method): op.summary for op in every_operation()}
    for path, methods in app.routes.items():
        for method, entry in methods.items():
            if (path, method) in declared:
                assert inspect.getdoc(entry.view_function) is None, (path, method)
                view_doc = inspect.getdoc(entry.view_function.__wrapped__)
                assert view_doc is not None, (path, method)
                assert declared[path, method] == " ".join(view_doc.split()).removesuffix("."), (path, method)


def test_every_error_response_is_a_problem_and_every_401_says_why():
    for path, operations in document()["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    schema = response["content"]["application/problem+json"]["schema"]
                    model = "Unauthorized" if status == "401" else "Problem"
                    assert schema == {"$ref": f"#/components/schemas/{model}"}, (path, method, status)
            assert "500" in operation["responses"], (path, method)
            if operation.get("security") != []:  # every route but the health check needs a token
                assert "401" in operation["responses"], (path, method)


def test_every_reference_resolves():
    doc = document()
    text = str(doc)
    for name in doc["components"]["schemas"]:
        assert f"#/components/schemas/{name}" in text or name == "Problem"


def test_every_sample_body_is_an_example_of_its_operation_and_valid_against_its_schema():
    from scripts.generate_client import SAMPLES

    doc = document()
    # The schemas checked against the metaschema once; `jsonschema.validate` would check all of
    # them again for every sample (11 s of the 12 this test took).
    defs = _rebase(doc["components"]["schemas"])
    jsonschema.Draft202012Validator.check_schema({"$defs": defs})
    shown: list[str] = []
    for operations in doc["paths"].values():
        for operation in operations.values():
            content = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
            for name, example in content.get("examples", {}).items():
                model = content["schema"]["$ref"].rsplit("/", 1)[1]
                jsonschema.Draft202012Validator({"$defs": defs, **defs[model]}).validate(example["value"])
                assert example["value"] == load_event(f"api/{name}.json"), name
                shown.append(name)
    assert sorted(shown) == sorted(path.stem for path in SAMPLES.glob("*.json"))  # each once


def test_the_lambda_bundles_copy_of_the_samples_is_what_events_api_holds_today():
    from scripts.generate_client import EXAMPLES, examples

    assert EXAMPLES.read_text() == examples(), "run `make client` and commit what changed"


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
    from chalicelib import __version__

    dynamo_calls.reset()
    response = api.call("GET", "/v1/health", None)
    assert response.status_code == 200
    assert response.data == {"status": "ok", "version": __version__}
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


# What generators need (issue 19): a valid document, verbs, a tag per area, named and typed
# schemas, one enum per concept, a server; and a client generated from it without a warning.


def test_the_document_is_valid_openapi_3_1():
    from openapi_spec_validator import validate

    validate(document())


def test_operation_ids_are_unique_verbs_and_each_operation_has_its_areas_tag():
    import re

    operations = [op for ops in document()["paths"].values() for op in ops.values()]
    ids = [op["operationId"] for op in operations]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z]+(?:[A-Z][a-z0-9]*)*", op_id) for op_id in ids), ids
    assert {"openCase", "acceptReferral", "submitTipBatch", "askEmergencyRequest", "readEvents"} <= set(ids)
    tags = {tag["name"] for tag in document()["tags"]}
    assert {"cases", "referrals", "tips", "legal", "emergency", "events"} <= tags
    assert all(len(op["tags"]) == 1 and op["tags"][0] in tags for op in operations)


def test_no_schema_is_an_anonymous_object_and_list_filters_reuse_the_status_enums():
    untyped: list[str] = []

    def walk(node, path):
        if isinstance(node, dict):
            if node.get("additionalProperties") is True:
                untyped.append(path)
            if node.get("type") == "object" and not {"properties", "additionalProperties", "$ref"} & node.keys():
                untyped.append(path)
            for key, value in node.items():
                walk(value, f"{path}/{key}")
        elif isinstance(node, list):
            for n, value in enumerate(node):
                walk(value, f"{path}/{n}")

    walk(document(), "")
    assert untyped == []
    [status] = [p for p in document()["paths"]["/v1/cases"]["get"]["parameters"] if p["name"] == "status"]
    assert status["schema"] == {"$ref": "#/components/schemas/CaseStatus"}
    case_out = document()["components"]["schemas"]["CaseOut"]["properties"]["status"]
    assert case_out == {"$ref": "#/components/schemas/CaseStatus"}
    batch = document()["components"]["schemas"]["TipBatch"]["properties"]["tips"]
    assert batch["items"] == {"$ref": "#/components/schemas/TipIn"}


def test_the_served_document_names_the_stage_that_served_it(api):
    served = api.call("GET", "/v1/openapi.json", None, headers={"Host": "api.casebridge.example.gov"}).data
    assert served["servers"] == [{"url": "http://api.casebridge.example.gov", "description": "casebridge test"}]
    proxied = api.call(
        "GET", "/v1/openapi.json", None, headers={"Host": "api.example.gov", "X-Forwarded-Proto": "https"}
    ).data
    assert proxied["servers"][0]["url"] == "https://api.example.gov"


def test_settings_first_read_inside_a_request_are_the_suites_stage(api, request):
    """Chalice's test client patches a stage's variables of `.chalice/config.json` into every
    request; `app_client` names the suite's stage, so the `dev` stage's table and name stay out."""
    from chalicelib.settings import settings

    settings.cache_clear()
    request.addfinalizer(settings.cache_clear)
    served = api.call("GET", "/v1/openapi.json", None).data
    assert served["servers"][0]["description"] == "casebridge test"
    assert settings().table_name == os.environ["CASEBRIDGE_TABLE"] != "casebridge-dev"


def test_openapi_python_client_generates_a_client_from_the_document_without_a_warning(generated_client):
    """openapi-python-client, as `make client` runs it (`scripts/generate_client.py`, which fails
    on a non-zero exit), generated once for the session (`generated_client`)."""
    generated, output = generated_client
    assert "Warning" not in output and "Skipping" not in output, output
    modules = {path.name for path in (generated / "api").iterdir() if path.is_dir()}
    assert modules == {tag["name"] for tag in document()["tags"]}
    assert (generated / "api" / "cases" / "open_case.py").exists()
    models = generated / "models"
    assert "tips: list[TipIn]" in (models / "tip_batch.py").read_text()  # not an untyped item
    assert "detail: EventDetail" in (models / "feed_event.py").read_text()
    assert not (models / "get_v1_cases_status.py").exists()  # the filter is CaseStatus itself

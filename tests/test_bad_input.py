"""Bad input gets a clear problem response with the right status, and nothing is written."""

from __future__ import annotations

import pytest

from chalicelib.storage.table import CaseItem
from tests.conftest import load_event


def _no_case_written():
    return list(CaseItem.scan()) == []


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ("{not json", 400, None),
        (b"\xff\xfe{}", 400, None),
        ('{"title": NaN}', 400, None),
        ("[]", 400, None),
        ("{}", 400, "title"),
        ('{"title": ""}', 400, "title"),
        ('{"title": "x", "colour": "red"}', 400, "colour"),
        ('{"title": 42}', 400, "title"),
        ('{"title": "x", "tlp": "PURPLE"}', 400, "tlp"),
        ('{"title": "x", "substances": ["sugar"]}', 400, "substances.0"),
        ('{"title": "' + "x" * 201 + '"}', 400, "title"),
        ('{"title": "line\\nbreak"}', 400, "title"),
        ('{"title": "evil\\u202eeman"}', 400, "title"),
        ('{"title": "nul\\u0000"}', 400, "title"),
        ('{"title": "x", "contact": {"phone": "call me"}}', 400, "contact.phone"),
        ("[" * 5000 + "]" * 5000, 400, None),
    ],
)
def test_invalid_case_bodies_are_rejected_and_nothing_is_written(api, body, status, field):
    response = api.call("POST", "/v1/cases", "DEA", body)
    assert response.status_code == status, response.body
    assert response.headers["content-type"] == "application/problem+json"
    assert set(response.data) >= {"type", "title", "status", "detail"}
    if field:
        assert field in [error["field"] for error in response.data["errors"]]
    assert "Traceback" not in response.body.decode()
    assert _no_case_written()


def test_oversized_body_is_413(api):
    response = api.call("POST", "/v1/cases", "DEA", '{"title": "x", "summary": "' + "a" * 70_000 + '"}')
    assert response.status_code == 413
    assert _no_case_written()


def test_non_json_content_type_is_415(api):
    response = api.call("POST", "/v1/cases", "DEA", "title=x", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415
    assert response.headers["content-type"] == "application/problem+json"


def _without_content_type(api, method, path, body: bytes):
    from tests.conftest import ISSUER

    headers = {"Authorization": f"Bearer {ISSUER.token('DEA')}"}
    response = api.client.http.request(method, path, headers=headers, body=body)
    response.headers = {name.lower(): value for name, value in response.headers.items()}
    return response


@pytest.mark.parametrize("body", [b'{"title": "x"}', b"title=x", b" "])
def test_a_body_without_content_type_is_415_not_read_as_json(api, body):
    """Chalice takes a request without Content-Type for JSON; a form post is not JSON by default."""
    response = _without_content_type(api, "POST", "/v1/cases", body)
    assert response.status_code == 415, response.body
    assert response.headers["content-type"] == "application/problem+json"
    assert _no_case_written()


def test_a_patch_without_content_type_is_415(api):
    case = api.open_case()
    response = _without_content_type(api, "PATCH", f"/v1/cases/{case['case_id']}", b'{"title": "y"}')
    assert response.status_code == 415, response.body


def test_a_post_without_a_body_needs_no_content_type(api):
    assert _without_content_type(api, "POST", "/v1/cases", b"").status_code == 400  # the title is missing
    case = api.open_case()
    pres = api.call(
        "POST", f"/v1/cases/{case['case_id']}/preservations", "DEA", load_event("api/request-preservation.json")
    )
    extended = _without_content_type(api, "POST", f"/v1/preservations/{pres.data['preservation_id']}/extend", b"")
    assert extended.status_code != 415, extended.body


def test_unsupported_method_is_a_problem(api):
    response = api.call("DELETE", "/v1/cases", "DEA")
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    "bad_id", ["nope", "ref_01JAAAAAAAAAAAAAAAAAAAAAAA", "case_" + "Z" * 40, "case_01JAAAAAAAAAAAAAAAAAAAAAAU"]
)
def test_bad_case_ids_are_404(api, bad_id):
    response = api.call("GET", f"/v1/cases/{bad_id}", "DEA")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    "query",
    # "³" is a digit to str.isdigit and not to int(): make fuzz found it as a 500.
    ["limit=0", "limit=101", "limit=ten", "limit=%C2%B3", "status=lost", "cursor=forged.sig"],
)
def test_bad_list_parameters_are_400(api, query):
    response = api.call("GET", f"/v1/cases?{query}", "DEA")
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"


def test_respond_by_in_the_past_is_400(api):
    case = api.open_case()
    body = {"to_org": "HSI", "reason": "r", "respond_by": "2001-01-01T00:00:00Z"}
    response = api.call("POST", f"/v1/cases/{case['case_id']}/referrals", "DEA", body)
    assert response.status_code == 400
    assert response.data["errors"][0]["field"] == "respond_by"


def test_idempotency_key_with_control_characters_is_400(api):
    response = api.call("POST", "/v1/cases", "DEA", {"title": "x"}, headers={"Idempotency-Key": "a b\tc"})
    assert response.status_code == 400
    assert _no_case_written()


@pytest.mark.parametrize("when", ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z"])
def test_far_times_in_tips_are_400_naming_the_field(api, when):
    body = load_event("api/submit-tip.json")
    body["preserved_until"] = when
    response = api.call("POST", "/v1/tips", "META", body)
    assert response.status_code == 400, response.body
    assert response.data["errors"][0]["field"] == "preserved_until"

"""Inputs a fuzzer will not think of: each a clear problem response, and nothing written."""

from __future__ import annotations

import json
from typing import Any

import pytest

from chalicelib.settings import settings
from tests.conftest import load_event


def table_items() -> list[dict[str, Any]]:
    """The test's own look at the whole table (the app never scans)."""
    from chalicelib.storage.table import Item

    return sorted((item.serialize() for item in Item.scan()), key=lambda item: (item["pk"]["S"], item["sk"]["S"]))


def body_of_size(size: int) -> str:
    """A case body of exactly `size` bytes: the summary is padded."""
    skeleton = '{"title": "Pill press", "summary": "%s"}'
    return skeleton % ("x" * (size - len(skeleton) + 2))


def test_a_body_at_the_limit_is_read_and_one_byte_over_is_413(api):
    limit = settings().max_body_bytes
    at_limit = body_of_size(limit)
    assert len(at_limit.encode()) == limit
    response = api.call("POST", "/v1/cases", "DEA", at_limit)
    # Read and validated (the summary is longer than a summary may be), not refused for size.
    assert response.status_code == 400
    assert response.data["errors"][0]["field"] == "summary"
    before = table_items()
    over = api.call("POST", "/v1/cases", "DEA", body_of_size(limit + 1))
    assert over.status_code == 413
    assert over.headers["content-type"] == "application/problem+json"
    assert table_items() == before


def test_a_tip_batch_over_its_own_limit_is_413(api):
    limit = settings().max_batch_body_bytes
    tip = load_event("api/submit-tip.json")
    padding = "p" * (limit // 100)
    batch = {"tips": [{**tip, "platform_reference": f"ref-{i}", "content_references": [padding]} for i in range(100)]}
    body = json.dumps(batch)
    assert len(body) > limit
    before = table_items()
    assert api.call("POST", "/v1/tips/batch", "META", body).status_code == 413
    assert table_items() == before


HOSTILE_BODIES = {
    "nested 30,000 deep": '{"title": "t", "substances": ' + "[" * 30_000 + "]" * 30_000 + "}",
    "a huge array": json.dumps({"title": "t", "substances": ["fentanyl"] * 5_000}),
    "a number as a string": '{"title": "t", "marking": "TLP:AMBER", "jurisdiction": 7}',
    "NaN": '{"title": NaN}',
    "Infinity": '{"title": "t", "summary": Infinity}',
    "a number too large for a double": '{"title": "t", "summary": 1e400}',
    "invalid UTF-8": b'{"title": "\xff\xfe pill press"}',
    "an overlong UTF-8 slash": b'{"title": "\xc0\xaf"}',
    "a lone surrogate": '{"title": "vendor \\ud800"}',
    "a NUL in the title": json.dumps({"title": "vendor\u0000"}),
    "a bell in the title": json.dumps({"title": "vendor\u0007"}),
    "a right-to-left override in the title": json.dumps({"title": "invoice \u202egnp.exe"}),
    "a bidi isolate in the title": json.dumps({"title": "vendor \u2066x\u2069"}),
    "the same name twice": '{"title": "Pill press", "title": "Something else"}',
    "a JSON array": '[{"title": "t"}]',
    "a bare string": '"title"',
    "an empty body": "",
    "trailing garbage": '{"title": "t"} {"title": "u"}',
}


@pytest.mark.parametrize("name", list(HOSTILE_BODIES))
def test_hostile_case_bodies_are_400_and_write_nothing(api, name):
    before = table_items()
    response = api.call("POST", "/v1/cases", "DEA", HOSTILE_BODIES[name], headers={"Idempotency-Key": "hostile"})
    assert response.status_code == 400, response.body
    assert response.headers["content-type"] == "application/problem+json"
    assert set(response.data) >= {"type", "title", "status", "detail"}
    assert table_items() == before


@pytest.mark.parametrize("text", ["see \u202eexe.gnp", "bell\u0007", "nul\u0000"])
def test_notes_refuse_control_and_bidi_characters(api, text):
    case = api.open_case()["case_id"]
    response = api.call("POST", f"/v1/cases/{case}/notes", "DEA", {"text": text})
    assert response.status_code == 400
    assert response.data["errors"][0]["field"] == "text"


def test_a_referral_naming_its_receiver_twice_is_refused_not_read_either_way(api):
    case = api.open_case()["case_id"]
    body = '{"to_org": "HSI", "reason": "Border nexus", "to_org": "ATF"}'
    response = api.call("POST", f"/v1/cases/{case}/referrals", "DEA", body)
    assert response.status_code == 400
    assert "to_org" in response.data["detail"]


@pytest.mark.parametrize(
    "key",
    ["a\r\nX-Injected: yes", "a\nb", "\u00e9t\u00e9", "k" * 256, "", " ", "tab\there"],
    ids=["CRLF", "LF", "non-ASCII", "256 characters", "empty", "a space", "a tab"],
)
def test_idempotency_keys_that_could_inject_headers_or_mislead_are_400(api, key):
    before = table_items()
    response = api.call("POST", "/v1/cases", "DEA", {"title": "t"}, headers={"Idempotency-Key": key})
    assert response.status_code == 400
    assert table_items() == before


def cases_cursor(api: Any, org: str) -> str:
    for n in range(3):
        api.open_case(org, title=f"{org} case {n}")
    page = api.call("GET", "/v1/cases?limit=1", org)
    assert page.status_code == 200
    cursor = page.data["next_cursor"]
    assert cursor
    return str(cursor)


def test_another_organisations_cursor_is_400(api):
    dea_cursor = cases_cursor(api, "DEA")
    cases_cursor(api, "HSI")
    response = api.call("GET", f"/v1/cases?limit=1&cursor={dea_cursor}", "HSI")
    assert response.status_code == 400
    assert "cursor" in response.data["detail"]


def test_a_cursor_from_another_list_or_filter_is_400(api):
    cursor = cases_cursor(api, "DEA")
    assert api.call("GET", f"/v1/referrals?box=inbound&cursor={cursor}", "DEA").status_code == 400
    assert api.call("GET", f"/v1/cases?limit=1&status=closed&cursor={cursor}", "DEA").status_code == 400


@pytest.mark.parametrize("edit", ["payload", "signature", "truncate", "swap", "non-ascii"])
def test_a_tampered_cursor_is_400(api, edit):
    import base64

    cursor = cases_cursor(api, "DEA")
    payload, signature = cursor.split(".")
    key = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    if edit == "payload":
        # Point the key at another organisation's membership partition, keeping the signature.
        key["pk"] = {"S": "ORG#HSI"}
        forged = base64.urlsafe_b64encode(json.dumps(key).encode()).rstrip(b"=").decode()
        cursor = f"{forged}.{signature}"
    elif edit == "signature":
        cursor = f"{payload}.{signature[:-2]}{'AA' if signature[-2:] != 'AA' else 'BB'}"
    elif edit == "truncate":
        cursor = payload
    elif edit == "non-ascii":
        # Found by the stateful fuzz: hmac.compare_digest raised TypeError on non-ASCII text (a 500).
        cursor = f"{payload}.{signature[:-1]}%C3%A9"
    else:
        cursor = f"{signature}.{payload}"
    assert api.call("GET", f"/v1/cases?limit=1&cursor={cursor}", "DEA").status_code == 400


@pytest.mark.parametrize(
    ("path", "org"),
    [
        ("/v1/cases/ref_01JD3M5G6VQ8Z3K2W1X0Y9T8R7", "DEA"),
        ("/v1/cases/tip_01JD3M5G6VQ8Z3K2W1X0Y9T8R7", "DEA"),
        ("/v1/referrals/case_01JD3M5G6VQ8Z3K2W1X0Y9T8R7", "DEA"),
        ("/v1/operations/case_01JD3M5G6VQ8Z3K2W1X0Y9T8R7", "DEA"),
        ("/v1/tips/pres_01JD3M5G6VQ8Z3K2W1X0Y9T8R7", "DEA"),
        ("/v1/tips/case_01JD3M5G6VQ8Z3K2W1X0Y9T8R7", "META"),
        ("/v1/preservations/tip_01JD3M5G6VQ8Z3K2W1X0Y9T8R7", "META"),
        ("/v1/deconfliction/hits/conf_01JD3M5G6VQ8Z3K2W1X0Y9T8R7", "DEA"),
    ],
)
def test_an_id_of_another_type_is_404(api, path, org):
    response = api.call("GET", path, org)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_an_id_of_another_type_naming_a_real_resource_is_still_404(api):
    """A real referral id used as a case id must not reach the referral."""
    case = api.open_case()["case_id"]
    referral = api.refer(case)["referral_id"]
    assert api.call("GET", f"/v1/cases/{referral}", "DEA").status_code == 404
    assert api.call("GET", f"/v1/referrals/{case}", "DEA").status_code == 404
